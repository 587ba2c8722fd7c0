"""query, timeline and show: statements, filtered and printed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.completion import id_completer
from belarus_nato_cli.cli.options import QueryOptions, filter_options, output_options
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.store import Filters, QueryResult, Sort, Store, require_words
from belarus_nato_cli.output.emit import check_fields, emit
from belarus_nato_cli.output.formats import Listing, Marks, source_summary
from belarus_nato_cli.output.settings import OutputSettings
from belarus_nato_cli.record import (
    SAID_TIMELINE_FIELDS,
    STATEMENT_DEFAULT,
    STATEMENT_FIELDS,
    TIMELINE_DEFAULT,
    TIMELINE_FIELDS,
    FlatRecord,
    IdRecord,
    StatementRecord,
    period,
    said_period,
)
from belarus_nato_cli.text import counted

if TYPE_CHECKING:
    from belarus_nato_cli.output.console import Screen

R = TypeVar("R")


def write_markdown(records: Iterable[StatementRecord], out: TextIO) -> int:
    from belarus_nato_cli.output.markdown import write_statements

    return write_statements(records, out)


def resolve_filters(store: Store, q: QueryOptions) -> Filters:
    """Resolve names and dates before anything is printed, so errors never half-write."""
    for text in q.texts:
        require_words(text)  # a --text with no words is an error now, not later
    starts = [d[0] for d in (q.since, q.on) if d]
    ends = [d[1] for d in (q.until, q.on) if d]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start and end and start > end:
        raise BadInput(f"the date window is empty ({start} to {end})")
    return Filters(
        actors=tuple(store.resolve("actor", n) for n in q.actors),
        speakers=tuple(store.resolve("speaker", n) for n in q.speakers),
        topics=tuple(store.resolve("topic", n) for n in q.topics),
        texts=q.texts,
        sources=tuple(store.resolve_source(n) for n in q.sources),
        publishers=tuple(p for n in q.publishers for p in store.resolve_publisher(n)),
        start=start,
        end=end,
        disputed=q.disputed,
        corroborated=q.corroborated,
        overlapping=q.overlapping,
        said=q.said,
    )


def run_query(app: App, q: QueryOptions, output: OutputSettings, timeline: bool) -> int:
    store = app.store()
    # names and dates are resolved before the fields: the order errors were always reported in
    filters = resolve_filters(store, q)
    sort: Sort = "date" if timeline else q.sort or ("relevance" if filters.texts else "date")
    limit = output.limit(q.limit)
    known = STATEMENT_FIELDS
    if timeline:
        known = SAID_TIMELINE_FIELDS if filters.said else TIMELINE_FIELDS
    default = TIMELINE_DEFAULT if timeline else STATEMENT_DEFAULT
    if q.texts and output.format == "table":  # a person sees why each row matched
        default = [*default, "matched"]
    kind = "timeline" if timeline else "statement"
    shown = check_fields(output, known, default)
    fmt = output.format
    # as little of each statement as the output shows: large results print much faster
    if fmt == "ids":
        ids = store.query_ids(filters, sort, limit)
        id_listing = Listing(ids.records, _ID_FIELD, ["id"], kind)
        return _finish(app, filters, ids, emit(id_listing, output, app.env))
    if (
        fmt in ("tsv", "csv", "table")
        and all(known[f].flat for f in shown)
        and not (filters.texts and fmt == "table")
    ):
        flat = store.query_flat(filters, sort, limit)
        fields = {name: f.read_flat for name, f in known.items() if f.read_flat}
        flat_listing = Listing(flat.records, fields, default, kind)
        return _finish(app, filters, flat, emit(flat_listing, output, app.env))
    links = fmt in ("json", "jsonl", "text") or "links" in shown
    full = store.query(filters, sort, limit, links=links)
    records, marks = _why_matched(app, filters, output, shown, full.records)
    text = _timeline_text(filters.said, marks) if timeline else _statements_text(store, marks)
    readers = {name: f.read for name, f in known.items()}
    listing = Listing(records, readers, default, kind, text, write_markdown, marks)
    return _finish(app, filters, full, emit(listing, output, app.env))


def _why_matched(
    app: App,
    filters: Filters,
    output: OutputSettings,
    shown: list[str],
    records: Iterator[StatementRecord],
) -> tuple[Iterator[StatementRecord], Marks[object] | None]:
    """With --text: each record's `matched` fields where they are printed (json, a table, or
    asked for), and the matched words to highlight where colour is on."""
    fmt = output.format
    marking = fmt in ("table", "text") and app.env.use_color(output.color)
    wanted = fmt in ("json", "jsonl", "table") or marking or "matched" in shown
    if not filters.texts or not wanted:
        return records, None
    from belarus_nato_cli.index.matching import TextMatcher

    matcher = TextMatcher(app.store(), filters.texts, keep_words=marking)
    return matcher.annotate(records), matcher.marks if marking else None


def _finish(app: App, filters: Filters, result: QueryResult[R], n: int) -> int:
    """The notes on stderr after a listing, and the exit code."""
    if result.undated_left_out:
        k = result.undated_left_out
        what = (
            f"{counted(k, 'statement')} with no date said"
            if filters.said
            else counted(k, "undated statement")
        )
        app.env.note(f"note: {what} left out by the date filter")
    if result.cut:
        app.env.note(f"note: showing the first {result.limit}; more match (--limit 0 shows all)")
    if n == 0:
        hint = ""
        if filters.dated and not filters.overlapping:
            hint = " (--overlapping also takes intervals that only overlap the window)"
        app.env.note("no statements match" + hint)
        return exitcodes.EMPTY
    return exitcodes.OK


def _ids(r: IdRecord) -> str:
    return r["id"]


_ID_FIELD = {"id": _ids}


def _timeline_text(
    said: bool, marks: Marks[FlatRecord] | None = None
) -> Callable[[Iterable[FlatRecord], Screen], int]:
    period_of = said_period if said else period

    def write(records: Iterable[FlatRecord], screen: Screen) -> int:
        from belarus_nato_cli.output.cards import write_timeline

        return write_timeline(records, screen, period_of, marks)

    return write


def _statements_text(
    store: Store, marks: Marks[StatementRecord] | None = None
) -> Callable[[Iterable[StatementRecord], Screen], int]:
    @functools.cache  # each source is described once a run
    def describe(sid: str) -> str:
        return source_summary(store.source(sid))

    def write(records: Iterable[StatementRecord], screen: Screen) -> int:
        from belarus_nato_cli.output.cards import write_statements

        return write_statements(records, screen, describe, marks)

    return write


@click.command()
@filter_options
@output_options(fields=STATEMENT_FIELDS)
@click.pass_obj
def query(app: App, query: QueryOptions, output: OutputSettings) -> int:
    """Find statements by actor, speaker, topic, source, text or date.

    Different options AND together; a repeated option ORs.

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
    return run_query(app, query, output, timeline=False)


