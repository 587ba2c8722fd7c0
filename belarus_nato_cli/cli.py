"""The command line: thin commands that resolve inputs, call the core and render.

Exit codes: 0 results, 1 no results (or invalid facts for `validate`), 2 bad usage or input,
3 the fact data is invalid or unreadable, 70 internal error, 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from belarus_nato_cli import __version__
from belarus_nato_cli.errors import BadInput, BelarusNatoError, InvalidFacts
from belarus_nato_cli.options import App, filter_options, output_options, packs_from
from belarus_nato_cli.output import choose_format, default_limit, emit
from belarus_nato_cli.render import STATEMENT_DEFAULT, STATEMENT_FIELDS, Listing, simple_fields
from belarus_nato_cli.store import Filters, Store

EXIT_OK, EXIT_EMPTY, EXIT_USAGE, EXIT_DATA, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 70, 130

MAIN_HELP = """Look up curated, sourced statements about Belarus-NATO relations and Belarus's
military and diplomatic contacts.

\b
Examples:
  belarus-nato query --actor NATO
  belarus-nato query --topic "border security" --format json
  belarus-nato query --since 2021 --until 2021-12
  belarus-nato ask "When were Belarus's relations with NATO suspended?"
  belarus-nato show a000-relations-suspended
  belarus-nato query --actor Cuba --format ids | belarus-nato show -
  belarus-nato timeline
  belarus-nato validate --source-dir ../shared/seeds

