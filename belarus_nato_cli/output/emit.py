"""Choosing and writing the output format (the CLI's one place that prints data)."""

from __future__ import annotations

from collections.abc import Callable

from belarus_nato_cli.environment import Environment
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.store import Store
from belarus_nato_cli.output.formats import (
    Listing,
    write_csv,
    write_ids,
    write_json,
    write_jsonl,
    write_tsv,
)

TERMINAL_LIMIT = 100


def choose_format(fmt: str | None, isatty: bool, terminal_default: str = "table") -> str:
    return fmt or (terminal_default if isatty else "tsv")


def default_limit(limit: int | None, fmt: str) -> int:
    """People on a terminal get a page; scripts get everything unless they ask otherwise."""
    if limit is not None:
        return limit
    return TERMINAL_LIMIT if fmt in ("table", "text") else 0


def parse_fields(spec: str | None, listing: Listing, fmt: str) -> list[str]:
    if not spec:
        return listing.default_fields
    if fmt in ("json", "jsonl", "ids"):
        raise BadInput(f"--fields applies to table, text, tsv and csv, not {fmt}")
    fields = [f.strip() for f in spec.split(",") if f.strip()]
    unknown = [f for f in fields if f not in listing.fields]
    if unknown or not fields:
        shown = unknown[0][:40] if unknown else spec[:40]
        raise BadInput(f"unknown field {shown!r}; choose from {', '.join(listing.fields)}")
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
    listing: Listing,
    fmt: str,
    fields_spec: str | None,
    color_choice: str,
    env: Environment,
    store: Store | None = None,
) -> int:
    """Write the listing in the chosen format; returns how many records were written."""
    fields = parse_fields(fields_spec, listing, fmt)
    out = env.stdout
    if fmt == "json":
        return write_json(listing.records, out)
    if fmt == "jsonl":
        return write_jsonl(listing.records, out)
    if fmt == "ids":
        return write_ids(listing, out)
    if fmt == "tsv":
        return write_tsv(listing, fields, out)
    if fmt == "csv":
        return write_csv(listing, fields, out, terminal=env.stdout_isatty)
    # the views for people: rich is imported only here
    from belarus_nato_cli.output.console import Screen

    color = env.use_color(color_choice)
    if fmt == "text":
        from belarus_nato_cli.output.cards import write_text

        describe = source_describer(store) if store else (lambda sid: "")
        screen = Screen(env, color, wrap=env.stdout_isatty)
        return write_text(listing, fields if fields_spec else None, screen, describe)
    from belarus_nato_cli.output.tables import write_table

    return write_table(listing, fields, Screen(env, color))
