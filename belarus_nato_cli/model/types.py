"""The validated models of the fact files (pydantic v2, strict, no unknown keys).

Imported only by validation, index builds and `schema`: the query path reads the index.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from belarus_nato_cli.edtf import edtf_bounds
from belarus_nato_cli.errors import BadDate

MAX_QUOTE_WORDS = 12
# Packs come from strangers too: every list has a bound (stated in the README), far above
# what curated facts need, so a hostile record is one problem line, not a slow build.
MAX_ALIASES = 100
MAX_ACTORS = 50
MAX_TOPICS = 50
MAX_EVIDENCE = 20
MAX_LINKS = 50
MAX_NOTES = 20
MAX_HEDGES = 20
MAX_TERMS = 200

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        max_length=80,
        description="Stable, human-readable id: lower-case letters, digits, '.', '_', '-'.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]


def _edtf(value: str) -> str:
    try:
        edtf_bounds(value)
    except BadDate as exc:  # becomes one readable pydantic error line
        raise ValueError(str(exc)) from None
    return value


Edtf = Annotated[
    str,
    AfterValidator(_edtf),
    Field(
        description="EDTF level 0/1 subset: 2021, 2021-11, 2021-11-23, 2021-11/.., 2021-11/, "
        "../2021, 201X, with an optional ? (uncertain) or ~ (approximate) qualifier.",
        examples=["2021-11/..", "2024-02-21?"],
        pattern=r"^[0-9X.?~%/-]+$",
    ),
]

EntityKind = Literal[
    "person", "state", "government", "alliance", "organisation", "group", "region", "media"
]
Certainty = Literal["certain", "probable", "possible", "unknown"]
Attribution = Literal[
    "direct_quote",
    "indirect_speech",
    "official_announcement",
    "official_statement",
    "media_report",
    "author_assertion",
    "author_analysis",
    "unattributed_framing",
]
Role = Literal["subject", "object", "partner", "counterpart", "target", "location", "mentioned"]
LinkKind = Literal["corroborates", "contradicts", "context"]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(Strict):
    """A document that states claims."""

    id: Id
    title: Text | None = None
    publisher: Text | None = None
    url: Text | None = None
    published: Edtf | None = Field(None, description="Publication date; null when unknown.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    updated: Edtf | None = Field(
        None, description="A last-updated stamp, when that is all it shows."
    )
    retrieved: Edtf | None = None
    file: Annotated[str, Field(pattern=r"^[^/\\]+$")] | None = Field(
        None, description="File name of the text that evidence offsets refer to."
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    length: Annotated[int, Field(ge=0)] | None = Field(
        None, description="Length of that text in Unicode code points."
    )
    reliability: Text | None = Field(None, description="Curator's note on how far to trust it.")
    notes: Annotated[list[Text], Field(max_length=MAX_NOTES)] = Field(default_factory=list)


class Entity(Strict):
    id: Id
    kind: EntityKind
    name: Text
    aliases: Annotated[list[Text], Field(max_length=MAX_ALIASES)] = Field(default_factory=list)
    description: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    notes: Annotated[list[Text], Field(max_length=MAX_NOTES)] = Field(default_factory=list)


class Topic(Strict):
    id: Id
    label: Text
    aliases: Annotated[list[Text], Field(max_length=MAX_ALIASES)] = Field(default_factory=list)
    parent: Id | None = None
    description: Text | None = None


class ActorRole(Strict):
    entity: Id
    role: Role


class Evidence(Strict):
    """Where a source states the claim: a short exact phrase, located by code-point offsets."""

    source: Id
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None
    quote: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    locator: Text | None = Field(
        None, description="Where in the source, when offsets are not at hand."
    )

    @model_validator(mode="after")
    def _check(self) -> Evidence:
        if self.quote is not None and len(self.quote.split()) > MAX_QUOTE_WORDS:
            raise ValueError(
                f"quote has {len(self.quote.split())} words; at most {MAX_QUOTE_WORDS} allowed"
            )
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end, or neither")
        if self.start is not None and self.end is not None:
            if self.end <= self.start:
                raise ValueError(f"end ({self.end}) must be after start ({self.start})")
            if self.quote is None:
                raise ValueError("offsets need the quote they point at")
            if len(self.quote) != self.end - self.start:
                raise ValueError(
                    f"quote is {len(self.quote)} characters but the offsets span "
                    f"{self.end - self.start}"
                )
        return self


class Link(Strict):
    kind: LinkKind
    target: Id
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class Statement(Strict):
    id: Id
    text: Text
    speaker: Id | None = Field(None, description="Entity id; null for the source's own analysis.")
    speaker_title: Text | None = Field(
        None, description="The speaker's title as the source gives it."
    )
    attribution: Attribution
    cue: Text | None = Field(None, description="The reporting cue, e.g. 'according to'.")
    certainty: Certainty
    hedges: Annotated[list[Text], Field(max_length=MAX_HEDGES)] = Field(
        default_factory=list, description="The hedge cues that set the certainty."
    )
    actors: Annotated[list[ActorRole], Field(max_length=MAX_ACTORS)] = Field(default_factory=list)
    topics: Annotated[list[Id], Field(max_length=MAX_TOPICS)] = Field(default_factory=list)
    about: Edtf | None = Field(None, description="The time the claim concerns; null when unknown.")
    said: Edtf | None = Field(
        None, description="When it was said; null when the source does not say."
    )
    evidence: Annotated[list[Evidence], Field(min_length=1, max_length=MAX_EVIDENCE)]
    links: Annotated[list[Link], Field(max_length=MAX_LINKS)] = Field(default_factory=list)
    notes: Annotated[list[Text], Field(max_length=MAX_NOTES)] = Field(default_factory=list)
    draft: bool = Field(
        False, description="A first draft (from `belarus-nato draft`) that a curator must review."
    )

    @model_validator(mode="after")
    def _check(self) -> Statement:
        if self.speaker_title and not self.speaker:
            raise ValueError("speaker_title given without a speaker")
        if self.certainty == "certain" and self.hedges:
            raise ValueError("a hedged statement cannot be certain")
        return self


class LexiconEntry(Strict):
    """Words `ask` treats as one: spelling variants, or synonyms users may type."""

    id: Id
    kind: Literal["spelling", "synonym"]
    terms: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=60)]],
        Field(min_length=2, max_length=MAX_TERMS),
    ]


class FactFile(Strict):
    """One TOML fact file. Every list is optional; ids are unique across all loaded files."""

    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    lexicon: list[LexiconEntry] = Field(default_factory=list)


RECORD_TYPES: dict[str, type[Strict]] = {
    "source": Source,
    "entity": Entity,
    "topic": Topic,
    "statement": Statement,
    "lexicon": LexiconEntry,
}


# A JSON Lines pack holds records of every type, one a line, each naming its type.


class SourceLine(Source):
    type: Literal["source"]


class EntityLine(Entity):
    type: Literal["entity"]


class TopicLine(Topic):
    type: Literal["topic"]


class StatementLine(Statement):
    type: Literal["statement"]


class LexiconLine(LexiconEntry):
    type: Literal["lexicon"]


JsonLine = Annotated[
    SourceLine | EntityLine | TopicLine | StatementLine | LexiconLine,
    Field(discriminator="type"),
]
LINE_TYPES: dict[str, type[Strict]] = {
    "source": SourceLine,
    "entity": EntityLine,
    "topic": TopicLine,
    "statement": StatementLine,
    "lexicon": LexiconLine,
}
