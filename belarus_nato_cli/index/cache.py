"""Where the index lives, when it is stale, and how it is (re)built safely.

The index is rebuilt when a fact file, the set of packs or the tool's version changes. A
build writes a temporary file beside the index and renames it into place, under a lock, so
readers never see half an index and concurrent builders all end with a whole one.

This module is on the start-up path of every query: plain os.path, no pathlib or hashlib.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Callable

from belarus_nato_cli import __version__
from belarus_nato_cli.index.schema import SCHEMA_VERSION
from belarus_nato_cli.model.discovery import discover, embedded_facts_dir

CACHE_ENV = "BELARUS_NATO_CACHE"
_VERSION = f"{__version__}/{SCHEMA_VERSION}"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class PackSet:
    """The fact packs a run reads: the embedded facts (unless left out) and the user's own."""

    def __init__(self, user_paths: tuple[str, ...] = (), embedded: bool = True) -> None:
        self.user_paths = tuple(os.fspath(p) for p in user_paths)
        self.embedded = embedded

    def paths(self) -> list[str]:
        return ([embedded_facts_dir()] if self.embedded else []) + list(self.user_paths)


class OpenIndex:
    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str | None,
        notices: list[str] | None = None,
        rebuilt: bool = False,
        read: tuple[int, int] | None = None,
    ) -> None:
        self.conn = conn
        self.path = path  # None for a temporary in-memory index
        self.notices = notices or []
        self.rebuilt = rebuilt
        self.read = read  # an update: (files read again, files in all)


def cache_dir() -> str:
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "belarus-nato")


def index_path(packs: PackSet) -> str:
    # The name only spreads different pack sets over different files; the fingerprint
    # inside decides freshness, so a checksum is enough here.
    key = "\0".join([str(packs.embedded), *(os.path.abspath(p) for p in packs.user_paths)])
    raw = key.encode("utf-8", "surrogateescape")
    name = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    return os.path.join(cache_dir(), f"index-{name}.sqlite")


def fingerprint(packs: PackSet) -> str:
    """Changes whenever a fact file is added, removed or modified, or the tool changes."""
    from belarus_nato_cli.index import stamps

    files, problems = discover(packs.paths())
    now = [(f, stamps.plain_stamp(f)) for f in files]
    return stamps.fingerprint(_VERSION, now, [str(p) for p in problems])


def _whole_sqlite_file(path: str) -> bool:
    """Cheap truncation check: the header's page count must match the file size."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[92:96] != header[24:28]:  # in-header size not trustworthy
        return size > 0 and size % page_size == 0
    return size == page_size * pages


def _open_if_fresh(path: str, fp: str) -> sqlite3.Connection | None:
    if not _whole_sqlite_file(path):
        return None
    conn = None
    try:
        conn = sqlite3.connect(path)
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != fp:
            conn.close()
            return None
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.DatabaseError:
        if conn is not None:
            conn.close()
        return None


def mark_used(path: str) -> None:
    """Record a use in the file's modification time (what `index --list` and `--prune` go
    by), at most once an hour: one stat on a query, a write only now and then."""
    try:
        if time.time() - os.stat(path).st_mtime > 3600:
            os.utime(path)
    except OSError:
        pass  # a read-only cache is still usable; its listing shows an older use


def discard(path: str) -> bool:
    """Remove an index found damaged while reading it, so the next run rebuilds it; False
    when it cannot be removed."""
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _remove_stale_temps(path: str) -> None:
    # Called under the lock: any temp file left is from a build that was killed.
    folder, name = os.path.split(path)
    for entry in os.listdir(folder):
        if entry.startswith(name + ".tmp-"):
            try:
                os.unlink(os.path.join(folder, entry))
            except FileNotFoundError:
                pass


# Called with the number of statements written so far, after each batch of a large build.
Progress = Callable[[int], None]


def build(
    conn: sqlite3.Connection,
    packs: PackSet,
    fp: str | None = None,
    path: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Validate every pack and write the index into an empty database (raises InvalidFacts).
    `fp` is recorded as its fingerprint (by default: the files' stamps as they were read).
    `path` is the database's file, when it has one: large packs are then written by two
    processes."""
    from belarus_nato_cli.errors import InvalidFacts
    from belarus_nato_cli.index import stamps
    from belarus_nato_cli.index.build import IndexBuilder
    from belarus_nato_cli.index.writer import BUILD_PRAGMAS
    from belarus_nato_cli.model.validation import Validator

    for pragma in BUILD_PRAGMAS:
        conn.execute(pragma)
    files, found = discover(packs.paths())
    # stamped before they are read: a file that changes while it is read looks changed
    file_stamps = [(f, stamps.build_stamp(f)) for f in files]
    builder = IndexBuilder(conn, path, progress)
    try:
        builder.register_files(file_stamps)
        validator = Validator(sink=builder, statement_checks=builder.statement_problems)
        validator.problems.extend(found)
        validator.feed_files(files)
        problems = validator.finish()
        if problems:
            raise InvalidFacts(problems)
        builder.finish(fp or stamps.fingerprint(_VERSION, file_stamps, []))
        conn.execute("INSERT INTO meta VALUES ('packs', ?)", (_packs_json(packs),))
    finally:
        builder.abort()  # only does something when the build stopped half-way
    conn.commit()