\b
Exit codes: 0 results; 1 no results (validate: the facts are invalid);
2 bad usage or input; 3 the fact data is invalid or unreadable; 70 internal
error; 130 interrupted.
"""


@click.group(
    help=MAIN_HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--facts",
    multiple=True,
    metavar="PATH",
    help="Add a fact pack (a .toml/.jsonl file or a folder); repeatable. "
    "Also BELARUS_NATO_FACTS, paths separated by ':'.",
)
@click.option("--no-embedded", is_flag=True, help="Leave the embedded facts out.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(__version__, "-V", "--version", prog_name="belarus-nato")
@click.pass_context
def cli(ctx: click.Context, facts: tuple[str, ...], no_embedded: bool, debug: bool) -> None:
    ctx.obj = App(packs_from(facts, no_embedded), debug=debug)


def _note(message: str) -> None:
    click.echo(f"belarus-nato: {message}", err=True)


# -- validate and schema -------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--source-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with the source texts: check every evidence phrase and sha256.",
)
@click.pass_obj
def validate(app: App, paths: tuple[Path, ...], source_dir: Path | None) -> int:
    """Check fact files (default: the embedded facts and any --facts packs).

    Prints one line per problem: file, record, field, what is wrong. Exit 0 when valid,
    1 when not.

    \b
    Examples:
      belarus-nato validate --source-dir ../shared/seeds
      belarus-nato validate my-pack/ extra.jsonl
    """
    from belarus_nato_cli.validation import validate_paths

    v = validate_paths(list(paths) or app.packs.paths(), source_dir)
    for notice in v.notices:
        _note(f"note: {notice}")
    for problem in v.problems:
        click.echo(str(problem))
    if v.problems:
        _note(f"invalid: {len(v.problems)} problem{'s' if len(v.problems) != 1 else ''}")
        return EXIT_EMPTY
    counts = ", ".join(f"{n} {kind}" for kind, n in v.counts.items())
    checked = f"; source text checked for {len(v.texts)}" if v.texts else ""
    _note(f"valid: {counts}{checked}")
    return EXIT_OK


@cli.command()
@click.option("--line", is_flag=True, help="The schema of one JSON Lines record instead.")
def schema(line: bool) -> None:
    """Print the JSON Schema of a fact file (TOML), or of a JSON Lines record."""
    from belarus_nato_cli.schema import file_schema, line_schema

    click.echo(json.dumps(line_schema() if line else file_schema(), indent=2, ensure_ascii=False))


# -- query, show, timeline -----------------------------------------------------------------


def _filters(store: Store, o: dict[str, Any]) -> Filters:
    f = Filters(
        actors=[store.resolve("actor", n) for n in o["actors"]],
        speakers=[store.resolve("speaker", n) for n in o["speakers"]],
        topics=[store.resolve("topic", n) for n in o["topics"]],
        texts=list(o["texts"]),
        disputed=o["disputed"],
        corroborated=o["corroborated"],
    )
    for text in f.texts:
        store.fts_all_words(text)  # reject a wordless --text before anything is printed
    starts = [d[0] for d in (o["since"], o["on"]) if d]
    ends = [d[1] for d in (o["until"], o["on"]) if d]
    f.start = max(starts) if starts else None
    f.end = min(ends) if ends else None
    if f.start and f.end and f.start > f.end:
        raise BadInput(f"the date window is empty ({f.start} to {f.end})")
    return f


def _run_query(app: App, o: dict[str, Any], timeline: bool) -> int:
    store = app.store()
    filters = _filters(store, o)
    fmt = choose_format(o["fmt"], app.stdout_isatty)
    sort = "date" if timeline else o["sort"] or ("relevance" if filters.texts else "date")
    result = store.query(filters, sort, default_limit(o["limit"], fmt))
    if timeline:
        fields = {"period": _period, **STATEMENT_FIELDS}
        listing = Listing(result.records, fields, ["period", "id", "date", "speaker", "text"], "timeline")
    else:
        listing = Listing(result.records, STATEMENT_FIELDS, STATEMENT_DEFAULT)
    n = emit(listing, fmt, o["fields"], o["color"], app.stdout_isatty, store)
    if result.undated_left_out:
        k = result.undated_left_out
        _note(f"note: {k} undated statement{'s' if k != 1 else ''} left out by the date filter")
    if result.cut:
        _note(f"note: showing the first {result.limit}; more match (--limit 0 shows all)")
    if n == 0:
        _note("no statements match")
        return EXIT_EMPTY
    return EXIT_OK


def _period(r: dict[str, Any]) -> str:
    when = r["about"] or r["said"]
    if not when:
        return "undated"
    start, _, end = when.partition("/")
    part = start if start not in ("", "..") else end
    return part.rstrip("?~%")[:7]


@cli.command()
@filter_options
@output_options
@click.pass_obj
def query(app: App, **o: Any) -> int:
    """Find statements. Different options AND together; a repeated option ORs.

    Names match an id, name or alias, ignoring case, accents and apostrophe style; a unique
    prefix is enough. A date filter matches when the time a statement is about (or else the
    date it was said) can fall in the window; undated statements never match one.

    \b
    Examples:
      belarus-nato query --actor NATO
      belarus-nato query --actor India --actor Iran --topic "military cooperation"
      belarus-nato query --speaker Revenko --on 2021-11 --format json
      belarus-nato query --text "unilateral suspension" --sort relevance
    """
    return _run_query(app, o, timeline=False)


@cli.command()
@filter_options
@output_options
@click.pass_obj
def timeline(app: App, **o: Any) -> int:
    """Statements in time order, grouped by year and month; undated ones last.

    Takes the same filters as query.

    \b
    Examples:
      belarus-nato timeline
      belarus-nato timeline --actor Cuba --format text
    """
    return _run_query(app, o, timeline=True)


def _read_ids_from_stdin() -> list[str]:
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


@cli.command(no_args_is_help=True)
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
        wanted.extend(_read_ids_from_stdin() if sid == "-" else [sid])
    store = app.store()
    records = store.statements(wanted)
    fmt = choose_format(fmt, app.stdout_isatty, terminal_default="text")
    n = emit(Listing(records, STATEMENT_FIELDS, STATEMENT_DEFAULT), fmt, fields, color, app.stdout_isatty, store)
    return EXIT_OK if n else EXIT_EMPTY


# -- listings ------------------------------------------------------------------------------


def _listing_command(name: str, help_text: str, fields: list[str], default: list[str]) -> None:
    @cli.command(name=name, help=help_text)
    @output_options
    @click.pass_obj
    def command(app: App, fmt: str | None, fields_spec: str | None = None, color: str = "auto", **kw: Any) -> int:
        store = app.store()
        records = getattr(store, name)()
        fmt = choose_format(fmt, app.stdout_isatty)
        listing = Listing(records, simple_fields(fields), default, name.rstrip("s"))
        n = emit(listing, fmt, kw.get("fields", fields_spec), color, app.stdout_isatty, store)
        return EXIT_OK if n else EXIT_EMPTY


_listing_command(
    "actors",
    "Entities (states, alliances, groups, people) with their number of statements.",
    ["id", "kind", "name", "statements"],
    ["id", "kind", "name", "statements"],
)
_listing_command(
    "speakers",
    "Entities that make statements, with their number of statements.",
    ["id", "kind", "name", "statements"],
    ["id", "kind", "name", "statements"],
)
_listing_command(
    "topics",
    "Topics with their number of statements (sub-topics included).",
    ["id", "label", "parent", "statements"],
    ["id", "label", "parent", "statements"],
)
_listing_command(
    "sources",
    "Sources with publisher, date, reliability note and number of statements.",
    ["id", "title", "publisher", "published", "language", "url", "reliability", "notes", "statements"],
    ["id", "published", "publisher", "statements", "title", "reliability"],
)


# -- index and completion ------------------------------------------------------------------


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the index now.")
@click.option("--path", "show_path", is_flag=True, help="Print the index file's path only.")
@click.pass_obj
def index_cmd(app: App, rebuild: bool, show_path: bool) -> int:
    """The SQLite index the queries read (rebuilt automatically when facts change).

    \b
    Examples:
      belarus-nato index
      sqlite3 "$(belarus-nato index --path)" 'select count(*) from statements'
    """
    idx = app.index(rebuild=rebuild)
    where = str(idx.path) if idx.path else "(temporary, in memory)"
    if show_path:
        click.echo(where)
        return EXIT_OK
    counts = json.loads(idx.conn.execute("SELECT value FROM meta WHERE key='counts'").fetchone()[0])
    click.echo(f"path\t{where}")
    click.echo(f"state\t{'rebuilt' if idx.rebuilt else 'up to date'}")
    for table, n in counts.items():
        click.echo(f"{table}\t{n}")
    return EXIT_OK


@cli.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script (names of actors, speakers, topics complete too).

    \b
    Example:
      eval "$(belarus-nato completion bash)"
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None
    click.echo(cls(cli, {}, "belarus-nato", "_BELARUS_NATO_COMPLETE").source())


# -- the entry point -----------------------------------------------------------------------


def _fail(message: str, code: int) -> NoReturn:
    sys.stdout.flush()
    click.echo(f"belarus-nato: error: {message}", err=True)
    sys.exit(code)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("BELARUS_NATO_DEBUG"))
    try:
        code = cli.main(args=args, prog_name="belarus-nato", standalone_mode=False)
        sys.stdout.flush()
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.UsageError as exc:
        if debug:
            raise
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        _fail(_one_line(exc.format_message()) + hint, EXIT_USAGE)
    except click.ClickException as exc:
        if debug:
            raise
        _fail(_one_line(exc.format_message()), exc.exit_code)
    except InvalidFacts as exc:
        if debug:
            raise
        sys.stdout.flush()
        for problem in exc.problems:
            click.echo(f"belarus-nato: {_one_line(str(problem))}", err=True)
        _fail(f"{exc}; nothing was queried", EXIT_DATA)
    except BadInput as exc:
        if debug:
            raise
        _fail(_one_line(str(exc)), EXIT_USAGE)
    except BelarusNatoError as exc:
        if debug:
            raise
        _fail(_one_line(str(exc)), EXIT_DATA)
    except BrokenPipeError:
        # The reader went away (| head -1): stop quietly, and keep Python's exit-time
        # flush from complaining about the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("belarus-nato: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if debug:
            raise
        _fail(f"internal error: {type(exc).__name__}: {_one_line(str(exc))[:300]} (--debug shows more)", EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
