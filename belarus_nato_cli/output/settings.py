"""How a listing is to be printed, decided once from the command line: the format (the one
asked for, or the default for a terminal or a pipe), the fields asked for, and the colour."""

# no `from __future__ import annotations`: a named tuple would compile each field's
# type from a string at start-up
from typing import NamedTuple

FORMATS = ("table", "text", "markdown", "tsv", "csv", "json", "jsonl", "ids")
PEOPLE_FORMATS = ("table", "text")  # drawn for a person at a terminal
TERMINAL_LIMIT = 100


class OutputSettings(NamedTuple):
    format: str  # one of FORMATS
    fields: tuple[str, ...] | None  # as asked with --fields; None: the listing's default
    color: str  # auto | always | never
    isatty: bool  # stdout is a terminal

    @classmethod
    def choose(
        cls,
        fmt: str | None,
        fields: str | None,
        color: str,
        isatty: bool,
        terminal_default: str = "table",
        piped_default: str = "tsv",
    ) -> "OutputSettings":
        """The settings for --format, --fields and --color as given (None when not given)."""
        chosen = fmt or (terminal_default if isatty else piped_default)
        names = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else None
        return cls(chosen, names, color, isatty)

    def limit(self, asked: int | None) -> int:
        """People on a terminal get a page; scripts get everything unless they ask otherwise
        (0: no limit)."""
        if asked is not None:
            return asked
        return TERMINAL_LIMIT if self.format in PEOPLE_FORMATS else 0
