"""Choosing and writing the output format (the CLI's one place that prints data)."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from typing import TypeVar

from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.output.formats import (
    Listing,
    with_date_words,
    write_csv,
    write_ids,
    write_json,
    write_jsonl,
    write_text,
    write_tsv,
)
from belarus_nato_cli.output.settings import OutputSettings

R = TypeVar("R")


def use_color(choice: str, isatty: bool) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return isatty


def check_fields(settings: OutputSettings, known: Collection[str], default: list[str]) -> list[str]:
    """The fields asked for with --fields, each one of `known`, or else the default."""
    if settings.fields is None:
        return default
    if settings.format in ("json", "jsonl", "ids"):
        raise BadInput(
            f"--fields applies to table, text, markdown, tsv and csv, not {settings.format}"
        )
    unknown = [f for f in settings.fields if f not in known]
    if unknown or not settings.fields:
        shown = unknown[0][:40] if unknown else ","
        raise BadInput(f"unknown field {shown!r}; choose from {', '.join(known)}")
    return list(settings.fields)


def emit(listing: Listing[R], settings: OutputSettings) -> int:
    """Write the listing as the settings say; returns how many records were written."""
    fields = check_fields(settings, listing.fields, listing.default_fields)
    fmt, isatty = settings.format, settings.isatty
    out = sys.stdout
    if fmt == "json":
        return write_json(listing.records, out)
    if fmt == "jsonl":
        return write_jsonl(listing.records, out)
    if fmt == "ids":
        return write_ids(listing, out)
    if fmt == "tsv":
        return write_tsv(listing, fields, out)
    if fmt == "csv":
        return write_csv(listing, fields, out, terminal=isatty)
    if fmt == "text":
        if listing.text is None:  # aligned columns
            listing = listing.with_fields(with_date_words(listing.fields))
        return write_text(listing, fields if settings.fields else None, out)
    if fmt == "markdown":
        from belarus_nato_cli.output import markdown

        if listing.markdown is not None:  # statements: --fields does not apply
            return listing.markdown(listing.records, out)
        return markdown.write_table(listing.records, listing.fields, fields, out)
    from belarus_nato_cli.output.table import write_table

    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 20 else 120
    if isatty and not columns:
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns
        except OSError:
            pass
    worded = listing.with_fields(with_date_words(listing.fields))
    return write_table(worded, fields, out, use_color(settings.color, isatty), width)


def note(message: str) -> None:
    """A message for the person, on stderr (stdout carries only data). The data written so
    far goes out first, so a terminal shows the two in the order they happened."""
    sys.stdout.flush()
    sys.stderr.write(f"belarus-nato: {message}\n")
