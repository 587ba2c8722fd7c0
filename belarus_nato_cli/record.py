"""The statement record: the one definition of what a query yields, what `--fields` offers,
what tsv, csv and tables print and what the README documents.

A field is "flat" when it reads only the keys of `FlatRecord`, which the index keeps as plain
columns: SQLite gives them without the stored JSON being decoded, so listings of flat fields
print much faster. mypy checks the claim: a flat field's reader takes a `FlatRecord`.

To add a field: add its key to the record below (and fill it in the store), then one
`flat_field` or `full_field` entry to `STATEMENT_FIELDS`; the README's tables are generated
from here.

Standard library only: the piped paths import this.
"""

# no `from __future__ import annotations`: TypedDict reads NotRequired at run time
from collections.abc import Callable, Iterable
from typing import NamedTuple, NotRequired, TypedDict


class Speaker(TypedDict):
    id: str
    name: str
    title: str | None  # the title the source gives, if any


class ActorRef(TypedDict):
    id: str
    name: str
    role: str


class TopicRef(TypedDict):
    id: str
    label: str


class Evidence(TypedDict):
    source: str
    start: int | None  # code-point offsets into the source text, end exclusive
    end: int | None
    quote: str | None
    locator: str | None


class SourceRef(TypedDict):
    """A source of a statement's evidence, with what a citation needs."""

    id: str
    title: str | None
    publisher: str | None
    published: str | None  # EDTF
    url: str | None


class Link(TypedDict):
    kind: str  # corroborates | contradicts | context
    direction: str  # out: this statement links to the other; in: the other links here
    id: str
    reason: str
    source: str | None  # the other statement's first source
    date: str | None  # the other statement's date


class FlatRecord(TypedDict):
    """The keys the index keeps as plain columns (see the module docstring)."""

    id: str
    text: str
    speaker: Speaker | None
    attribution: str
    cue: str | None
    certainty: str
    about: str | None
    said: str | None
    disputed: bool  # a contradicts link joins it to another statement, either way
    corroborated: bool  # a corroborates link joins it to another statement, either way
    score: NotRequired[float]  # only on ranked results


class StatementRecord(FlatRecord):
    """A statement in full: the stable JSON record (`--format json`)."""

    hedges: list[str]
    actors: list[ActorRef]
    topics: list[TopicRef]
    evidence: list[Evidence]
    sources: list[SourceRef]  # the evidence's sources, once each, in order
    links: list[Link]
    notes: list[str]
    matched: NotRequired[list[str]]  # only with --text: the fields that hold its words


# The JSON record's keys as the README describes them (generated from here; a test holds
# this to StatementRecord).
RECORD_KEYS_DOC: tuple[tuple[tuple[str, ...], str], ...] = (
    (("id", "text"), "strings: the stable id, the claim in the project's own words"),
    (
        ("speaker",),
        "`null` (the source's own analysis) or `{id, name, title}`; `title` is the title the"
        " source gives, or `null`",
    ),
    (
        ("attribution", "cue"),
        "how the source attributes it (`direct_quote`, `indirect_speech`,"
        " `official_announcement`, `official_statement`, `media_report`, `author_assertion`,"
        " `author_analysis`, `unattributed_framing`) and the reporting cue",
    ),
    (
        ("certainty", "hedges"),
        "`certain`, `probable`, `possible` or `unknown`, and the hedge cues that set it",
    ),
    (("actors",), "list of `{id, name, role}`"),
    (("topics",), "list of `{id, label}`"),
    (
        ("about", "said"),
        "EDTF strings or `null`: the time the claim concerns, and when it was said",
    ),
    (
        ("evidence",),
        "list of `{source, start, end, quote, locator}`: `start`/`end` are Unicode code-point"
        " offsets into the source text (end exclusive), `null` where the text is not at hand",
    ),
    (
        ("sources",),
        "the evidence's sources, once each, for citing: list of"
        " `{id, title, publisher, published, url}` (`null` where unknown)",
    ),
    (("links",), "list of `{kind, direction, id, reason, source, date}` (see fact packs)"),
    (("notes",), "curator notes"),
    (
        ("disputed", "corroborated"),
        "booleans: a `contradicts` or a `corroborates` link joins it to another statement"
        " (either way)",
    ),
    (("score",), "only on ranked results (`--text`, `ask`)"),
    (("matched",), "only with `--text`: the fields that hold its words"),
)


class IdRecord(TypedDict):
    """All an `--format ids` listing needs."""

    id: str


class Field(NamedTuple):
    """A column of a statement listing."""

    help: str  # what it shows, for --fields and the README
    read: Callable[[StatementRecord], str]
    read_flat: Callable[[FlatRecord], str] | None  # set when the plain columns suffice

    @property
    def flat(self) -> bool:
        return self.read_flat is not None


def flat_field(help: str, read: Callable[[FlatRecord], str]) -> Field:
    return Field(help, read, read)


def full_field(help: str, read: Callable[[StatementRecord], str]) -> Field:
    return Field(help, read, None)


