"""Shared click options and parameter types, and the typed objects they are parsed into once:
a command takes `query: QueryOptions` and `output: OutputSettings`, not loose values."""

# no `from __future__ import annotations`: a named tuple would compile each field's
# type from a string at start-up
import functools
from collections.abc import Callable, Collection
from typing import Any, NamedTuple, TypeVar

import click

from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.completion import fields_completer, id_completer, name_completer
from belarus_nato_cli.index.store import Sort
from belarus_nato_cli.output.settings import FORMATS, OutputSettings

F = TypeVar("F", bound=Callable[..., Any])
DateWindow = tuple[str, str]  # the first and last day a --since/--until/--on value covers


class QueryOptions(NamedTuple):
    """The statement filters as given (names not yet resolved), the order and the limit."""

    actors: tuple[str, ...]
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    publishers: tuple[str, ...]
    texts: tuple[str, ...]
    since: DateWindow | None
    until: DateWindow | None
    on: DateWindow | None
    overlapping: bool  # dates match when they overlap the window
    said: bool  # dates are when a statement was said
    disputed: bool
    corroborated: bool
    sort: Sort | None
    limit: int | None


_QUERY_PARAMS = QueryOptions._fields


class QueryDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """YYYY, YYYY-MM or YYYY-MM-DD, checked at the boundary: (first day, last day)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from belarus_nato_cli.edtf import parse_query_date
        from belarus_nato_cli.errors import BadDate

        if isinstance(value, tuple):
            return value
        try:
            return parse_query_date(str(value))
        except BadDate as exc:
            self.fail(str(exc), param, ctx)


def output_options(
    *, fields: Collection[str], terminal_default: str = "table", piped_default: str = "tsv"
) -> Callable[[F], F]:
    """--format, --fields and --color, the same on every listing command, parsed into the
    command's `output: OutputSettings`. `fields`: what --fields offers (for completion); the
    defaults: what a terminal and a pipe get."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def settled(*args: Any, fmt: str | None, fields: str | None, color: str, **kw: Any) -> Any:
            app = click.get_current_context().find_object(App)
            isatty = app.env.stdout_isatty if app else False
            output = OutputSettings.choose(
                fmt, fields, color, isatty, terminal_default, piped_default
            )
            return fn(*args, output=output, **kw)

        wrapped: Any = settled
        wrapped = click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Colour in tables; auto honours NO_COLOR, FORCE_COLOR and TERM=dumb.",
        )(wrapped)
        wrapped = click.option(
            "--fields",
            metavar="F1,F2,...",
            shell_complete=fields_completer(fields),
            help="Columns for table, text, markdown, tsv and csv.",
        )(wrapped)
        wrapped = click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            help=f"Output format. Default: {terminal_default} on a terminal, "
            f"{piped_default} when piped.",
        )(wrapped)
        return wrapped  # type: ignore[no-any-return]

    return decorate


def _name_option(flag: str, dest: str, what: str, help: str) -> Callable[[F], F]:
    """A repeatable option naming an actor, speaker or topic, with completion of names."""
    return click.option(
        flag, dest, multiple=True, metavar="NAME", shell_complete=name_completer(what), help=help
    )


def filter_options(fn: F) -> F:
    """The statement filters shared by query and timeline, with --sort and --limit, parsed
    into the command's `query: QueryOptions`."""
    decorators = [
        _name_option(
            "--actor",
            "actors",
            "actor",
            "Statements the entity takes part in (any role, speaker included).",
        ),
        _name_option("--speaker", "speakers", "speaker", "Statements made by the entity."),
        _name_option("--topic", "topics", "topic", "Statements on the topic or its sub-topics."),
        click.option(
            "--source",
            "sources",
            multiple=True,
            metavar="ID",
            shell_complete=id_completer("sources"),
            help="Statements with evidence in that source (its id, or a unique prefix).",
        ),
        _name_option(
            "--publisher",
            "publishers",
            "publisher",
            "Statements with evidence from that publisher ('TASS' takes every edition).",
        ),
        click.option(
            "--text",
            "texts",
            multiple=True,
            metavar="WORDS",
            help="Full-text search: all the words, stemmed, ranked.",
        ),
        click.option(
            "--since",
            type=QueryDate(),
            metavar="D",
            help="Happened on or after D (YYYY[-MM[-DD]]); an interval by its start.",
        ),
        click.option("--until", type=QueryDate(), metavar="D", help="Happened on or before D."),
        click.option(
            "--on", "on", type=QueryDate(), metavar="D", help="Within D (a year, month or day)."
        ),
        click.option(
            "--overlapping",
            is_flag=True,
            help="Dates match when they overlap the window (ongoing states included).",
        ),
        click.option(
            "--said",
            is_flag=True,
            help="Dates are when a statement was said, not the time it is about.",
        ),
        click.option("--disputed", is_flag=True, help="Only statements another one contradicts."),
        click.option("--corroborated", is_flag=True, help="Only statements another one supports."),
        click.option(
            "--sort",
            type=click.Choice(["date", "id", "relevance"]),
            help="Order (default: relevance with --text, otherwise date).",
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=0),
            metavar="N",
            help="At most N results; 0 for all (default: 100 for table and text, else all).",
        ),
    ]

    @functools.wraps(fn)
    def parsed(*args: Any, **kw: Any) -> Any:
        query = QueryOptions(**{name: kw.pop(name) for name in _QUERY_PARAMS})
        return fn(*args, query=query, **kw)

    wrapped: Any = parsed
    for deco in reversed(decorators):
        wrapped = deco(wrapped)
    return wrapped  # type: ignore[no-any-return]
