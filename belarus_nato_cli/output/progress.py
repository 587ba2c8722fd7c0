"""A progress bar on stderr for long index builds, on a terminal only (rich's Progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from belarus_nato_cli.environment import Environment

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class BuildProgress:
    """Called with the number of statements stored so far. Rich is imported at the first
    call, which only builds of more than one batch make: opening a ready index costs nothing.
    `close` removes the bar, so what is printed next starts on a clean line."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __call__(self, statements: int) -> None:
        if self._bar is None:
            self._start()
        assert self._bar is not None and self._task is not None
        self._bar.update(self._task, completed=statements)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        color = self.env.use_color()
        console = Console(
            file=self.env.stderr,
            width=self.env.width,
            force_terminal=True,
            color_system="standard" if color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            _environ={},
        )
        self._bar = Progress(
            TextColumn("belarus-nato: building the index"),
            BarColumn(),
            TextColumn("{task.completed:,} statements"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("build", total=None)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
