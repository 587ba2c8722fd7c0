"""Wording the answer: by question type, with disputes said, from the ranked statements."""

from __future__ import annotations

from typing import Any

from belarus_nato_cli.ask.parse import REASON
from belarus_nato_cli.edtf import edtf_bounds, human_edtf

Record = dict[str, Any]
# roles of the parties that take part in what a statement reports
_TAKING_PART = ("subject", "partner", "counterpart", "object")


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


def compose(kind: str, results: list[Record], speech: bool) -> str:
    best = results[0]
    if kind == "when":
        text = _when(results)
    elif kind == "who":
        text = _who(best, speech)
    elif kind == "which_parties":
        text = _parties(results) or _statement(best)
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


def _when(results: list[Record]) -> str:
    # the time a claim is about answers "when"; the date it was said is only a fallback
    about = [r for r in results if r["about"]]
    if not about:
        said = [r for r in results if r["said"]]
        if not said:
            return "The facts give no date for this."
        r = said[0]
        stated = f"{human_edtf(r['said'])} [{r['said']}]"
        return f"No date for the event itself; stated {stated} ({source_of(r)})"
    when = about[0]["about"]
    lo, hi = edtf_bounds(when)

    def overlaps(r: Record) -> bool:
        r_lo, r_hi = edtf_bounds(r["about"])
        return bool(r_lo <= hi and r_hi >= lo)

    agreeing = [r for r in about if overlaps(r)]
    sources = list(dict.fromkeys(e["source"] for r in agreeing for e in r["evidence"]))
    others = list(
        dict.fromkeys(f"{human_edtf(r['about'])} [{r['about']}]" for r in about if not overlaps(r))
    )
    text = f"{human_edtf(when)} [{when}], according to {', '.join(sources)}"
    if others:
        text += "; also: " + "; ".join(others)
    return text


def _who(r: Record, speech: bool) -> str:
    """Asked who said something: the speaker and the title the source gives; asked who did
    something: the parties that take part, then the speaker."""
    sp = r["speaker"]
    parties = [a["name"] for a in r["actors"] if a["role"] in _TAKING_PART]
    if sp is not None and (speech or not parties):
        title = f", {sp['title']} (title as the source gives it)" if sp.get("title") else ""
        return f"{sp['name']}{title}"
    if parties:
        said = f"; as {sp['name']} reports it" if sp is not None else ""
        return f"{', '.join(dict.fromkeys(parties))} ({source_of(r)}{said}): {r['text']}"
    return f"No named speaker: the source's own analysis ({source_of(r)}): {r['text']}"


def _parties(results: list[Record]) -> str:
    """The partners the statements name, each with the source that names it."""
    seen: dict[str, list[str]] = {}
    for r in results:
        for a in r["actors"]:
            if a["role"] == "partner":
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
