"""--format markdown: statements as a list to paste into a report, each with its citation.

Data text is escaped so that it prints as written: `*`, `_`, `[` and the like never turn
into Markdown formatting or links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO, TypeVar
from urllib.parse import quote

from belarus_nato_cli.edtf import short_date
from belarus_nato_cli.record import SourceRef, StatementRecord
from belarus_nato_cli.text import inert

R = TypeVar("R")

# what could start emphasis, code, a link, an HTML tag, a table cell or a strikethrough
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text that Markdown shows as written, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(inert(text).split()))


def _url(url: str) -> str:
    """An address as an autolink; characters that would end or break it are %-encoded."""
    return "<" + quote(inert(url), safe=":/?#[]@!$&'()*+,;=%~.-_") + ">"


def citation(src: SourceRef) -> str:
    """Publisher, "Title", date, <URL>: what the source gives, "n.d." for no date."""
    parts = [escape(src["publisher"] or "unknown publisher")]
    parts.append(f"“{escape(src['title'] or src['id'])}”")
    published = src["published"]
    if published:
        words = short_date(published, moment=True)
        parts.append(escape(f"{words} ({published})" if words else published))
    else:
        parts.append("n.d.")
    if src["url"]:
        parts.append(_url(src["url"]))
    return ", ".join(parts)


def _when(r: StatementRecord) -> str:
    when = r["about"] or r["said"]
    if not when:
        return "undated"
    words = short_date(when, moment=not r["about"])
    return escape(f"{words} ({when})" if words else when)


def statement_item(r: StatementRecord) -> str:
    """One statement: the claim, who and when, and a citation line per source."""
    who = "the source's own account"
    if r["speaker"]:
        who = escape(r["speaker"]["name"])
        if r["speaker"]["title"]:
            who += f" ({escape(r['speaker']['title'])}, as the source gives it)"
    lines = [
        f"- {escape(r['text'])}",
        f"  - {who}; {_when(r)}; {escape(r['certainty'])}; id `{inert(r['id'])}`",
    ]
    lines += [f"  - Source: {citation(src)}" for src in r["sources"]]
    return "\n".join(lines) + "\n"


def write_statements(records: Iterable[StatementRecord], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(statement_item(r))
        n += 1
    return n


def write_table(
    records: Iterable[R], fields: Mapping[str, Callable[[R], str]], names: list[str], out: TextIO
) -> int:
    """Other listings (actors, topics, sources): a Markdown table of the fields."""
    out.write("| " + " | ".join(names) + " |\n")
    out.write("|" + "---|" * len(names) + "\n")
    n = 0
    for r in records:
        out.write("| " + " | ".join(escape(fields[f](r)) for f in names) + " |\n")
        n += 1
    return n
