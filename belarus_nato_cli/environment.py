"""The run's environment: its streams, whether they are terminals, the width, and the colour
settings, read once from the process and handed to everything that writes output.

Nothing else reads `sys.stdout`, `COLUMNS`, `NO_COLOR`, `FORCE_COLOR` or `TERM`: tests build an
`Environment` of their own instead of patching globals. Standard library only.
"""

# no `from __future__ import annotations`: a named tuple would compile each field's
# type from a string at start-up
import os
import sys
from collections.abc import Mapping
from typing import NamedTuple, TextIO

DEFAULT_WIDTH = 80  # for a terminal that reports 0 columns, or none at all


class Environment(NamedTuple):  # a named tuple, not a dataclass: cheaper to define at start-up
    stdout: TextIO
    stderr: TextIO
    stdin: TextIO | None = None
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    terminal_columns: int = 0  # what the terminal reports; 0 when unknown
    columns_override: str = ""  # COLUMNS
    no_color: bool = False  # NO_COLOR set
    force_color: bool = False  # FORCE_COLOR set to something other than 0
    term: str = ""  # TERM

    @classmethod
    def from_process(cls, environ: Mapping[str, str] | None = None) -> "Environment":
        """The environment this process runs in."""
        environ = os.environ if environ is None else environ
        stdout_tty = _isatty(sys.stdout)
        columns = 0
        if stdout_tty:
            try:
                columns = os.get_terminal_size(sys.stdout.fileno()).columns
            except (OSError, ValueError):
                columns = 0
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin=sys.stdin,
            stdout_isatty=stdout_tty,
            stderr_isatty=_isatty(sys.stderr),
            terminal_columns=columns,
            columns_override=environ.get("COLUMNS", ""),
            no_color=bool(environ.get("NO_COLOR")),
            force_color=environ.get("FORCE_COLOR", "0") not in ("", "0"),
            term=environ.get("TERM", ""),
        )

    def but(self, **changes: object) -> "Environment":
        """A copy with some settings changed (tests: `env.but(stdout_isatty=True)`)."""
        return self._replace(**changes)  # type: ignore[arg-type]

    @property
    def width(self) -> int:
        """Columns for terminal views: COLUMNS when it is a positive number, else what the
        terminal reports, else 80 (a terminal reporting 0 columns gets 80, not a sliver)."""
        override = self.columns_override.strip()
        if override.isdigit() and int(override) > 0:
            return int(override)
        return self.terminal_columns or DEFAULT_WIDTH

    def use_color(self, choice: str = "auto") -> bool:
        """--color always/never decide; auto: a terminal, unless NO_COLOR or TERM=dumb say
        otherwise, and FORCE_COLOR turns it on even when piped."""
        if choice != "auto":
            return choice == "always"
        if self.no_color:
            return False
        if self.force_color:
            return True
        if self.term == "dumb":
            return False
        return self.stdout_isatty

    def note(self, message: str) -> None:
        """A message for the person, on stderr (stdout carries only data). The data written
        so far goes out first, so a terminal shows the two in the order they happened."""
        self.stdout.flush()
        self.stderr.write(f"belarus-nato: {message}\n")


def _isatty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):  # a closed stream
        return False
