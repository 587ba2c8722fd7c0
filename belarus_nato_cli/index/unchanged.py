"""The statements of a changed file that did not change, so an update leaves them in place.

A curator edits a line or two of a file of ten thousand statements: the index keeps each JSON
Lines statement's own text, so a line found again word for word (same id, same JSON) keeps
its rows and full-text entry, and only its line number is brought up to date. TOML files are
stored as parsed, never word for word, so all their statements are read again.
"""

from __future__ import annotations

import sqlite3

from belarus_nato_cli.model.reading import Part, read_records


def keep_unchanged(conn: sqlite3.Connection, changed: list[tuple[str, int]]) -> dict[str, set[int]]:
    """For each changed (path, file number): fill temp.kept with the rowids of its statements
    found unchanged, and return the lines they are on now, which an update does not read
    again."""
    conn.execute("CREATE TEMP TABLE kept(rowid INTEGER PRIMARY KEY)")
    kept_lines: dict[str, set[int]] = {}
    for path, file in changed:
        kept, moved = _unchanged_in(conn, path, file)
        conn.executemany("INSERT INTO kept VALUES (?)", ((rowid,) for rowid, _ in kept))
        conn.executemany("UPDATE statements SET line = ? WHERE rowid = ?", moved)
        kept_lines[path] = {line for _, line in kept}
    return kept_lines


def _unchanged_in(
    conn: sqlite3.Connection, path: str, file: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(rowid, line now) of the statements found unchanged, and (line, rowid) of those that
    moved to another line."""
    if not path.endswith(".jsonl"):
        return [], []
    stored = {
        sid: (rowid, line, record)
        for rowid, sid, line, record in conn.execute(
            "SELECT rowid, id, line, record FROM statements WHERE file = ?", (file,)
        )
    }
    kept, moved = [], []
    for raw in read_records(path, [], Part.STATEMENTS):  # its problems: when it is fed
        hit = stored.pop(raw.id, None) if raw.id is not None else None
        if hit is None or hit[2] != raw.raw or raw.line is None:
            continue
        kept.append((hit[0], raw.line))
        if hit[1] != raw.line:
            moved.append((raw.line, hit[0]))
    return kept, moved
