"""What one run knows: its environment, the packs it reads, the open index."""

from __future__ import annotations

import os

import click

from belarus_nato_cli.environment import Environment
from belarus_nato_cli.index.cache import OpenIndex, PackSet, open_index
from belarus_nato_cli.index.store import Store

FACTS_ENV = "BELARUS_NATO_FACTS"


def packs_from(facts: tuple[str, ...], no_embedded: bool) -> PackSet:
    """--facts paths plus BELARUS_NATO_FACTS (':'-separated)."""
    env = [p for p in os.environ.get(FACTS_ENV, "").split(":") if p]
    return PackSet((*env, *facts), embedded=not no_embedded)


def app_of(ctx: click.Context) -> App:
    """The run's App: the one the command group made, or, during shell completion (when no
    group callback runs), one made the same way from the root's parameters."""
    app = ctx.find_object(App)
    if app is not None:
        return app
    root = ctx.find_root()
    env = root.obj if isinstance(root.obj, Environment) else Environment.from_process()
    params = root.params
    packs = packs_from(tuple(params.get("facts") or ()), bool(params.get("no_embedded")))
    return App(packs, env)


class App:
    def __init__(self, packs: PackSet, env: Environment, debug: bool = False) -> None:
        self.packs = packs
        self.env = env  # decided once, and handed to everything that writes output
        self.debug = debug
        self._index: OpenIndex | None = None

    def index(self, rebuild: bool = False) -> OpenIndex:
        if self._index is None or rebuild:
            # a large build can take minutes: a person at a terminal sees how far it has got
            progress = None
            if self.env.stderr_isatty:
                from belarus_nato_cli.output.progress import BuildProgress

                progress = BuildProgress(self.env)
            try:
                self._index = open_index(self.packs, rebuild=rebuild, progress=progress)
            finally:
                if progress is not None:
                    progress.close()
            for note in self._index.notices:
                self.env.note(f"note: {note}")
        return self._index

    def index_path(self) -> str | None:
        """The index file this run opened, if any (None for a temporary one)."""
        return self._index.path if self._index else None

    def store(self) -> Store:
        return Store(self.index().conn)
