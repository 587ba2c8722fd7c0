"""A one-line progress report for long index builds, on a terminal only."""

from __future__ import annotations

import time
from typing import TextIO


class BuildProgress:
    """Rewrites one line of stderr as a large build goes on; `clear` removes it, so what is
    printed next (results, or an error) starts on a clean line. Scripts never see it: the
    CLI uses it only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.width = 0  # of the line on screen, to blank it out (no escape codes needed)

    def __call__(self, statements: int) -> None:
        elapsed = time.monotonic() - self.start
        rate = f" ({statements / elapsed:,.0f} a second)" if elapsed > 0 else ""
        line = f"belarus-nato: building the index: {statements:,} statements{rate}"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
