"""Shell completion: names complete to ids (no spaces to quote), any word of a name or alias
matches, source and statement ids and --fields lists complete. The options name these
completers on every run, so this module imports nothing of click's completion machinery until
a shell asks (bash's quoting is in `bash_quoting`)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

Completer = Callable[[click.Context, click.Parameter, str], list[Any]]


def _candidates(ctx: click.Context, find: Callable[[Any], list[CompletionItem]]) -> list[Any]:
    """Completions from the run's store; nothing (never a traceback) when it cannot open."""
    from belarus_nato_cli.cli.app import app_of

    try:
        return find(app_of(ctx).store())
    except Exception:  # completion must never print a traceback into the shell
        return []


def name_completer(what: str) -> Completer:
    """Entity or topic ids, by any word of their names and aliases."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from belarus_nato_cli.index.candidates import name_ids, publishers

        def find(store: Any) -> list[CompletionItem]:
            if what == "publisher":
                return [CompletionItem(name) for name in publishers(store, incomplete)]
            found = name_ids(store, what, incomplete)
            return [CompletionItem(eid, help=name) for eid, name in found]

        return _candidates(ctx, find)

    return complete


def id_completer(table: str) -> Completer:
    """Source or statement ids by prefix."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from belarus_nato_cli.index.candidates import prefixed

        def find(store: Any) -> list[CompletionItem]:
            return [CompletionItem(i) for i in prefixed(store, table, incomplete)]

        return _candidates(ctx, find)

    return complete


def fields_completer(names: Collection[str]) -> Completer:
    """The next field of a comma-separated --fields list, from the command's own fields."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        done, _, last = incomplete.rpartition(",")
        head = done + "," if done else ""
        chosen = set(done.split(","))
        return [CompletionItem(head + n) for n in names if n.startswith(last) and n not in chosen]

    return complete
