"""The terminal table: aligned columns, the prose folded into the width that is left.

Drawn here with the standard library rather than rich: importing rich alone costs about
three times Python's own start-up, and a table is what every terminal query prints.
Cells arrive inert (no control characters), so the only escapes written are our colours.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO, TypeVar

from belarus_nato_cli.output.formats import Listing, mark_words
from belarus_nato_cli.text import inert

R = TypeVar("R")

# ANSI SGR parameters: bold 1, dim 2, red 31, green 32, yellow 33, magenta 35, cyan 36
_STYLES = {
    "id": "36",
    "date": "32",
    "period": "1;32",
    "about": "32",
    "said": "32",
    "speaker": "35",
    "name": "1",
    "statements": "1",
}
_CERTAINTY = {"certain": "32", "probable": "33", "possible": "31", "unknown": "2"}
_WIDE = {"text", "title", "notes", "quotes", "reliability", "description"}
_GAP = "  "
_MIN_WIDE = 12  # the prose width the short columns give way for
_MIN_SHORT = 6
_NONE: frozenset[str] = frozenset()


def cell_width(text: str) -> int:
    """Columns the text takes on a terminal: East Asian wide characters take two, combining
    marks and other zero-width characters none."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap into lines of at most `width` columns; a word longer than that is folded.
    Nothing is dropped: joining the lines gives back the words."""
    width = max(1, width)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        w = cell_width(word)
        if line and used + 1 + w <= width:
            line, used = f"{line} {word}", used + 1 + w
            continue
        if line:
            lines.append(line)
        while w > width:
            head, head_w = _fold(word, width)
            lines.append(head)
            word, w = word[len(head) :], w - head_w
        line, used = word, w
    lines.append(line)
    return lines


def _fold(word: str, width: int) -> tuple[str, int]:
    """The longest start of `word` that fits in `width` columns (at least one character)."""
    used = 0
    for i, ch in enumerate(word):
        w = cell_width(ch)
        if used + w > width and i > 0:
            return word[:i], used
        used += w
    return word, used


def column_widths(fields: list[str], rows: list[list[str]], width: int) -> list[int]:
    """Every column at its natural width when that fits. Otherwise short columns are capped
    (ids are never broken while there is room) and the prose columns share the rest."""
    natural = [
        max([cell_width(f), *(cell_width(r[i]) for r in rows)]) for i, f in enumerate(fields)
    ]
    room = width - len(_GAP) * (len(fields) - 1)
    if sum(natural) <= room:
        return natural
    cap = max(10, width // 7)
    widths = [
        n if f == "id" or f in _WIDE else min(n, max(cap, cell_width(f)))
        for f, n in zip(fields, natural, strict=True)
    ]
    wide = [i for i, f in enumerate(fields) if f in _WIDE]
    if not wide:  # no prose: the column with the most to say takes the rest
        others = [i for i, f in enumerate(fields) if f != "id"] or [0]
        wide = [max(others, key=lambda i: natural[i])]
    short = [i for i in range(len(fields)) if i not in wide]
    # Short columns shrink, widest first and ids last, until the prose has a readable width:
    # first down to their longest word (nothing broken mid-word), then further if need be.
    longest_word = [
        max(cell_width(w) for cell in [f, *(r[i] for r in rows)] for w in [*cell.split(), ""])
        for i, f in enumerate(fields)
    ]
    for floor in ([min(w, cap) for w in longest_word], [_MIN_SHORT] * len(fields)):
        while sum(widths[i] for i in short) + _MIN_WIDE * len(wide) > room:
            shrinkable = [i for i in short if widths[i] > floor[i]]
            if not shrinkable:
                break
            not_ids = [i for i in shrinkable if fields[i] != "id"]
            i = max(not_ids or shrinkable, key=lambda k: widths[k])
            widths[i] -= 1
    left = room - sum(widths[i] for i in short)
    for n, i in enumerate(wide):  # shared out evenly, none wider than it needs
        share = max(4, left // (len(wide) - n))
        widths[i] = min(natural[i], share)
        left -= widths[i]
    return widths


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if color and style and text else text


def write_table(
    listing: Listing[R], fields: list[str], out: TextIO, color: bool, width: int
) -> int:
    rows: list[list[str]] = []
    marked: list[frozenset[str]] = []  # each row's words to highlight
    breaks: set[int] = set()  # timeline: a blank line before each new period
    period = None
    for r in listing.records:
        cells = [inert(listing.fields[f](r)) for f in fields]
        marked.append(listing.marks(r) if listing.marks and color else frozenset())
        if listing.kind == "timeline" and "period" in fields:
            k = fields.index("period")
            this = cells[k]
            if period is not None and this != period:
                breaks.add(len(rows))
            if this == period:
                cells[k] = ""
            period = this
        rows.append(cells)
    widths = column_widths(fields, rows, width)
    lines = _row([(f, "1") for f in fields], widths, color)
    lines.append("─" * (sum(widths) + len(_GAP) * (len(fields) - 1)))
    for n, cells in enumerate(rows):
        if n in breaks:
            lines.append("")
        styled = [
            (cell, _CERTAINTY.get(cell, "") if f == "certainty" else _STYLES.get(f, ""))
            for f, cell in zip(fields, cells, strict=True)
        ]
        # ids stay as they are: a highlight inside one would read as part of the match
        marks = [frozenset() if f == "id" else marked[n] for f in fields]
        lines.extend(_row(styled, widths, color, marks))
    out.write("\n".join(lines) + "\n")
    return len(rows)


def _row(
    cells: list[tuple[str, str]],
    widths: list[int],
    color: bool,
    marks: list[frozenset[str]] | None = None,
) -> list[str]:
    wrapped = [wrap(text, w) for (text, _), w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    return [
        _line(
            [
                (w[k] if k < len(w) else "", style)
                for w, (_, style) in zip(wrapped, cells, strict=True)
            ],
            widths,
            color,
            marks or [_NONE] * len(cells),
        )
        for k in range(height)
    ]


def _line(
    cells: list[tuple[str, str]], widths: list[int], color: bool, marks: list[frozenset[str]]
) -> str:
    parts = []
    for (text, style), w, marked in zip(cells, widths, marks, strict=True):
        shown = mark_words(text, marked) if marked else text
        parts.append(_paint(shown, style, color) + " " * (w - cell_width(text)))
    return _GAP.join(parts).rstrip(" ")
