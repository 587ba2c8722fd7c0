"""Wording the answer: by question type, with disputes said, from the ranked statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from belarus_nato_cli.ask.parse import REASON
from belarus_nato_cli.ask.words import stems
from belarus_nato_cli.edtf import edtf_bounds, human_edtf

Record = dict[str, Any]
# roles of the parties that take part in what a statement reports
_TAKING_PART = ("subject", "partner", "counterpart", "object")


@dataclass(frozen=True)
class Asked:
    """What the wording needs to know of the question besides its type."""

    speech: bool = False  # it asks what was said
    named: frozenset[str] = frozenset()  # the entities it names (not an answer to "who")
    words: frozenset[str] = frozenset()  # its words that are not names, as words.stems
    party_kinds: frozenset[str] = frozenset()  # "which countries": the kinds asked for


# the parties in the statements: entity id -> (kind, description)
Parties = dict[str, tuple[str, str]]


def label(r: Record) -> str:
    """How firmly the source states it, with hedged and reported claims labelled so."""
    parts = [r["certainty"]]
    if r["hedges"]:
        parts.append("hedged")
    if r["attribution"] in ("indirect_speech", "media_report", "unattributed_framing"):
        parts.append("reported")
    return ", ".join(parts)


def source_of(r: Record) -> str:
    return str(r["evidence"][0]["source"])


def disputes(r: Record) -> list[str]:
    """One line per statement that contradicts this one: which, from what source, and why."""
    out = []
    for d in r.get("disputes", []):
        when = f", {d['date']}" if d.get("date") else ""
        what = "the speaker's title is disputed by" if d["about"] == "title" else "disputed by"
        out.append(f"{what} {d['statement']} ({d['source']}{when}): {d['reason']}")
    return out


def compose(kind: str, results: list[Record], asked: Asked, parties: Parties) -> str:
    best = results[0]
    if kind == "when":
        text = _when(results, asked)
    elif kind == "who":
        text = _who(best, asked, parties)
    elif kind == "which_parties":
        text = _parties(results, asked, parties) or _statement(best)
    elif kind == "where":
        text = _where(best)
    elif kind == "why":
        text = _why(best)
    else:
        text = _statement(best)
    against = disputes(best)
    if against:
        text += " (" + "; ".join(against) + ")"
    return text


def _statement(r: Record) -> str:
    suffix = "" if label(r) == "certain" else f" [{label(r)}]"
    return str(r["text"]) + suffix


def _when(results: list[Record], asked: Asked) -> str:
    """The best statement's date: the time its claim is about, with the sources of the
    statements that agree (it, and those that corroborate it, near or through one another,
    with a date that overlaps: a statement of another event of that time is no source for
    this one); else the date it was said (the answer itself, when the question asks when
    something was said). Other dates only of statements linked to it (corroborating or
    contradicting: the same matter, dated otherwise)."""
    best = results[0]
    when = best["about"]
    if not when:
        said = best["said"]
        if not said:
            return "The facts give no date for this."
        stated = f"{human_edtf(said)} [{said}]"
        if asked.speech:
            return f"{stated}, when it was said ({source_of(best)})"
        return f"No date for the event itself; stated {stated} ({source_of(best)})"
    lo, hi = edtf_bounds(when)

    def overlaps(r: Record) -> bool:
        r_lo, r_hi = edtf_bounds(r["about"])
        return bool(r_lo <= hi and r_hi >= lo)

    about = [r for r in results if r["about"]]
    linked = {x["id"] for x in best["links"]}
    agreeing = _corroborating(best, [r for r in about if overlaps(r)])
    sources = list(dict.fromkeys(e["source"] for r in agreeing for e in r["evidence"]))
    others = list(
        dict.fromkeys(
            f"{human_edtf(r['about'])} [{r['about']}]"
            for r in about
            if r["id"] in linked and not overlaps(r)
        )
    )
    text = f"{human_edtf(when)} [{when}], according to {', '.join(sources)}"
    if others:
        text += "; also: " + "; ".join(others)
    return text


def _corroborating(best: Record, candidates: list[Record]) -> list[Record]:
    """The best statement and those of the candidates joined to it by corroboration, in
    either direction and through one another."""
    by_id = {r["id"]: r for r in candidates}
    found = {best["id"]: best}
    todo = [best]
    while todo:
        for link in todo.pop()["links"]:
            other = by_id.get(link["id"])
            if link["kind"] == "corroborates" and other is not None and other["id"] not in found:
                found[other["id"]] = other
                todo.append(other)
    return [r for r in [best, *candidates] if found.pop(r["id"], None) is not None]


def _who(r: Record, asked: Asked, parties: Parties) -> str:
    """Asked who said something: the speaker and the title the source gives; asked who did
    something: the parties that take part, then the speaker. Never someone the question
    itself names; people whose description shares a word with the question first ("who is
    Belarus's ambassador": the ambassador), then other people; bodies only without people."""
    sp = r["speaker"]
    # those who take part, and people in any role (present, named as a witness)
    others = [
        a
        for a in r["actors"]
        if a["id"] not in asked.named
        and (a["role"] in _TAKING_PART or _kind(parties, a["id"]) == "person")
    ]

    def fit(a: Record) -> tuple[int, bool]:
        kind, about = parties.get(a["id"], ("", ""))
        return (-len(asked.words & stems(about)), kind != "person")

    # "who" asks for people: bodies and states only where no person takes part
    people = [a for a in others if _kind(parties, a["id"]) == "person"]
    names = list(dict.fromkeys(a["name"] for a in sorted(people or others, key=fit)))
    if sp is not None and sp["id"] not in asked.named and (asked.speech or not names):
        title = f", {sp['title']} (title as the source gives it)" if sp.get("title") else ""
        return f"{sp['name']}{title}"
    if names:
        said = f"; as {sp['name']} reports it" if sp is not None else ""
        return f"{', '.join(names)} ({source_of(r)}{said}): {r['text']}"
    if sp is not None:
        return f"{sp['name']} ({source_of(r)}): {r['text']}"
    return f"No named speaker: the source's own analysis ({source_of(r)}): {r['text']}"


def _kind(parties: Parties, eid: str) -> str:
    return parties.get(eid, ("", ""))[0]


def _parties(results: list[Record], asked: Asked, parties: Parties) -> str:
    """The partners the statements name, each with the source that names it: of the kind
    asked for ("which countries": states), and not those the question names."""
    seen: dict[str, list[str]] = {}
    for r in results:
        for a in r["actors"]:
            if a["role"] != "partner" or a["id"] in asked.named:
                continue
            if asked.party_kinds and _kind(parties, a["id"]) not in asked.party_kinds:
                continue
            seen.setdefault(a["name"], [])
            if source_of(r) not in seen[a["name"]]:
                seen[a["name"]].append(source_of(r))
    return "; ".join(f"{name} ({', '.join(src)})" for name, src in seen.items())


def _where(r: Record) -> str:
    places = [a["name"] for a in r["actors"] if a["role"] == "location"]
    if places:
        return f"{', '.join(places)} ({source_of(r)}): {r['text']}"
    return f"The facts give no place for this; the closest statement: {_statement(r)}"


def _why(r: Record) -> str:
    if REASON.search(r["text"]):
        return _statement(r)
    return f"The facts give no reason for this; what they hold: {_statement(r)}"
