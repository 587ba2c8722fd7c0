"""The rich console every terminal view draws on, set up from the run's `Environment` only.

Data text reaches rich as `Text`, never as markup: `[bold]` in a statement prints as written.
Rich reads no environment variables here (the `Environment` has already decided width and
colour), and the lines it writes carry no trailing padding.
"""

from __future__ import annotations

import io
import re

from rich.console import Console, RenderableType

from belarus_nato_cli.environment import Environment

_ESCAPES_AT_END = re.compile(r"(?:\x1b\[[0-9;]*m)+$")
UNWRAPPED = 1_000_000  # width for text that is not for a terminal: one line per field


class Screen:
    """Where a view writes: the run's stdout (or stderr), `width` columns wide, in colour or
    not. `wrap=False` draws as one long line what a terminal would fold."""

    def __init__(self, env: Environment, color: bool, wrap: bool = True) -> None:
        self.env = env
        self.color = color
        self.width = env.width if wrap else UNWRAPPED
        self.console = Console(
            file=io.StringIO(),
            width=self.width,
            force_terminal=color,
            color_system="standard" if color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            emoji=False,
            legacy_windows=False,
            _environ={},
        )

    def print(self, *renderables: RenderableType) -> None:
        """Draw and write at once (a long listing streams record by record)."""
        with self.console.capture() as capture:
            self.console.print(*renderables)
        lines = capture.get().splitlines()
        self.env.stdout.write("".join(_unpadded(line) + "\n" for line in lines))

    def blank(self) -> None:
        self.env.stdout.write("\n")


def _unpadded(line: str) -> str:
    """The line without the padding at its end, also where a style's closing escape follows
    the padding (a plain regular expression for both took a tenth of a 100-row table's time)."""
    if line.endswith(" "):
        return line.rstrip(" ")
    found = _ESCAPES_AT_END.search(line) if line.endswith("m") else None
    if found is None:
        return line
    return line[: found.start()].rstrip(" ") + found.group(0)
