"""New draft entities: people, groups and outlets the facts do not know yet, named as a
curator would name them ("Lithuania's Ministry of National Defence" is the Lithuanian
Ministry of National Defence) and given the kind their words suggest."""

from __future__ import annotations

import re
import unicodedata

from belarus_nato_cli.draft.aliases import AliasTable, Entity
from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.tokens import Token

_NEWS = frozenset(["news", "press", "state-run", "wire"])
_GOVERNING = frozenset(
    "government governments authorities ministry military army parliament kremlin council "
    "embassy embassies mission".split()
)


def kind_of(name: str, title: str | None, context: set[str], media: bool, rules: Rules) -> str:
    """The kind of an unknown capitalised name: an outlet, a body or a person."""
    words = {w.casefold() for w in re.findall(r"\w+", name)}
    if context & rules.media or (media and not title):
        return "media"
    if words & rules.organisations:
        return "organisation"
    if title or len(words) >= 2 or not name.isupper():
        return "person"
    return "organisation"


def group_kind(words: list[Token], rules: Rules) -> str:
    """ "state television" and "the state news agency" are outlets, "the Lithuanian
    government" a government, "Ukraine's border guard service" a body."""
    head = words[-1].key
    if head in rules.outlets or (head in rules.media and any(t.key in _NEWS for t in words)):
        return "media"
    if head in _GOVERNING:
        return "government"
    return "organisation" if head in rules.organisations else "group"


def adjective(table: AliasTable, entity_id: str) -> str | None:
    """A state's adjective among its aliases ("Lithuanian" for Lithuania, "Polish" for
    Poland): one word that starts as the name does."""
    entity = table.entities[entity_id]
    if entity.kind != "state":
        return None
    stem = entity.name[:3].casefold()
    for alias in entity.aliases:
        if " " not in alias and alias != entity.name and alias.casefold().startswith(stem):
            return alias
    return None


def new_entity(table: AliasTable, name: str, kind: str) -> str:
    """A draft entity for a speaker the facts do not know; a person's surname becomes an
    alias, so a later "Kowalski said" finds them."""
    base = _slug(name) or "speaker"
    entity_id, n = base, 2
    while entity_id in table.entities:
        entity_id, n = f"{base}-{n}", n + 1
    table.add_entity(Entity(entity_id, name, kind, [], new=True))
    parts = name.split()
    if kind == "person" and len(parts) >= 2 and table.lookup(parts[-1]) is None:
        table.add_alias(entity_id, parts[-1])
    return entity_id


# letters that Unicode does not decompose into a base letter and a mark
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    ascii_name = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:60]
