"""Bringing an index up to date by reading again only the fact files that changed.

The index knows each file's stamp and which records came from it. When files are added,
changed or removed, their records are taken out and the files read again; statements in
other files that use an entity, topic or source whose record changed are taken out and put
back from their stored JSON, so they are checked again (a removed entity is still a broken
reference) and their names re-indexed. The cross-file checks run against what the index
holds: ids stay unique, references resolve, links to a removed statement are reported where
they are. Counts and link flags are adjusted for what moved. It all happens in one SQLite
transaction on the index file: readers see the old index or the new one, an interrupted
update is rolled back, and an update with problems is undone and raises InvalidFacts.
This module finds what changed; index.reindex takes it out and puts it back.
"""

from __future__ import annotations

import os
import sqlite3

from belarus_nato_cli.index import stamps
from belarus_nato_cli.model.discovery import discover

# Past this share of the pack's bytes changed, a whole build (two processes, indexes made
# once at the end) is quicker than an update.
MAX_CHANGED_SHARE = 0.4


class Updated:
    def __init__(self, conn: sqlite3.Connection, read: int, total: int, changed: bool) -> None:
        self.conn, self.read, self.total = conn, read, total
        self.changed = changed  # False: only racy stamps were checked, and nothing had changed


def update_index(path: str, paths: list[str], version: str) -> Updated | None:
    """Update the index at `path` for the packs at `paths` in place; None when it cannot be
    updated (another schema, or so much changed that a whole build is quicker)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        files, problems = discover(paths)
        if problems or not _same_version(conn, version):
            conn.close()
            return None
        # the statements of one file land all over the id, date and full-text indexes
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("BEGIN IMMEDIATE")
        result = _update(conn, files, version)
        if result is None:
            conn.execute("ROLLBACK")
            conn.close()
        return result
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        raise


def _same_version(conn: sqlite3.Connection, version: str) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0].split("\n", 1)[0] == version


def _update(conn: sqlite3.Connection, files: list[str], version: str) -> Updated | None:
    known = {p: (fid, stamp) for fid, p, stamp in conn.execute("SELECT id, path, stamp FROM files")}
    changed = [f for f in files if f not in known or not stamps.unchanged(f, known[f][1])]
    gone_files = [known[f][0] for f in known if f not in files or f in changed]
    if _too_much(changed, files):
        return None
    new_stamps = [(f, _stamp(f, changed, known)) for f in files]
    if not (changed or gone_files):
        return _settle(conn, known, new_stamps, version, len(files))
    # only now the validation and the builder (pydantic): a run that finds a recently written
    # file unchanged settles its stamp without them
    from belarus_nato_cli.index.reindex import replace

    replace(conn, files, set(changed), gone_files, new_stamps)
    _record_fingerprint(conn, version, new_stamps)
    conn.execute("COMMIT")
    conn.execute("PRAGMA query_only = ON")
    return Updated(conn, len(changed), len(files), True)


def _settle(
    conn: sqlite3.Connection,
    known: dict[str, tuple[int, str]],
    new_stamps: list[tuple[str, str]],
    version: str,
    total: int,
) -> Updated:
    """Nothing changed, only racy stamps were checked: record the settled stamps so the next
    run trusts them at a glance, if that can be done at once. It is only a saving, so it never
    waits for readers: one may hold its read open for long (a listing blocked on a full pipe),
    and waiting for it could wait on whoever waits for us."""
    conn.execute("DELETE FROM files")
    conn.executemany(
        "INSERT INTO files VALUES (?,?,?,?)",
        ((known[f][0], f, i, s) for i, (f, s) in enumerate(new_stamps)),
    )
    _record_fingerprint(conn, version, new_stamps)
    (wait,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError:  # a reader is still at it: the index is right as it is
        conn.execute("ROLLBACK")
    conn.execute(f"PRAGMA busy_timeout = {int(wait)}")  # our own reads may wait as usual
    conn.execute("PRAGMA query_only = ON")
    return Updated(conn, 0, total, False)


def _record_fingerprint(
    conn: sqlite3.Connection, version: str, new_stamps: list[tuple[str, str]]
) -> None:
    fp = stamps.fingerprint(version, new_stamps, [])
    conn.execute("UPDATE meta SET value = ? WHERE key = 'fingerprint'", (fp,))


def _stamp(path: str, changed: list[str], known: dict[str, tuple[int, str]]) -> str:
    if path in changed or "#racy:" in known[path][1]:
        return stamps.build_stamp(path)  # a racy file is stamped again once it settles
    return known[path][1]


def _too_much(changed: list[str], files: list[str]) -> bool:
    def size(paths: list[str]) -> int:
        return sum(os.path.getsize(p) for p in paths if os.path.exists(p))

    return size(changed) > MAX_CHANGED_SHARE * max(1, size(files))