def join(items: Iterable[object], sep: str = ", ") -> str:
    """Non-empty items as one cell."""
    return sep.join(str(i) for i in items if i)


def date(r: FlatRecord) -> str:
    return r["about"] or r["said"] or ""


def _score(r: FlatRecord) -> str:
    score = r.get("score")
    return "" if score is None else f"{score:.3f}"


def _cite(key: str) -> Callable[[StatementRecord], str]:
    """One citation detail of each source, ` | `-separated; an unknown one stays an empty
    place, so the n-th value is always the n-th source's."""

    def read(r: StatementRecord) -> str:
        return " | ".join(s[key] or "" for s in r["sources"])  # type: ignore[literal-required]

    return read


STATEMENT_FIELDS: dict[str, Field] = {
    "id": flat_field("the statement's stable id", lambda r: r["id"]),
    "date": flat_field("`about`, or else `said`", date),
    "about": flat_field("the time the claim concerns (EDTF)", lambda r: r["about"] or ""),
    "said": flat_field("when it was said (EDTF)", lambda r: r["said"] or ""),
    "speaker": flat_field(
        "the speaker's name", lambda r: r["speaker"]["name"] if r["speaker"] else ""
    ),
    "speaker_id": flat_field(
        "the speaker's entity id", lambda r: r["speaker"]["id"] if r["speaker"] else ""
    ),
    "title": flat_field(
        "the speaker's title as the source gives it",
        lambda r: (r["speaker"]["title"] or "") if r["speaker"] else "",
    ),
    "attribution": flat_field("how the source attributes it", lambda r: r["attribution"]),
    "cue": flat_field("the reporting cue", lambda r: r["cue"] or ""),
    "certainty": flat_field("certain, probable, possible or unknown", lambda r: r["certainty"]),
    "hedges": full_field("the hedge cues, `; `-separated", lambda r: join(r["hedges"], "; ")),
    "actors": full_field("the actors' ids", lambda r: join(a["id"] for a in r["actors"])),
    "topics": full_field("the topics' ids", lambda r: join(t["id"] for t in r["topics"])),
    "sources": full_field(
        "the ids of the sources of the evidence",
        lambda r: join(dict.fromkeys(e["source"] for e in r["evidence"])),
    ),
    "source_title": full_field("each source's title", _cite("title")),
    "publisher": full_field("each source's publisher", _cite("publisher")),
    "published": full_field("each source's publication date (EDTF)", _cite("published")),
    "url": full_field("each source's address", _cite("url")),
    "quotes": full_field(
        "the evidence phrases, ` | `-separated",
        lambda r: join((e["quote"] for e in r["evidence"]), " | "),
    ),
    "text": flat_field("the claim in the project's own words", lambda r: r["text"]),
    "notes": full_field("curator notes, ` | `-separated", lambda r: join(r["notes"], " | ")),
    "links": full_field(
        "`kind:direction:id` of each link",
        lambda r: join(f"{x['kind']}:{x['direction']}:{x['id']}" for x in r["links"]),
    ),
    "score": flat_field("the relevance score of a ranked result", _score),
    "matched": full_field(
        "with --text: the fields holding the words (text, quotes, cue, title, speaker, actors,"
        " topics)",
        lambda r: join(r.get("matched", ())),
    ),
}
STATEMENT_DEFAULT = ["id", "date", "speaker", "certainty", "text"]


def flat_names() -> frozenset[str]:
    """The fields a listing of plain columns can print."""
    return frozenset(name for name, field in STATEMENT_FIELDS.items() if field.flat)


def period(r: FlatRecord) -> str:
    """The year-month (or year) a statement is filed under in the timeline: an interval
    under its start (its end when only that is known)."""
    return _period_of(r["about"] or r["said"])


def said_period(r: FlatRecord) -> str:
    """As `period`, by when the statement was said (`timeline --said`)."""
    return _period_of(r["said"])


def _period_of(when: str | None) -> str:
    if not when:
        return "undated"
    start, _, end = when.partition("/")
    part = start if start not in ("", "..") else end
    return part.rstrip("?~%")[:7]


TIMELINE_FIELDS: dict[str, Field] = {
    "period": flat_field("the year-month (or year) the timeline files it under", period),
    **STATEMENT_FIELDS,
}
SAID_TIMELINE_FIELDS: dict[str, Field] = {
    **TIMELINE_FIELDS,
    "period": flat_field("the year-month (or year) it was said in", said_period),
}
TIMELINE_DEFAULT = ["period", *STATEMENT_DEFAULT]


# -- the catalogues ---------------------------------------------------------------------------


class EntityRow(TypedDict):
    id: str
    kind: str
    name: str
    statements: int
    description: str | None  # the curated description (`--fields description`)


class TopicRow(TypedDict):
    id: str
    label: str
    parent: str | None
    statements: int


class SourceRecord(TypedDict):
    id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    updated: str | None
    language: str | None
    reliability: str | None
    notes: list[str]


class SourceRow(SourceRecord):
    statements: int
