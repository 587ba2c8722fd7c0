"""Choosing and writing the output format (the CLI's one place that prints data)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection
from typing import TypeVar

from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.store import Store
from belarus_nato_cli.output.formats import (
    Listing,
    write_csv,
    write_ids,
    write_json,
    write_jsonl,
    write_text,
    write_tsv,
)

R = TypeVar("R")

TERMINAL_LIMIT = 100


def choose_format(fmt: str | None, isatty: bool, terminal_default: str = "table") -> str:
    return fmt or (terminal_default if isatty else "tsv")


def default_limit(limit: int | None, fmt: str) -> int:
    """People on a terminal get a page; scripts get everything unless they ask otherwise."""
    if limit is not None:
        return limit
    return TERMINAL_LIMIT if fmt in ("table", "text") else 0


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


def parse_fields(
    spec: str | None, known: Collection[str], default: list[str], fmt: str
) -> list[str]:
    """The fields named by --fields (a comma-separated list of `known` ones), or the default."""
    if not spec:
        return default
    if fmt in ("json", "jsonl", "ids"):
        raise BadInput(f"--fields applies to table, text, tsv and csv, not {fmt}")
    fields = [f.strip() for f in spec.split(",") if f.strip()]
    unknown = [f for f in fields if f not in known]
    if unknown or not fields:
        shown = unknown[0][:40] if unknown else spec[:40]
        raise BadInput(f"unknown field {shown!r}; choose from {', '.join(known)}")
    return fields


def source_describer(store: Store) -> Callable[[str], str]:
    from belarus_nato_cli.edtf import human_edtf

    seen: dict[str, str] = {}

    def describe(sid: str) -> str:
        if sid not in seen:
            seen[sid] = _describe(sid)
        return seen[sid]

    def _describe(sid: str) -> str:
        src = store.source(sid)
        if src is None:
            return ""
        parts = [src["title"] or "untitled"]
        parts.append(f"publisher: {src['publisher'] or 'unknown'}")
        published = src["published"]
        parts.append(f"published: {human_edtf(published) if published else 'unknown'}")
        if src["url"]:
            parts.append(src["url"])
        text = "; ".join(parts)
        if src["reliability"]:
            text += f"\nreliability: {src['reliability']}"
        return text

    return describe


def emit(
    listing: Listing[R], fmt: str, fields_spec: str | None, color_choice: str, isatty: bool
) -> int:
    """Write the listing in the chosen format; returns how many records were written."""
    fields = parse_fields(fields_spec, listing.fields, listing.default_fields, fmt)
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
        return write_text(listing, fields if fields_spec else None, out)
    from belarus_nato_cli.output.table import write_table

    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 20 else 120
    if isatty and not columns:
        try:
            width = os.get_terminal_size(sys.stdout.fileno()).columns
        except OSError:
            pass
    return write_table(listing, fields, out, use_color(color_choice, isatty), width)


def note(message: str) -> None:
    """A message for the person, on stderr (stdout carries only data). The data written so
    far goes out first, so a terminal shows the two in the order they happened."""
    sys.stdout.flush()
    sys.stderr.write(f"belarus-nato: {message}\n")
