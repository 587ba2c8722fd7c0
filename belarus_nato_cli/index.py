"""Where the index lives, when it is stale, and how it is (re)built safely.

The index is rebuilt when a fact file, the set of packs or the tool's version changes. A
build writes a temporary file beside the index and renames it into place, under a lock, so
readers never see half an index and concurrent builders all end with a whole one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from belarus_nato_cli import __version__
from belarus_nato_cli.packs import discover, embedded_facts_dir

INDEX_SCHEMA = "1"  # keep equal to indexer.SCHEMA_VERSION (not imported: it pulls in pydantic)
CACHE_ENV = "BELARUS_NATO_CACHE"
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class PackSet:
    """The fact packs a run reads: the embedded facts (unless left out) and the user's own."""

    user_paths: tuple[Path, ...] = ()
    embedded: bool = True

    def paths(self) -> list[Path]:
        return ([embedded_facts_dir()] if self.embedded else []) + list(self.user_paths)


@dataclass
class OpenIndex:
    conn: sqlite3.Connection
    path: Path | None  # None for a temporary in-memory index
    notices: list[str] = field(default_factory=list)
    rebuilt: bool = False


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "belarus-nato"


def index_path(packs: PackSet) -> Path:
    key = "\0".join([str(packs.embedded), *(str(p.resolve()) for p in packs.user_paths)])
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir() / f"index-{digest}.sqlite"


def fingerprint(packs: PackSet) -> str:
    """Changes whenever a fact file is added, removed or modified, or the tool changes."""
    h = hashlib.sha256(f"{__version__}\0{INDEX_SCHEMA}\n".encode())
    files, problems = discover(packs.paths())
    for f in files:
        try:
            st = f.stat()
            h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        except OSError as exc:
            h.update(f"{f}\0{exc.errno}\n".encode("utf-8", "surrogateescape"))
    for p in problems:
        h.update(str(p).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _whole_sqlite_file(path: Path) -> bool:
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


def _open_if_fresh(path: Path, fp: str) -> sqlite3.Connection | None:
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


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    import fcntl

    fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove_stale_temps(path: Path) -> None:
    # Called under the lock: any temp file left is from a build that was killed.
    for stale in path.parent.glob(path.name + ".tmp-*"):
        stale.unlink(missing_ok=True)


def build(conn: sqlite3.Connection, packs: PackSet, fp: str) -> None:
    """Validate every pack and write the index into an empty database (raises InvalidFacts)."""
    from belarus_nato_cli.errors import InvalidFacts
    from belarus_nato_cli.indexer import IndexBuilder
    from belarus_nato_cli.validation import Validator

    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    builder = IndexBuilder(conn)
    validator = Validator(sink=builder)
    validator.feed_paths(packs.paths())
    problems = validator.finish()
    if problems:
        raise InvalidFacts(problems)
    builder.finish(fp)
    conn.commit()


def _build_file(path: Path, packs: PackSet, fp: str) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(tmp)
        try:
            build(conn, packs, fp)
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def open_index(packs: PackSet, rebuild: bool = False) -> OpenIndex:
    """The index for these packs, built first if missing, stale, corrupt or asked for."""
    fp = fingerprint(packs)
    path = index_path(packs)
    if not rebuild:
        conn = _open_if_fresh(path, fp)
        if conn is not None:
            return OpenIndex(conn, path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            conn = None if rebuild else _open_if_fresh(path, fp)  # another process built it
            if conn is None:
                _remove_stale_temps(path)
                _build_file(path, packs, fp)
                conn = _open_if_fresh(path, fp)
        if conn is not None:
            return OpenIndex(conn, path, rebuilt=True)
        reason = "the new index could not be read back"
    except (OSError, sqlite3.OperationalError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
    conn = sqlite3.connect(":memory:")
    build(conn, packs, fp)
    note = f"cannot use the index cache in {path.parent} ({reason}); using a temporary index"
    return OpenIndex(conn, None, [note], rebuilt=True)
