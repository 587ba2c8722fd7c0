"""The lock that builders of one index take in turn, on every platform.

filelock uses each platform's own locking (fcntl on Unix, msvcrt on Windows): the operating
system releases it when a builder dies, so a killed build never leaves the cache locked. Where
neither exists it falls back to a lock file of its own; the wait is bounded for that case.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# A build of a million statements takes about 90 s here; a builder waiting far longer than
# that gives up (filelock.Timeout, an OSError) and the run uses a temporary index instead.
WAIT_SECONDS = 900.0


@contextmanager
def build_lock(path: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock file at `path` while the block runs; concurrent holders wait."""
    with warnings.catch_warnings():
        # without fcntl or msvcrt, filelock warns that its fallback is "soft": a one-line
        # tool has nothing to add to that, and the bounded wait covers a stale lock file
        warnings.simplefilter("ignore")
        from filelock import FileLock

        lock = FileLock(path, timeout=wait)
    with lock:
        yield
