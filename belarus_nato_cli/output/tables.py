"""Listings on a terminal, drawn with rich: a table when its columns fit, else one block per
record. Ids and words are never split: a column is never narrower than its longest word, and
when the terminal cannot give every column that much, the records are stacked instead."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from belarus_nato_cli.output.console import Screen
from belarus_nato_cli.output.formats import Listing
from belarus_nato_cli.text import inert

R = TypeVar("R")

STYLES = {
    "id": "cyan",
    "date": "green",
    "period": "bold green",
    "about": "green",
    "said": "green",
    "speaker": "magenta",
    "name": "bold",
    "statements": "bold",
}
CERTAINTY_STYLES = {"certain": "green", "probable": "yellow", "possible": "red", "unknown": "dim"}
# The marks after a statement's id, and the legend printed under a listing that has any.
MARKS = (
    (
        "disputed",
        "!",
        "bold red",
        "disputed: contradicted by another statement, or contradicting one",
    ),
    (
        "corroborated",
        "+",
        "bold green",
        "corroborated: supported by another statement, or supporting one",
    ),
)
GAP = 2  # spaces between columns
_WORD = re.compile(r"\w+")
PROSE = {"text", "title", "notes", "quotes", "reliability", "description"}
MIN_PROSE = 24  # narrower prose is hard to read: the records are stacked instead


def flagged(record: object, key: str) -> bool:
    """Whether a record (a statement's; catalogue rows have no such keys) has the flag."""
    return isinstance(record, Mapping) and bool(record.get(key))


def mark_text(record: object) -> Text:
    """' !' for a disputed statement, ' +' for a corroborated one (both can apply)."""
    text = Text()
    for key, symbol, style, _ in MARKS:
        if flagged(record, key):
            text.append(" " + symbol, style)
    return text


def legend(records: Sequence[object]) -> Text | None:
    """What the marks mean, for the marks that appear."""
    used = [
        (s, style, text) for key, s, style, text in MARKS if any(flagged(r, key) for r in records)
    ]
    if not used:
        return None
    out = Text()
    for n, (symbol, style, meaning) in enumerate(used):
        out.append(("   " if n else "") + symbol, style)
        out.append(" " + meaning, "dim")
    return out


def styled(field: str, value: str) -> Text:
    style = CERTAINTY_STYLES.get(value, "") if field == "certainty" else STYLES.get(field, "")
    return Text(value, style=style)


def longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def fit_columns(natural: list[int], minimum: list[int], room: int) -> list[int] | None:
    """Column widths that fit `room`: natural widths when they fit; otherwise each column
    gets its longest word and the rest is shared by what each still lacks. None when even
    the longest words do not fit side by side."""
    if sum(natural) <= room:
        return natural
    if sum(minimum) > room:
        return None
    widths = list(minimum)
    spare = room - sum(minimum)
    lacking = [n - m for n, m in zip(natural, minimum, strict=True)]
    total = sum(lacking)
    for i, lack in enumerate(lacking):
        widths[i] += min(lack, spare * lack // total)
    leftover = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda k: -lacking[k]):  # rounding's remainder
        give = min(leftover, natural[i] - widths[i])
        widths[i] += give
        leftover -= give
    return widths


def write_table(listing: Listing[R], fields: list[str], screen: Screen, rule: bool = True) -> int:
    """The listing as a table, or stacked when the terminal is too narrow for one."""
    records = list(listing.records)
    rows = [[inert(listing.fields[f](r)) for f in fields] for r in records]
    marks = [mark_text(r) for r in records]
    mark_at = fields.index("id") if "id" in fields else 0
    if listing.kind == "timeline" and "period" in fields:
        _name_periods_once(rows, fields.index("period"))
    cells = [[styled(f, value) for f, value in zip(fields, row, strict=True)] for row in rows]
    for record, row_cells, mark in zip(records, cells, marks, strict=True):
        row_cells[mark_at] += mark  # the id column never wraps, so the mark stays beside it
        if listing.marks is not None and screen.color:  # --text: the words that matched
            words = listing.marks(record)
            for f, cell in zip(fields, row_cells, strict=True):
                if f != "id":  # a highlight inside an id would read as part of the match
                    highlight(cell, words)
    columns = [[Text(f), *(row[i] for row in cells)] for i, f in enumerate(fields)]
    natural = [max(c.cell_len for c in col) for col in columns]
    minimum = [
        natural[i] if i == mark_at else _least_width(f, natural[i], col)
        for i, (f, col) in enumerate(zip(fields, columns, strict=True))
    ]
    widths = fit_columns(natural, minimum, screen.width - GAP * (len(fields) - 1))
    if widths is None:
        write_stacked(fields, cells, screen, mark_at)
    else:
        breaks = _period_breaks(listing, rows, fields)
        screen.print(_grid(fields, cells, widths, rule, breaks, screen.console))
    key = legend(records)
    if key is not None:
        screen.print(key)
    return len(records)


def highlight(cell: Text, words: frozenset[str]) -> None:
    """The cell's words that are in `words` (lower case) in reverse video."""
    if not words:
        return
    for m in _WORD.finditer(cell.plain):
        if m[0].casefold() in words:
            cell.stylize("reverse", m.start(), m.end())


def _name_periods_once(rows: list[list[str]], k: int) -> None:
    previous = None
    for row in rows:
        this = row[k]
        if this == previous:
            row[k] = ""
        previous = this or previous


def _period_breaks(listing: Listing[R], rows: list[list[str]], fields: list[str]) -> set[int]:
    """Timeline rows that start a new period (after the first): a blank line goes before."""
    if listing.kind != "timeline" or "period" not in fields:
        return set()
    k = fields.index("period")
    return {n for n, row in enumerate(rows) if n and row[k]}


def _least_width(field: str, natural: int, column: list[Text]) -> int:
    """The narrowest a column may be: its longest word, and for prose a readable measure."""
    words = max(longest_word(c.plain) for c in column)
    return min(natural, max(words, MIN_PROSE)) if field in PROSE else words


def _grid(
    fields: list[str],
    rows: list[list[Text]],
    widths: list[int],
    rule: bool,
    breaks: set[int],
    console: Console,
) -> Text:
    """The table as one rich Text: each cell wrapped by rich to its column's width (a width
    no word is longer than), the columns side by side. (rich's own Table drew the same in
    twice the time, most of a 100-row table's cost.)"""
    out = Text(no_wrap=True, overflow="ignore")
    header = [Text(f, "bold") for f in fields]
    _lines(out, [[h] for h in header], widths)
    if rule:
        out.append("─" * (sum(widths) + GAP * (len(widths) - 1)) + "\n")
    for n, row in enumerate(rows):
        if n in breaks:
            out.append("\n")
        wrapped = [
            list(cell.wrap(console, w, overflow="fold"))
            for cell, w in zip(row, widths, strict=True)
        ]
        _lines(out, wrapped, widths)
    out.rstrip()
    return out


def _lines(out: Text, cells: Sequence[Sequence[Text]], widths: list[int]) -> None:
    """The lines of one row, its cells' lines side by side, padded to their columns."""
    last = len(widths) - 1
    for k in range(max(len(lines) for lines in cells)):
        for i, (lines, width) in enumerate(zip(cells, widths, strict=True)):
            used = 0
            if k < len(lines):
                piece = lines[k]
                piece.rstrip()  # the space a line was broken at stays out of its style
                out.append_text(piece)
                used = piece.cell_len
            if i < last:
                out.append(" " * (width - used + GAP))
        out.append("\n")


def write_stacked(fields: list[str], cells: list[list[Text]], screen: Screen, mark_at: int) -> None:
    """One block per record: its id (with its marks) as a heading, the others labelled."""
    labels = [f for i, f in enumerate(fields) if i != mark_at]
    label_width = max((cell_len(f) for f in labels), default=0)
    for n, row in enumerate(cells):
        if n:
            screen.blank()
        shown = [(f, cell) for i, (f, cell) in enumerate(zip(fields, row, strict=True))]
        shown = [(f, cell) for i, (f, cell) in enumerate(shown) if i != mark_at and cell.plain]
        screen.print(row[mark_at])
        screen.print(labelled(shown, screen.width, 2, label_width, GAP))


def labelled(
    rows: list[tuple[str, Text]], width: int, indent: int, label_width: int, gap: int = 1
) -> RenderableType:
    """Label and value side by side, the value wrapping in its column; when a word of some
    value would not fit beside the labels, each value goes under its label instead, indented
    as far as its longest word allows."""
    room = width - indent - label_width - gap
    if all(longest_word(value.plain) <= room for _, value in rows):
        grid = Table.grid(padding=(0, gap, 0, 0))
        grid.add_column(width=label_width, no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for label, value in rows:
            grid.add_row(label, value)
        return Padding(grid, (0, 0, 0, indent))
    parts: list[RenderableType] = []
    for label, value in rows:
        if label:
            parts.append(indented(Text(label, "dim"), indent, width))
        parts.append(indented(value, indent + 2, width))
    return Group(*parts)


def indented(value: Text, indent: int, width: int) -> Padding:
    """The text indented, less where its longest word would not fit beside the indent; a
    word longer than the whole width (an address) is folded anyway, so it keeps the indent."""
    longest = longest_word(value.plain)
    room = indent if longest > width else min(indent, width - longest)
    return Padding(value, (0, 0, 0, max(0, room)))
