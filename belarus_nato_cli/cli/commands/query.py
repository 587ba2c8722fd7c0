"""query, timeline and show: statements, filtered and printed."""

from __future__ import annotations

from typing import Any, TextIO

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.options import filter_options, output_options
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.index.store import FLAT_FIELDS, Detail, Filters, Store, require_words
from belarus_nato_cli.output.emit import choose_format, default_limit, emit, parse_fields
from belarus_nato_cli.output.formats import STATEMENT_DEFAULT, STATEMENT_FIELDS, Listing


def build_filters(store: Store, o: dict[str, Any]) -> Filters:
    """Resolve names and dates before anything is printed, so errors never half-write."""
    f = Filters(
        actors=[store.resolve("actor", n) for n in o["actors"]],
        speakers=[store.resolve("speaker", n) for n in o["speakers"]],
        topics=[store.resolve("topic", n) for n in o["topics"]],
        texts=list(o["texts"]),
        sources=[store.resolve_source(n) for n in o["sources"]],
        disputed=o["disputed"],
        corroborated=o["corroborated"],
    )
    for text in f.texts:
        require_words(text)  # a --text with no words is an error now, not later
    starts = [d[0] for d in (o["since"], o["on"]) if d]
    ends = [d[1] for d in (o["until"], o["on"]) if d]
    f.start = max(starts) if starts else None
    f.end = min(ends) if ends else None
    if f.start and f.end and f.start > f.end:
        raise BadInput(f"the date window is empty ({f.start} to {f.end})")
    return f


def period(r: dict[str, Any]) -> str:
    """The year-month (or year) a statement is filed under in the timeline."""
    when = r["about"] or r["said"]
    if not when:
        return "undated"
    start, _, end = when.partition("/")
    part = start if start not in ("", "..") else end
    return str(part.rstrip("?~%")[:7])


def _detail(shown: list[str], fmt: str) -> Detail:
    """As little of each statement as the output shows: large results print much faster."""
    if fmt == "ids":
        return "ids"
    if fmt in ("tsv", "csv", "table") and set(shown) <= FLAT_FIELDS | {"period"}:
        return "flat"
    if fmt in ("json", "jsonl", "text") or "links" in shown:
        return "full"
    return "no-links"


def run_query(app: App, o: dict[str, Any], timeline: bool) -> int:
    store = app.store()
    filters = build_filters(store, o)
    fmt = choose_format(o["fmt"], app.env.stdout_isatty)
    sort = "date" if timeline else o["sort"] or ("relevance" if filters.texts else "date")
    if timeline:
        fields = {"period": period, **STATEMENT_FIELDS}
        listing = Listing((), fields, ["period", *STATEMENT_DEFAULT], "timeline")
    else:
        listing = Listing((), STATEMENT_FIELDS, STATEMENT_DEFAULT)
    shown = parse_fields(o["fields"], listing, fmt)
    result = store.query(filters, sort, default_limit(o["limit"], fmt), _detail(shown, fmt))
    listing.records = result.records
    n = emit(listing, fmt, o["fields"], o["color"], app.env, store)
    if result.undated_left_out:
        k = result.undated_left_out
        app.env.note(
            f"note: {k} undated statement{'s' if k != 1 else ''} left out by the date filter"
        )
    if result.cut:
        app.env.note(f"note: showing the first {result.limit}; more match (--limit 0 shows all)")
    if n == 0:
        app.env.note("no statements match")
        return exitcodes.EMPTY
    return exitcodes.OK


@click.command()
@filter_options
@output_options
@click.pass_obj
def query(app: App, /, **o: Any) -> int:
    """Find statements. Different options AND together; a repeated option ORs.

    Names match an id, name or alias, ignoring case, accents and apostrophe style; a unique
    prefix is enough. A date filter matches when the time a statement is about (or else the
    date it was said) can fall in the window; undated statements never match one.

    \b
    Examples:
      belarus-nato query --actor NATO
      belarus-nato query --actor India --actor Iran --topic "military cooperation"
      belarus-nato query --speaker Revenko --on 2021-11 --format json
      belarus-nato query --text "unilateral suspension"
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
        wanted.extend(read_ids_from_stdin(app.env.stdin) if sid == "-" else [sid])
    if not wanted:
        raise BadInput("no statement ids given")
    store = app.store()
    records = store.statements(wanted)
    fmt = fmt or "text"  # piped too: one record is read by a person, evidence and all
    listing = Listing(records, STATEMENT_FIELDS, STATEMENT_DEFAULT)
    emit(listing, fmt, fields, color, app.env, store)
    return exitcodes.OK
