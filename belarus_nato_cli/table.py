"""The terminal table (rich). Imported only when a table is printed."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from belarus_nato_cli.render import Listing
from belarus_nato_cli.safe import inert

_STYLES = {
    "id": "cyan",
    "date": "green",
    "period": "bold green",
    "about": "green",
    "said": "green",
    "speaker": "magenta",
    "name": "bold",
    "statements": "bold",
}
_CERTAINTY = {"certain": "green", "probable": "yellow", "possible": "red", "unknown": "dim"}
_WIDE = {"text", "title", "notes", "quotes", "reliability", "description"}


def write_table(listing: Listing, fields: list[str], out: TextIO, color: bool, width: int) -> int:
    console = Console(
        file=out,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    wide = any(f in _WIDE for f in fields)
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", expand=wide, pad_edge=False, show_edge=False
    )
    # Short columns wrap within a cap and ids never break; the prose columns share what is
    # left. Nothing is ever cropped: a cell too long for its column folds onto more lines.
    cap = max(10, width // 7)
    for f in fields:
        if f in _WIDE:
            table.add_column(f, overflow="fold", ratio=1)
        else:
            table.add_column(
                f,
                overflow="fold",
                style=_STYLES.get(f, ""),
                no_wrap=f == "id",
                max_width=None if f == "id" else cap,
            )
    n = 0
    period = None
    for r in listing.records:
        cells = [inert(listing.fields[f](r)) for f in fields]
        if listing.kind == "timeline" and "period" in fields:
            this = cells[fields.index("period")]
            if period is not None and this != period:
                table.add_section()
            if this == period:
                cells[fields.index("period")] = ""
            period = this
        row = []
        for f, cell in zip(fields, cells, strict=True):
            style = _CERTAINTY.get(cell, "") if f == "certainty" else ""
            row.append(Text(cell, style=style))  # Text: data is never read as markup
        table.add_row(*row)
        n += 1
    console.print(table)
    return n