def _packs_json(packs: PackSet) -> str:
    import json

    paths = [os.path.abspath(p) for p in packs.user_paths]
    return json.dumps({"embedded": packs.embedded, "paths": paths})


def _build_file(path: str, packs: PackSet, progress: Progress | None) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        conn = sqlite3.connect(tmp)
        try:
            build(conn, packs, None, tmp, progress)
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:  # Ctrl-C included: never leave a half-built file behind
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _open_built(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _build_locked(
    path: str, packs: PackSet, fp: str, rebuild: bool, progress: Progress | None
) -> OpenIndex:
    from belarus_nato_cli.index.lock import build_lock

    os.makedirs(os.path.dirname(path), exist_ok=True)
    with build_lock(path[: -len(".sqlite")] + ".lock"):  # concurrent builders wait, then reuse
        if not rebuild:
            conn = _open_if_fresh(path, fp)  # another process brought it up to date
            if conn is not None:
                return OpenIndex(conn, path)
            updated = _update(path, packs)
            if updated is not None:
                return updated
        _remove_stale_temps(path)
        _build_file(path, packs, progress)
        from belarus_nato_cli.index.hygiene import enforce_bound

        enforce_bound(os.path.dirname(path), keep=path)
        return OpenIndex(_open_built(path), path, rebuilt=True)


def _update(path: str, packs: PackSet) -> OpenIndex | None:
    """The index brought up to date by reading only the files that changed, if it can be."""
    if not _whole_sqlite_file(path):
        return None
    from belarus_nato_cli.index.update import update_index

    updated = update_index(path, packs.paths(), _VERSION)
    if updated is None:
        return None
    if not updated.changed:
        return OpenIndex(updated.conn, path)
    return OpenIndex(updated.conn, path, rebuilt=True, read=(updated.read, updated.total))


def open_index(
    packs: PackSet, rebuild: bool = False, progress: Progress | None = None
) -> OpenIndex:
    """The index for these packs, built first if missing, stale, corrupt or asked for;
    `progress` hears how far a large build has got."""
    fp = fingerprint(packs)
    path = index_path(packs)
    if not rebuild:
        conn = _open_if_fresh(path, fp)
        if conn is not None:
            mark_used(path)
            return OpenIndex(conn, path)
    try:
        return _build_locked(path, packs, fp, rebuild, progress)
    except (OSError, sqlite3.OperationalError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
    conn = sqlite3.connect(":memory:")
    build(conn, packs, progress=progress)
    note = (
        f"cannot use the index cache in {os.path.dirname(path)} ({reason}); using a temporary index"
    )
    return OpenIndex(conn, None, [note], rebuilt=True)
