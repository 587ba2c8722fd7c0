"""One sentence as the speaker finder reads it, the speaker it finds, and what the article
said before: the titles it gave, who spoke last, whom "he", "she", "it" and "the minister"
can mean."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from belarus_nato_cli.draft.aliases import AliasTable, Mention
from belarus_nato_cli.draft.tokens import Token, span_text


@dataclass
class Speaker:
    entity: str
    start: int  # tokens [start, end) of the sentence name the speaker, title included
    end: int
    title: str | None = None
    how: str | None = None  # how it was resolved, when not by name ("'he' read as ...")


@dataclass
class View:
    """One sentence as the speaker finder reads it."""

    text: str
    tokens: list[Token]
    mentions: list[Mention]

    def __post_init__(self) -> None:
        self.by_end = {m.end: m for m in self.mentions}
        self.by_start = {m.start: m for m in self.mentions}

    def words(self, i: int, j: int) -> str:
        return span_text(self.text, self.tokens, i, j)


@dataclass
class Memory:
    """What earlier sentences of the article said about people and bodies."""

    titles: dict[str, str] = field(default_factory=dict)
    last_speaker: str | None = None  # the last person who spoke
    first_person: str | None = None  # the person a sentence opened with
    recent: list[str] = field(default_factory=list)  # entities in order of mention
    pronouns: dict[str, str] = field(default_factory=dict)  # person -> "he" or "she"
    last_body: str | None = None  # a body (not a person) that spoke in the last sentence

    def person(self, pronoun: str, at: int, table: AliasTable) -> Speaker | None:
        """ "he", "she": the person the last sentence opened with, else the last to speak,
        else the latest person named; never one the article has called by the other
        pronoun."""
        word = pronoun.casefold()
        persons = [e for e in reversed(self.recent) if table.entities[e].kind == "person"]
        for person in (self.first_person, self.last_speaker, *persons):
            if person is None or self.pronouns.get(person, word) != word:
                continue
            self.pronouns[person] = word
            name = table.entities[person].name
            return Speaker(person, at, at + 1, None, f"'{pronoun}' read as {name}")
        return None

    def body(self, pronoun: str, at: int, table: AliasTable) -> Speaker | None:
        """ "it", "they": the body that spoke in the sentence before, if one did."""
        if self.last_body is None:
            return None
        name = table.entities[self.last_body].name
        return Speaker(self.last_body, at, at + 1, None, f"'{pronoun}' read as {name}")

    def described(self, word: str, table: AliasTable) -> str | None:
        """The latest entity the article has named with this title or name word."""
        for entity_id in reversed(self.recent):
            title = self.titles.get(entity_id, "")
            name = table.entities[entity_id].name
            if word in re.findall(r"\w+", f"{title} {name}".casefold()):
                return entity_id
        return None