@click.command()
@filter_options
@output_options(fields=TIMELINE_FIELDS)
@click.pass_obj
def timeline(app: App, query: QueryOptions, output: OutputSettings) -> int:
    """Statements in time order, grouped by year and month.

    Undated ones come last.

    Takes the same filters as query.

    \b
    Examples:
      belarus-nato timeline
      belarus-nato timeline --actor Cuba --format text
    """
    return run_query(app, query, output, timeline=True)


def read_ids_from_stdin(stdin: TextIO | None) -> list[str]:
    if stdin is None:
        raise BadInput("'-' reads ids from standard input, but it is closed")
    data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


@click.command(no_args_is_help=True)
@click.argument("ids", nargs=-1, required=True, shell_complete=id_completer("statements"))
# piped too, one statement looked up by id is read by a person: the card keeps the evidence
@output_options(fields=STATEMENT_FIELDS, terminal_default="text", piped_default="text")
@click.pass_obj
def show(app: App, ids: tuple[str, ...], output: OutputSettings) -> int:
    """Show statements in full; '-' reads ids from standard input.

    Ids are given as arguments, or one a line on standard input.

    \b
    Examples:
      belarus-nato show a000-relations-suspended
      belarus-nato query --actor Cuba --format ids | belarus-nato show - --format json
    """
    wanted: list[str] = []
    for sid in ids:
        wanted.extend(read_ids_from_stdin(app.env.stdin) if sid == "-" else [sid])
    if not wanted:
        raise BadInput("no statement ids given")
    store = app.store()
    records = store.statements(wanted)
    readers = {name: f.read for name, f in STATEMENT_FIELDS.items()}
    listing = Listing(
        records, readers, STATEMENT_DEFAULT, text=_statements_text(store), markdown=write_markdown
    )
    emit(listing, output, app.env)
    return exitcodes.OK
