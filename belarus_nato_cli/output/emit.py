"""Choosing and writing the output format (the CLI's one place that prints data)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from belarus_nato_cli.environment import Environment
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.output.formats import (
    Listing,
    with_date_words,
    write_csv,
    write_ids,
    write_json,
    write_jsonl,
    write_tsv,
)
from belarus_nato_cli.output.settings import OutputSettings

R = TypeVar("R")


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


def emit(listing: Listing[R], settings: OutputSettings, env: Environment) -> int:
    """Write the listing as the settings say, to the environment's stdout; returns how many
    records were written."""
    fields = check_fields(settings, listing.fields, listing.default_fields)
    fmt = settings.format
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
    if fmt == "markdown":
        from belarus_nato_cli.output import markdown

        if listing.markdown is not None and settings.fields is None:
            return listing.markdown(listing.records, out)  # statements, each with its citation
        return markdown.write_table(listing.records, listing.fields, fields, out)
    # the views for people: rich is imported only from here on
    from belarus_nato_cli.output.console import Screen
    from belarus_nato_cli.output.tables import write_table

    color = env.use_color(settings.color)
    if fmt == "text":
        screen = Screen(env, color, wrap=env.stdout_isatty)
        if listing.text is not None and settings.fields is None:
            return listing.text(listing.records, screen)  # statements and timelines as cards
        worded = listing.with_fields(with_date_words(listing.fields))  # aligned columns
        return write_table(worded, fields, screen, rule=False)
    worded = listing.with_fields(with_date_words(listing.fields))
    return write_table(worded, fields, Screen(env, color))
