"""validate, schema, index and completion: looking after the facts and the tool."""

from __future__ import annotations

import json
from pathlib import Path

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.environment import Environment
from belarus_nato_cli.text import counted


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--source-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with the source texts: check every evidence phrase and sha256.",
)
@click.pass_obj
def validate(app: App, paths: tuple[Path, ...], source_dir: Path | None) -> int:
    """Check fact files; one line per problem.

    By default, the embedded facts and any --facts packs.

    Prints one line per problem (file: record: field: what is wrong) and exits 1 if there
    is any; 0 when everything is valid. A pack given by path may name the entities, topics
    and statements of the embedded facts (and of --facts packs). Statements marked
    draft = true are counted and listed on stderr.

    \b
    Examples:
      belarus-nato validate --source-dir ../shared/seeds
      belarus-nato validate my-pack/ extra.jsonl
    """
    from belarus_nato_cli.model.validation import validate_paths

    # a pack given by path builds on the embedded facts (and --facts packs): it may name
    # their entities and topics
    context = app.packs.paths() if paths else []
    v = validate_paths(list(paths) or app.packs.paths(), source_dir, context)
    for notice in v.notices:
        app.env.note(f"note: {notice}")
    for problem in v.problems:
        app.env.stdout.write(" ".join(str(problem).split()) + "\n")
    if v.problems:
        app.env.note(f"invalid: {counted(len(v.problems), 'problem')}")
        return exitcodes.EMPTY
    counts = ", ".join(counted(n, *_NOUNS.get(kind, (kind,))) for kind, n in v.counts.items())
    checked = f"; source text checked for {counted(len(v.texts), 'source')}" if v.texts else ""
    drafts = f"; {counted(len(v.drafts), 'draft statement')} to review" if v.drafts else ""
    app.env.note(f"valid ({counts}){checked}{drafts}")
    for st in v.drafts:
        # what the curator must still do: the drafter's own notes say where to look
        todo = " ".join(st.notes[1:]) or "rewrite the text and check every field"
        app.env.note(f"draft: statement {st.id}: {' '.join(todo.split())}")
    return exitcodes.OK


@click.command()
@click.option("--line", is_flag=True, help="The schema of one JSON Lines record instead.")
@click.pass_obj
def schema(app: App, line: bool) -> int:
    """Print the JSON Schema of a fact file or a JSON Lines record.

    A TOML fact file by default; --line: one JSON Lines record.

    \b
    Example:
      belarus-nato schema > fact-file.schema.json
    """
    from belarus_nato_cli.model.jsonschema import file_schema, line_schema

    chosen = line_schema() if line else file_schema()
    app.env.stdout.write(json.dumps(chosen, indent=2, ensure_ascii=False) + "\n")
    return exitcodes.OK


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the index now.")
@click.option("--path", "show_path", is_flag=True, help="Print the index file's path only.")
@click.option(
    "--list", "list_all", is_flag=True, help="List every index in the cache: packs, size, last use."
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove indexes unused for --unused-days, and those whose packs are gone.",
)
@click.option(
    "--unused-days",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="How long unused before --prune removes an index.",
)
@click.pass_obj
def index_cmd(
    app: App, rebuild: bool, show_path: bool, list_all: bool, prune: bool, unused_days: float
) -> int:
    """Show, list, prune or rebuild the SQLite index the queries read.

    It is rebuilt automatically when the facts change.

    Its place is $BELARUS_NATO_CACHE, else $XDG_CACHE_HOME/belarus-nato, else
    ~/.cache/belarus-nato. Each combination of packs has its own index; the cache keeps
    the 20 most recently used.

    \b
    Examples:
      belarus-nato index
      sqlite3 "$(belarus-nato index --path)" 'select count(*) from statements'
      belarus-nato index --list
      belarus-nato index --prune --unused-days 7
    """
    if list_all or prune:
        return _cache_listing(app.env, prune, unused_days)
    idx = app.index(rebuild=rebuild)
    where = idx.path or "(temporary, in memory)"
    if show_path:
        app.env.stdout.write(where + "\n")
        return exitcodes.OK
    row = idx.conn.execute("SELECT value FROM meta WHERE key = 'counts'").fetchone()
    state = "rebuilt" if idx.rebuilt else "up to date"
    if idx.read:
        state += f" in part ({idx.read[0]} of {idx.read[1]} files read again)"
    lines = [f"path\t{where}", f"state\t{state}"]
    lines += [f"{table}\t{n}" for table, n in json.loads(row[0]).items()]
    app.env.stdout.write("".join(line + "\n" for line in lines))
    return exitcodes.OK


def _cache_listing(env: Environment, prune: bool, unused_days: float) -> int:
    """`index --list` (one line an index: last use, size, path, packs) or `--prune`."""
    import time

    from belarus_nato_cli.index import hygiene
    from belarus_nato_cli.index.cache import cache_dir
    from belarus_nato_cli.text import inert

    folder = cache_dir()
    if prune:
        removed = hygiene.prune(folder, unused_days)
        for path, why in removed:
            env.stdout.write(f"removed\t{inert(path)}\t{why}\n")
        env.note(f"removed {counted(len(removed), 'file')} from {inert(folder)}")
        return exitcodes.OK
    indexes = hygiene.cached_indexes(folder)
    for index in indexes:
        used = time.strftime("%Y-%m-%d %H:%M", time.localtime(index.last_used))
        packs = ", ".join(index.packs) or "(none)"
        if index.orphaned():
            packs += f" [orphan: {index.orphaned()}]"
        env.stdout.write(
            f"{used}\t{index.size / 1e6:.1f} MB\t{inert(index.path)}\t{inert(packs)}\n"
        )
    if not indexes:
        env.note(f"no index in {inert(folder)}")
        return exitcodes.EMPTY
    return exitcodes.OK


@click.command(no_args_is_help=True)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> int:
    """Print the shell completion script (names complete too).

    Names of actors, speakers and topics complete as well as options.

    \b
    Example:
      eval "$(belarus-nato completion bash)"
    """
    from click.shell_completion import get_completion_class

    from belarus_nato_cli.cli import cli

    cls = get_completion_class(shell)
    assert cls is not None  # click knows the three shells the Choice allows
    click.echo(cls(cli, {}, "belarus-nato", "_BELARUS_NATO_COMPLETE").source())
    return exitcodes.OK


# the record kinds `validate` counts, as nouns where adding s is wrong
_NOUNS = {"entity": ("entity", "entities"), "lexicon": ("lexicon entry", "lexicon entries")}
