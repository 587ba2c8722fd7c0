"""The alias tables of the facts (entities and topics), matched on an article's words.

Read from the fact files' raw records (no validation): drafting needs names, not a checked
pack. The longest alias wins; an alias written with a capital only matches a capitalised
word ("Western" the group, not "western" the adjective in lower case).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from belarus_nato_cli.draft.tokens import Token, fold_phrase
from belarus_nato_cli.errors import Problem


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    new: bool = False  # drafted from this article, not yet in the facts


@dataclass(frozen=True, slots=True)
class Mention:
    """Tokens [start, end) of a sentence that name a known entity or topic."""

    start: int
    end: int
    id: str
    alias: str  # as the table writes it


class AliasTable:
    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.topics: dict[str, str] = {}  # id -> label
        self.sources: set[str] = set()  # source ids the facts already use
        self._keys: dict[str, dict[tuple[str, ...], tuple[str, str]]] = {
            "entity": {},
            "topic": {},
        }
        # first word -> the lengths (in words) of the aliases that start with it, longest first
        self._lengths: dict[str, dict[str, list[int]]] = {"entity": {}, "topic": {}}

    def add_entity(self, entity: Entity) -> None:
        self.entities.setdefault(entity.id, entity)
        for alias in (entity.name, *entity.aliases):
            self._add("entity", alias, entity.id)

    def add_topic(self, topic_id: str, label: str, aliases: Iterable[str]) -> None:
        self.topics.setdefault(topic_id, label)
        for alias in (label, *aliases):
            self._add("topic", alias, topic_id)

    def add_alias(self, entity_id: str, alias: str) -> None:
        self.entities[entity_id].aliases.append(alias)
        self._add("entity", alias, entity_id)

    def _add(self, table: str, alias: str, target: str) -> None:
        key = fold_phrase(alias)
        if key:
            # the first definition of an alias wins: the facts are read in a stable order
            self._keys[table].setdefault(key, (target, alias))
            lengths = self._lengths[table].setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    def lookup(self, phrase: str) -> str | None:
        """The entity an exact phrase names, if any."""
        hit = self._keys["entity"].get(fold_phrase(phrase))
        return hit[0] if hit else None

    def find(self, tokens: list[Token], table: str = "entity") -> list[Mention]:
        """Non-overlapping mentions, longest first, left to right."""
        keys, lengths = self._keys[table], self._lengths[table]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            options = lengths.get(tokens[i].key)
            hit = self._longest_at(tokens, i, keys, options) if options else None
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.end
        return out

    def _longest_at(
        self,
        tokens: list[Token],
        i: int,
        keys: dict[tuple[str, ...], tuple[str, str]],
        lengths: list[int],
    ) -> Mention | None:
        if not tokens[i].is_word:
            return None
        for n in lengths:
            if i + n > len(tokens):
                continue
            key = tuple(t.key for t in tokens[i : i + n])
            hit = keys.get(key)
            if hit is None:
                continue
            target, alias = hit
            if alias[0].isupper() and not tokens[i].is_capital:
                continue
            return Mention(i, i + n, target, alias)
        return None


def load_alias_table(paths: list[str]) -> tuple[AliasTable, list[Problem]]:
    """The entities and topics (and the source ids) of the fact packs, and the problems of
    any part that cannot be read."""
    from belarus_nato_cli.model.discovery import discover
    from belarus_nato_cli.model.reading import Part, read_records

    table = AliasTable()
    files, problems = discover(paths)
    for path in files:
        for raw in read_records(path, problems, Part.OTHERS):
            data = raw.data or {}
            if raw.type == "entity" and _strings(data, "id", "name", "kind"):
                aliases = [a for a in data.get("aliases", []) if isinstance(a, str)]
                table.add_entity(Entity(data["id"], data["name"], data["kind"], aliases))
            elif raw.type == "source" and _strings(data, "id"):
                table.sources.add(data["id"])
            elif raw.type == "topic" and _strings(data, "id", "label"):
                aliases = [a for a in data.get("aliases", []) if isinstance(a, str)]
                table.add_topic(data["id"], data["label"], aliases)
    return table, problems


def _strings(data: dict[str, object], *keys: str) -> bool:
    return all(isinstance(data.get(k), str) for k in keys)
