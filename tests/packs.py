"""Test fact packs written to disk, and what an index holds, read back for comparison.

Shared by the tests of building, updating, hostile input and portability (the `pythonpath`
setting in pyproject.toml lets them `from packs import ...`)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path


def statement(sid: str = "st", text: str = "A statement.", **extra: object) -> dict[str, object]:
    """A valid JSON Lines statement citing source "s" (override any key)."""
    return {
        "type": "statement",
        "id": sid,
        "text": text,
        "attribution": "author_assertion",
        "certainty": "certain",
        "evidence": [{"source": "s"}],
    } | extra


def write_jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def big_pack(folder: Path, n: int = 40_000) -> Path:
    """One JSON Lines file of n dated statements about the group "Example" (id "e"): more than
    one batch of statements makes a build use its writer process."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "big.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"type": "source", "id": "s", "language": "en"}) + "\n")
        fh.write(
            json.dumps({"type": "entity", "id": "e", "kind": "group", "name": "Example"}) + "\n"
        )
        for i in range(n):
            st = statement(
                f"b-{i}",
                f"Statement number {i} about border talks.",
                actors=[{"entity": "e", "role": "subject"}],
                about=f"{2000 + i % 25}-{1 + i % 12:02d}",
            )
            fh.write(json.dumps(st) + "\n")
    return folder


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything the index holds, independent of row numbers and file numbers."""
    conn = sqlite3.connect(db)
    files = dict(conn.execute("SELECT id, path FROM files"))
    ids = dict(conn.execute("SELECT rowid, id FROM statements"))
    out: dict[str, list[tuple[object, ...]]] = {}
    for table in ("statements", "entities", "topics", "sources", "lexicon"):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = sorted(
            tuple(files[v] if c == "file" else v for c, v in zip(cols, row, strict=True))
            for row in rows
        )
    out["statements"] = sorted(row[1:] for row in out["statements"])  # without the rowid
    for table in ("statement_actors", "statement_topics", "statement_sources"):
        out[table] = sorted((ids[r[0]], *r[1:]) for r in conn.execute(f"SELECT * FROM {table}"))
    for table in ("links", "names", "topic_tree"):
        out[table] = sorted(conn.execute(f"SELECT * FROM {table}"))
    out["files"] = sorted(conn.execute("SELECT path, ord FROM files"))
    out["meta"] = sorted(conn.execute("SELECT key, value FROM meta WHERE key = 'counts'"))
    words = set()
    for (text,) in conn.execute("SELECT text || ' ' || record FROM statements"):
        words |= set(re.findall(r"[a-z]{3,}", text.lower()))
    for (text,) in conn.execute(
        "SELECT ftext || ' ' || record FROM entities UNION ALL SELECT ftext FROM topics"
        " UNION ALL SELECT coalesce(title, '') || ' ' || coalesce(publisher, '') FROM sources"
    ):
        words |= set(re.findall(r"[a-z]{3,}", text.lower()))
    for word in sorted(words):
        for column in ("text", "quotes", "names", "context"):
            out[f"fts {column}: {word}"] = sorted(
                (ids[rowid], round(score, 6))
                for rowid, score in conn.execute(
                    "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ?", (f'{column}: "{word}"',)
                )
            )
    conn.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")
    conn.close()
    return out
