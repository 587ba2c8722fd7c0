"""Answers about a person or body itself ("who is X", "what is X's job", "is X a minister"):
the verified description first, then the titles each source gives, disputed ones marked."""

from __future__ import annotations

import re
from typing import Any

from belarus_nato_cli.ask.words import stems

Profile = dict[str, Any]
# titles, and sources per title, an answer lists (the profile itself keeps them all)
SHOWN = 6


def holder(
    words: list[str], people: list[tuple[str, str]], spellings: dict[str, str]
) -> str | None:
    """The one person whose description holds every one of these words, in the clause with
    the fewest other words: "the president of Belarus" is whoever the facts describe as
    "President of Belarus". Each word is given with what may stand for it, space-separated
    ("belarusian belarus": a name of the body it names)."""
    wanted = [{spellings.get(w, w) for w in stems(forms)} for forms in words]
    asked = set().union(*wanted) if wanted else set()
    fits: list[tuple[int, str]] = []
    for pid, about in people:
        # each clause of the description ("Lieutenant General; Defence Minister of Belarus
        # (Granma, ...)"), then the whole: how many words it has beyond those asked; never a
        # clause that denies ("Not a deputy defence minister: only ... say so")
        clauses = [c for c in re.split(r"[;(]|\.\s", about) if not re.match(r"\s*not\b", c, re.I)]
        parts = [*clauses, " ".join(clauses)]
        extra = [
            len(held - asked)
            for held in ({spellings.get(w, w) for w in stems(part)} for part in parts)
            if all(held & forms for forms in wanted)
        ]
        if extra:
            fits.append((min(extra), pid))
    fits.sort()
    # the one person described by these words and fewest others ("Defence Minister of
    # Belarus" before "Chief of the General Staff ... and First Deputy Defence Minister")
    if fits and (len(fits) == 1 or fits[0][0] < fits[1][0]):
        return fits[0][1]
    return None


def asks_about_title(rest: str, prof: Profile, spellings: dict[str, str]) -> bool:
    """Does "is X <rest>" ask whether X holds a title? Yes when <rest> shares words with a
    title the sources give X or with X's description."""
    words = {spellings.get(w, w) for w in stems(rest)}
    known = set()
    for t in prof["titles"]:
        known |= stems(t["title"])
    known |= stems(prof.get("description") or "")
    known = {spellings.get(w, w) for w in known}
    return len(words & known) >= max(1, len(words) // 2)


def statement_order(prof: Profile) -> list[str]:
    """The statements behind the titles: those that contradict a disputed title first (they
    are what the verified post rests on), then the undisputed, then the disputed."""
    by = [t["disputed"]["statement"] for t in prof["titles"] if t["disputed"]]
    plain = [t["statement"] for t in prof["titles"] if not t["disputed"]]
    plain.sort(key=lambda sid: sid not in by)
    disputed = [t["statement"] for t in prof["titles"] if t["disputed"]]
    return list(dict.fromkeys([*by, *plain, *disputed]))


def describe(prof: Profile, asked_title: str = "") -> str:
    """The answer: (a disputed title asked about, said first), the description, the titles."""
    parts = []
    disputed = [t for t in prof["titles"] if t["disputed"]]
    if asked_title and disputed:
        asked = stems(asked_title)
        hit = max(disputed, key=lambda t: len(stems(t["title"]) & asked))
        if stems(hit["title"]) & asked:
            d = hit["disputed"]
            parts.append(
                f'Disputed: {hit["source"]} calls {prof["name"]} "{hit["title"]}", but'
                f" {d['statement']} ({d['source']}, {d['date']}) contradicts it: {d['reason']}"
            )
    if prof.get("description"):
        parts.append(f"{prof['name']}: {prof['description']}")
    else:
        parts.append(f"{prof['name']} ({prof['kind']})")
    given = _titles(prof, disputed=False)
    if given:
        parts.append("Titles the sources give: " + "; ".join(given))
    marked = _titles(prof, disputed=True)
    if marked:
        parts.append("Disputed titles: " + "; ".join(marked))
    return ". ".join(p.rstrip(".") for p in parts) + "."


def _titles(prof: Profile, disputed: bool) -> list[str]:
    """Each title once, with each source that gives it (and the first date it gives)."""
    grouped: dict[str, dict[str, str]] = {}
    by: dict[str, str] = {}
    for t in prof["titles"]:
        if bool(t["disputed"]) != disputed:
            continue
        sources = grouped.setdefault(t["title"], {})
        if not sources.get(t["source"]):
            sources[t["source"]] = f"{t['source']}, {t['date']}" if t["date"] else t["source"]
        if t["disputed"]:
            d = t["disputed"]
            by[t["title"]] = f"contradicted by {d['statement']} ({d['source']})"
    out = []
    for title, sources in list(grouped.items())[:SHOWN]:
        given = list(sources.values())
        more = f" and {len(given) - SHOWN} more" if len(given) > SHOWN else ""
        extra = f"; {by[title]}" if title in by else ""
        out.append(f"{title} ({'; '.join(given[:SHOWN])}{more}{extra})")
    if len(grouped) > SHOWN:
        out.append(f"and {len(grouped) - SHOWN} more titles")
    return out
