"""The command line entry point: the command group, lazy command loading, error mapping.

Commands live in `cli/commands/` and are imported only when run, so `query` does not pay for
`validate` (pydantic) or `ask`. Only this module turns domain errors into exit codes.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from belarus_nato_cli import __version__, exitcodes
from belarus_nato_cli.errors import (
    BadInput,
    BelarusNatoError,
    DamagedIndex,
    InvalidFacts,
    OutputClosed,
)

if TYPE_CHECKING:
    from belarus_nato_cli.environment import Environment

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
Exit codes: 0 results; 1 no results (validate: invalid facts; ask: no
answer); 2 bad usage or input; 3 the fact data is invalid or unreadable;
70 internal error; 130 interrupted.
"""

COMPLETE_VAR = "_BELARUS_NATO_COMPLETE"  # click's completion protocol

# name -> (module, attribute, the command list's line: the first paragraph of its help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "query": ("query", "query", "Find statements by actor, speaker, topic, source, text or date."),
    "ask": ("ask", "ask", "Ask a question in plain English; answered from the facts."),
    "show": ("query", "show", "Show statements in full; '-' reads ids from standard input."),
    "timeline": ("query", "timeline", "Statements in time order, grouped by year and month."),
    "actor": ("actor", "actor", "What the facts hold about a person or body, titles included."),
    "actors": ("listings", "actors", "Entities (states, alliances, groups, people), with counts."),
    "speakers": ("listings", "speakers", "Entities that make statements, with their counts."),
    "topics": ("listings", "topics", "Topics with their counts (sub-topics included)."),
    "sources": (
        "listings",
        "sources",
        "Sources: publisher, date, reliability note, statement count.",
    ),
    "validate": ("admin", "validate", "Check fact files; one line per problem."),
    "draft": ("draft", "draft", "Draft a fact pack from a plain-text article, for review."),
    "schema": ("admin", "schema", "Print the JSON Schema of a fact file or a JSON Lines record."),
    "index": (
        "admin",
        "index_cmd",
        "Show, list, prune or rebuild the SQLite index the queries read.",
    ),
    "completion": (
        "admin",
        "completion",
        "Print the shell completion script (names complete too).",
    ),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = __import__(f"belarus_nato_cli.cli.commands.{entry[0]}", fromlist=[entry[1]])
        command: click.Command = getattr(module, entry[1])
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=2, cutoff=0.6)
            hint = "; did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""
            ctx.fail(f"no such command {name[:40]!r}{hint}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        # click would turn a closed pipe into exit 1 ("no results" here): claim it first
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise OutputClosed() from None
        except Exception as exc:
            if _is_database_error(exc):
                raise _damaged_index(exc, ctx.obj) from exc
            raise

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The list comes from the table above, so --help imports no command module.
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry[2]) for name, entry in COMMANDS.items()])


@click.group(
    cls=LazyGroup,
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
    # imported here: --help, --version and usage errors never open the index
    from belarus_nato_cli.cli.app import App, packs_from
    from belarus_nato_cli.environment import Environment

    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment.from_process()
    ctx.obj = App(packs_from(facts, no_embedded), env, debug=debug)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _finish(code: int) -> NoReturn:
    """Flush and leave. os._exit skips interpreter teardown (several ms on every call);
    nothing is left to clean up by then: the index is read-only and builds are finished."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    sys.stderr.flush()
    os._exit(code)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the exit-time flush cannot hit the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run(args: list[str], env: Environment | None = None) -> int:
    """Run the command line and return the exit code; errors become one line on stderr.
    `env` replaces the process's streams, terminal and colour settings (tests use it)."""
    from belarus_nato_cli.environment import Environment

    env = env or Environment.from_process()
    if COMPLETE_VAR in os.environ:  # a shell asks what to complete: bash's values come quoted
        from belarus_nato_cli.cli import bash_quoting  # noqa: F401  (registers it with click)
    debug = "--debug" in args or bool(os.environ.get("BELARUS_NATO_DEBUG"))
    try:
        result: Any = cli.main(args=args, prog_name="belarus-nato", standalone_mode=False, obj=env)
        env.stdout.flush()
        return result if isinstance(result, int) else exitcodes.OK
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except (OutputClosed, BrokenPipeError):
        # the reader went away mid-output (| head -1): stop quietly, and successfully
        _quiet_stdout()
        return exitcodes.OK
    except click.exceptions.NoArgsIsHelpError as exc:
        # a command run without its arguments: its help, as click shows it, not an error line
        env.stderr.write(exc.ctx.get_help() + "\n")
        return exitcodes.USAGE
    except (KeyboardInterrupt, click.exceptions.Abort):
        env.stderr.write("belarus-nato: interrupted\n")
        return exitcodes.INTERRUPTED
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc(file=env.stderr)
        message, code = describe_error(exc)
        try:
            env.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
        if isinstance(exc, InvalidFacts):
            for problem in exc.problems:
                env.stderr.write(f"belarus-nato: {_one_line(str(problem))}\n")
        env.stderr.write(f"belarus-nato: error: {message}\n")
        return code


def describe_error(exc: Exception) -> tuple[str, int]:
    """The one-line message and exit code for an error."""
    if isinstance(exc, click.UsageError):
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        return _one_line(exc.format_message()) + hint, exitcodes.USAGE
    if isinstance(exc, click.ClickException):
        return _one_line(exc.format_message()), int(exc.exit_code)
    if isinstance(exc, InvalidFacts):
        return f"{exc}; nothing was queried", exitcodes.DATA
    if isinstance(exc, BadInput):
        return _one_line(str(exc)), exitcodes.USAGE
    if isinstance(exc, BelarusNatoError):
        return _one_line(str(exc)), exitcodes.DATA
    text = _one_line(str(exc))[:300]
    return f"internal error: {type(exc).__name__}: {text} (--debug shows more)", exitcodes.INTERNAL


def _is_database_error(exc: Exception) -> bool:
    import sqlite3

    return isinstance(exc, sqlite3.DatabaseError)


def _damaged_index(exc: Exception, app: object) -> DamagedIndex:
    """Damage the start-up checks cannot see (they read the header and the fingerprint):
    remove the file so the next run rebuilds it, and say so."""
    from belarus_nato_cli.cli.app import App

    detail = _one_line(str(exc))[:200]
    path = app.index_path() if isinstance(app, App) else None
    then = "run 'belarus-nato index --rebuild'"
    if path is not None:
        from belarus_nato_cli.index.cache import discard

        if discard(path):
            then = "it is rebuilt on the next run"
    return DamagedIndex(f"the index is damaged ({detail}); {then}")


def main(argv: list[str] | None = None) -> None:
    if sys.stdout is None:  # started with stdout closed: nothing can be read, so say nothing
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until os._exit
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    _finish(run(sys.argv[1:] if argv is None else argv))
