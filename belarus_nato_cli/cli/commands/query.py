"""query, timeline and show: statements, filtered and printed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO, TypeVar

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.options import filter_options, output_options
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.store import Filters, QueryResult, Sort, Store, require_words
from belarus_nato_cli.output.emit import (
    choose_format,
    default_limit,
    emit,
    note,
    parse_fields,
    source_describer,
)
from belarus_nato_cli.output.formats import (
    Listing,
    write_statements_text,
    write_timeline_text,
)
from belarus_nato_cli.record import (
    SAID_TIMELINE_FIELDS,
    STATEMENT_DEFAULT,
    STATEMENT_FIELDS,
    TIMELINE_DEFAULT,
    TIMELINE_FIELDS,
    FlatRecord,
    IdRecord,
    StatementRecord,
)

R = TypeVar("R")


def build_filters(store: Store, o: dict[str, Any]) -> Filters:
    """Resolve names and dates before anything is printed, so errors never half-write."""
    texts = tuple(o["texts"])
    for text in texts:
        require_words(text)  # a --text with no words is an error now, not later
    starts = [d[0] for d in (o["since"], o["on"]) if d]
    ends = [d[1] for d in (o["until"], o["on"]) if d]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start and end and start > end:
        raise BadInput(f"the date window is empty ({start} to {end})")
    return Filters(
        actors=tuple(store.resolve("actor", n) for n in o["actors"]),
        speakers=tuple(store.resolve("speaker", n) for n in o["speakers"]),
        topics=tuple(store.resolve("topic", n) for n in o["topics"]),
        texts=texts,
        sources=tuple(store.resolve_source(n) for n in o["sources"]),
        publishers=tuple(p for n in o["publishers"] for p in store.resolve_publisher(n)),
        start=start,
        end=end,
        disputed=o["disputed"],
        corroborated=o["corroborated"],
        overlapping=o["overlapping"],
        said=o["said"],
    )


def run_query(app: App, o: dict[str, Any], timeline: bool) -> int:
    store = app.store()
    # names and dates are resolved before the fields: the order errors were always reported in
    filters = build_filters(store, o)
    fmt = choose_format(o["fmt"], app.stdout_isatty)
    sort: Sort = "date" if timeline else o["sort"] or ("relevance" if filters.texts else "date")
    limit = default_limit(o["limit"], fmt)
    known = STATEMENT_FIELDS
    if timeline:
        known = SAID_TIMELINE_FIELDS if filters.said else TIMELINE_FIELDS
    default = TIMELINE_DEFAULT if timeline else STATEMENT_DEFAULT
    kind = "timeline" if timeline else "statement"
    shown = parse_fields(o["fields"], known, default, fmt)
    emitting = (fmt, o["fields"], o["color"], app.stdout_isatty)
    # as little of each statement as the output shows: large results print much faster
    if fmt == "ids":
        ids = store.query_ids(filters, sort, limit)
        return _finish(filters, ids, emit(Listing(ids.records, _ID_FIELD, ["id"], kind), *emitting))
    if fmt in ("tsv", "csv", "table") and all(known[f].flat for f in shown):
        flat = store.query_flat(filters, sort, limit)
        fields = {name: f.read_flat for name, f in known.items() if f.read_flat}
        return _finish(filters, flat, emit(Listing(flat.records, fields, default, kind), *emitting))
    links = fmt in ("json", "jsonl", "text") or "links" in shown
    full = store.query(filters, sort, limit, links=links)
    text = _timeline_text if timeline else _statements_text(store)
    readers = {name: f.read for name, f in known.items()}
    return _finish(
        filters, full, emit(Listing(full.records, readers, default, kind, text), *emitting)
    )


def _finish(filters: Filters, result: QueryResult[R], n: int) -> int:
    """The notes on stderr after a listing, and the exit code."""
    if result.undated_left_out:
        k = result.undated_left_out
        plural = "s" if k != 1 else ""
        what = (
            f"statement{plural} with no date said" if filters.said else f"undated statement{plural}"
        )
        note(f"note: {k} {what} left out by the date filter")
    if result.cut:
        note(f"note: showing the first {result.limit}; more match (--limit 0 shows all)")
    if n == 0:
        hint = ""
        if filters.dated and not filters.overlapping:
            hint = " (--overlapping also takes intervals that only overlap the window)"
        note("no statements match" + hint)
        return exitcodes.EMPTY
    return exitcodes.OK


def _ids(r: IdRecord) -> str:
    return r["id"]


_ID_FIELD = {"id": _ids}


def _timeline_text(records: Iterable[FlatRecord], out: TextIO) -> int:
    return write_timeline_text(records, out)


def _statements_text(store: Store) -> Callable[[Iterable[StatementRecord], TextIO], int]:
    describe = source_describer(store)

    def write(records: Iterable[StatementRecord], out: TextIO) -> int:
        return write_statements_text(records, out, describe)

    return write


@click.command()
@filter_options
@output_options
@click.pass_obj
def query(app: App, /, **o: Any) -> int:
    """Find statements. Different options AND together; a repeated option ORs.

    Names match an id, name or alias, ignoring case, accents and apostrophe style; a unique
    prefix is enough. A date filter takes what happened in the window (the time a statement
    is about, or else when it was said): a date that can fall in it, an interval by its start.
    --overlapping takes whatever overlaps it; --said filters on when it was said.

    \b
    Examples:
      belarus-nato query --actor NATO
      belarus-nato query --actor India --actor Iran --topic "military cooperation"
      belarus-nato query --speaker Revenko --on 2021-11 --format json
      belarus-nato query --text "unilateral suspension"
      belarus-nato query --on 2023-08 --overlapping
      belarus-nato query --said --since 2025 --publisher TASS
    """
    return run_query(app, o, timeline=False)


@click.command()
@filter_options
@output_options
@click.pass_obj
def timeline(app: App, /, **o: Any) -> int:
    """Statements in time order, grouped by year and month; undated ones last.

    Takes the same filters as query.

    \b
    Examples:
      belarus-nato timeline
      belarus-nato timeline --actor Cuba --format text
    """
    return run_query(app, o, timeline=True)


def read_ids_from_stdin() -> list[str]:
    if sys.stdin is None:
        raise BadInput("'-' reads ids from standard input, but it is closed")
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


@click.command(no_args_is_help=True)
@click.argument("ids", nargs=-1, required=True)
@output_options
@click.pass_obj
def show(app: App, ids: tuple[str, ...], fmt: str | None, fields: str | None, color: str) -> int:
    """Show statements in full; '-' reads ids from standard input, one a line.

    \b
    Examples:
      belarus-nato show a000-relations-suspended
      belarus-nato query --actor Cuba --format ids | belarus-nato show - --format json
    """
    wanted: list[str] = []
    for sid in ids:
        wanted.extend(read_ids_from_stdin() if sid == "-" else [sid])
    if not wanted:
        raise BadInput("no statement ids given")
    store = app.store()
    records = store.statements(wanted)
    fmt = choose_format(fmt, app.stdout_isatty, terminal_default="text")
    readers = {name: f.read for name, f in STATEMENT_FIELDS.items()}
    listing = Listing(records, readers, STATEMENT_DEFAULT, text=_statements_text(store))
    emit(listing, fmt, fields, color, app.stdout_isatty)
    return exitcodes.OK
