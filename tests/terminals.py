"""Reading what a process drew on a pseudo-terminal (shared by the terminal and fault tests)."""

from __future__ import annotations

import os


def read_until_closed(controller: int, chunk: int = 65536) -> bytes:
    """Everything written to the terminal whose controlling side is `controller`, until the
    process closes it (Linux reports that as an OSError on read)."""
    shown = b""
    while True:
        try:
            data = os.read(controller, chunk)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        shown += data
    return shown
