"""What each fact file looked like when it was read, so a changed file is never missed.

A stamp is the file's size, modification and change times and inode: an edit, a replacement
by rename, even a modification time set back by hand (the change time cannot be) all change
it. The one change a stamp can miss is a second write within the file system's clock tick, of
the same size; so a file modified within RACY_SECONDS of its stamp is "racy": its stamp also
carries a hash of its content, and the next run hashes the file again before trusting it.

On the start-up path of every query: os only; hashlib is imported for racy files alone.
"""

from __future__ import annotations

import os
import time

RACY_SECONDS = 2.0
_RACY = "#racy:"


def plain_stamp(path: str) -> str:
    """The file's stamp as it is now ("error N" when it cannot be examined)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"error {exc.errno}"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def content_hash(path: str) -> str:
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        return f"error {exc.errno}"
    return digest.hexdigest()


def build_stamp(path: str) -> str:
    """The stamp a build records for a file it is about to read: taken before reading, so a
    change made while it is read leaves a stamp that no longer matches."""
    now = time.time_ns()
    try:
        st = os.stat(path)
    except OSError as exc:
        return f"error {exc.errno}"
    stamp = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
    if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_SECONDS * 1e9:
        stamp += _RACY + content_hash(path)
    return stamp


def unchanged(path: str, recorded: str) -> bool:
    """Whether the file is as it was when `recorded` was taken."""
    now = plain_stamp(path)
    if recorded == now:
        return True
    base, racy, digest = recorded.partition(_RACY)
    return bool(racy) and base == now and content_hash(path) == digest


def fingerprint(version: str, stamps: list[tuple[str, str]], problems: list[str]) -> str:
    """One string for a pack set's state: equal only when no file changed (racy stamps
    never equal a plain one, so they send the run to the careful check)."""
    lines = [version, *(f"{os.path.abspath(path)}\t{stamp}" for path, stamp in stamps)]
    return "\n".join([*lines, *problems])
