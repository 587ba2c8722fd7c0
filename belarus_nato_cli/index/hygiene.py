"""Keeping the cache folder in bounds: what indexes it holds, and removing the unused.

Each pack combination gets its own index file, so a curator trying packs leaves files behind.
`index --list` shows them, `index --prune` removes those unused for a while and orphans (their
packs are gone, or the file cannot be read), and after each build the cache keeps at most
MAX_INDEXES, dropping the least recently used. An index in use by a build is never removed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator

from belarus_nato_cli.index.lock import build_lock

MAX_INDEXES = 20
PRUNE_AFTER_DAYS = 30.0
# Leftovers of a killed build, or locks of removed indexes, older than this are orphans.
_LEFTOVER_SECONDS = 24 * 3600.0


class CachedIndex:
    """One index file in the cache folder, as `index --list` shows it."""

    def __init__(self, path: str, size: int, last_used: float) -> None:
        self.path, self.size, self.last_used = path, size, last_used
        self.embedded: bool | None = None  # None: the file could not be read
        self.user_paths: list[str] = []

    @property
    def packs(self) -> list[str]:
        return (["(embedded facts)"] if self.embedded else []) + self.user_paths

    def orphaned(self) -> str | None:
        """Why the index can never be used again, if it cannot."""
        if self.embedded is None:
            return "unreadable"
        gone = [p for p in self.user_paths if not os.path.exists(p)]
        return f"pack gone: {gone[0]}" if gone else None


def _index_files(folder: str) -> Iterator[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        if name.startswith("index-") and name.endswith(".sqlite"):
            yield os.path.join(folder, name)


def _read_packs(index: CachedIndex) -> None:
    try:
        conn = sqlite3.connect(f"file:{index.path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'packs'").fetchone()
        finally:
            conn.close()
        packs = json.loads(row[0])
        index.embedded = bool(packs["embedded"])
        index.user_paths = [str(p) for p in packs["paths"]]
    except (sqlite3.Error, TypeError, ValueError, KeyError):
        index.embedded = None


def cached_indexes(folder: str) -> list[CachedIndex]:
    """The indexes in the folder, most recently used first."""
    found = []
    for path in _index_files(folder):
        try:
            st = os.stat(path)
        except OSError:
            continue
        index = CachedIndex(path, st.st_size, st.st_mtime)
        _read_packs(index)
        found.append(index)
    return sorted(found, key=lambda i: i.last_used, reverse=True)


def remove_index(path: str) -> bool:
    """Remove an index unless a build holds it now; False when it was left."""
    from filelock import Timeout

    lock = path[: -len(".sqlite")] + ".lock"
    try:
        with build_lock(lock, wait=0):
            for leftover in (path, path + "-journal"):
                try:
                    os.unlink(leftover)
                except FileNotFoundError:
                    pass
    except (Timeout, OSError):
        return False
    return True


def prune(folder: str, unused_days: float, keep: str | None = None) -> list[tuple[str, str]]:
    """Remove the indexes unused for `unused_days` and the orphans: (path, why) for each."""
    removed = []
    now = time.time()
    for index in cached_indexes(folder):
        if index.path == keep:
            continue
        why = index.orphaned()
        if why is None and now - index.last_used > unused_days * 86400:
            why = f"unused for {(now - index.last_used) / 86400:.0f} days"
        if why is not None and remove_index(index.path):
            removed.append((index.path, why))
    removed.extend(_remove_leftovers(folder, now))
    return removed


def _remove_leftovers(folder: str, now: float) -> list[tuple[str, str]]:
    """Temporary files of killed builds, and locks whose index is gone, once they are old."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in sorted(names):
        path = os.path.join(folder, name)
        temp = ".sqlite.tmp-" in name
        lock = name.endswith(".lock") and not os.path.exists(path[: -len(".lock")] + ".sqlite")
        if not (name.startswith("index-") and (temp or lock)):
            continue
        try:
            if now - os.stat(path).st_mtime > _LEFTOVER_SECONDS:
                os.unlink(path)
                removed.append((path, "left by a stopped build" if temp else "lock of no index"))
        except OSError:
            continue
    return removed


def enforce_bound(folder: str, keep: str, limit: int | None = None) -> None:
    """Drop the least recently used indexes past the limit (the one just built stays)."""
    limit = MAX_INDEXES if limit is None else limit
    indexes = [i for i in cached_indexes(folder) if i.path != keep]
    for index in indexes[max(0, limit - 1) :]:
        remove_index(index.path)
