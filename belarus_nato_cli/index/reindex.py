"""Taking the records of changed fact files out of an index and putting them back checked
(index.update decides which files changed)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from belarus_nato_cli.errors import InvalidFacts
from belarus_nato_cli.index.build import IndexBuilder, fts_entry, fts_tables
from belarus_nato_cli.index.counts import Counts, run_script
from belarus_nato_cli.index.schema import disputing_sql
from belarus_nato_cli.index.spans import widen_spans
from belarus_nato_cli.index.unchanged import keep_unchanged
from belarus_nato_cli.model.reading import Part, RawRecord, read_records
from belarus_nato_cli.model.validation import Validator

_KINDS = (("source", "sources"), ("entity", "entities"), ("topic", "topics"))


class _Collect:
    """The sink of the first pass: the changed files' records, added after the removals."""

    def __init__(self, changed: set[str]) -> None:
        self.changed = changed
        self.records: list[tuple[str, Any, RawRecord]] = []

    def add(self, kind: str, record: Any, raw: RawRecord) -> None:
        if raw.file in self.changed:
            self.records.append((kind, record, raw))


def replace(
    conn: sqlite3.Connection,
    files: list[str],
    changed: set[str],
    gone_files: list[int],
    new_stamps: list[tuple[str, str]],
) -> None:
    """Take out the records of the changed and removed files (and of the statements that use
    what changed), read the changed files, and put it all back checked."""
    conn.execute("CREATE TEMP TABLE gone_files(file INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO gone_files VALUES (?)", ((f,) for f in gone_files))
    collect = _Collect(changed)
    validator = Validator(sink=collect)
    _first_pass(conn, validator, files, changed)
    touched = _touched(conn, collect)
    file_ids = dict(conn.execute("SELECT path, id FROM files").fetchall())
    kept_lines = keep_unchanged(
        conn, [(p, file_ids[p]) for p in files if p in changed and p in file_ids]
    )
    counts = Counts(conn)
    _take_out(conn, touched, counts)
    builder = IndexBuilder(conn, fresh=False)
    builder.register_files(new_stamps)
    for kind, record, raw in collect.records:
        builder.add(kind, record, raw)
    if touched["source"]:  # publisher names were all removed: those of the others again
        read_again = {r.id for kind, r, _ in collect.records if kind == "source"}
        for source in validator.sources.values():
            if source.id not in read_again:
                builder.publisher_names(source)
    counts.restore()
    validator.sink = builder
    validator.statement_checks = builder.statement_problems
    for path in files:
        if path in changed:
            kept = kept_lines.get(path, set())
            for raw in read_records(path, validator.problems, Part.STATEMENTS):
                if raw.line not in kept:
                    validator.feed(raw)
    _feed_again(conn, validator)
    problems = validator.finish()
    if problems:
        raise InvalidFacts(problems)
    counts.add_new(builder.base_rowid or 0, topics_changed=bool(touched["topic"]))
    _set_link_flags(conn, builder.base_rowid or 0)
    _set_meta_counts(conn)
    widen_spans(conn, builder.base_rowid or 0)


def _first_pass(
    conn: sqlite3.Connection, validator: Validator, files: list[str], changed: set[str]
) -> None:
    """Every record but statements, in reading order: the unchanged files' from the index
    (sources and topics validated again, for the checks that need them whole), the changed
    files' read."""
    ids = dict(conn.execute("SELECT path, id FROM files").fetchall())
    for path in files:
        if path in changed:
            for raw in read_records(path, validator.problems, Part.OTHERS):
                validator.feed(raw)
            continue
        fid = ids[path]
        for kind, table in _KINDS:
            rows = conn.execute(
                f"SELECT id, line, record FROM {table} WHERE file = ? ORDER BY line, rowid",
                (fid,),
            )
            for rid, line, record in rows:
                if kind == "entity":
                    validator.know(kind, rid, path, line)
                else:
                    validator.feed(RawRecord(kind, None, path, line, record))
        for grp, line in conn.execute(
            "SELECT DISTINCT grp, line FROM lexicon WHERE file = ?", (fid,)
        ).fetchall():
            validator.know("lexicon", grp, path, line)


def _touched(conn: sqlite3.Connection, collect: _Collect) -> dict[str, set[str]]:
    """Sources, entities and topics whose record was added, changed or removed."""
    touched: dict[str, set[str]] = {}
    for kind, table in _KINDS:
        old = dict(
            conn.execute(
                f"SELECT id, record FROM {table} WHERE file IN (SELECT file FROM gone_files)"
            ).fetchall()
        )
        new = {r.id: _stored(r, raw) for k, r, raw in collect.records if k == kind}
        touched[kind] = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
    return touched


def _stored(record: Any, raw: RawRecord) -> str:
    from belarus_nato_cli.index.build import _dump

    return _dump(record, raw)


def _take_out(conn: sqlite3.Connection, touched: dict[str, set[str]], counts: Counts) -> None:
    """Remove the changed files' records, and the statements using what changed (kept in
    temp.again to be put back), with their full-text entries and their share of the counts."""
    run_script(
        conn,
        "CREATE TEMP TABLE touched(kind TEXT, id TEXT, PRIMARY KEY(kind, id));"
        "CREATE TEMP TABLE gone(rowid INTEGER PRIMARY KEY);"
        "CREATE TEMP TABLE gone_ids(id TEXT PRIMARY KEY);"
        "CREATE TEMP TABLE flag_ids(id TEXT PRIMARY KEY);",
    )
    conn.executemany(
        "INSERT INTO touched VALUES (?,?)", ((k, i) for k, ids in touched.items() for i in ids)
    )
    # dropped: the statements of changed and removed files, but for those found unchanged
    conn.execute(
        "CREATE TEMP TABLE dropped AS SELECT rowid FROM statements"
        " WHERE file IN (SELECT file FROM gone_files) AND rowid NOT IN kept"
    )
    conn.execute(
        "INSERT INTO gone SELECT rowid FROM dropped"
        " UNION SELECT stmt FROM statement_actors WHERE entity IN"
        "   (SELECT id FROM touched WHERE kind = 'entity')"
        " UNION SELECT stmt FROM statement_topics WHERE topic IN"
        "   (SELECT id FROM touched WHERE kind = 'topic')"
        " UNION SELECT stmt FROM statement_sources WHERE source IN"
        "   (SELECT id FROM touched WHERE kind = 'source')"
    )
    conn.execute(
        "CREATE TEMP TABLE again AS SELECT s.rowid AS rowid, f.path AS path, s.line AS line,"
        " s.record AS record FROM statements s JOIN files f ON f.id = s.file"
        " WHERE s.rowid IN (SELECT rowid FROM gone) AND s.rowid NOT IN dropped"
    )
    conn.execute("INSERT INTO gone_ids SELECT id FROM statements WHERE rowid IN gone")
    conn.execute(
        "INSERT OR IGNORE INTO flag_ids SELECT id FROM gone_ids"
        " UNION SELECT dst FROM links WHERE src IN gone_ids"
    )
    _delete_fts(conn)
    counts.take_away()
    run_script(
        conn,
        "DELETE FROM statements WHERE rowid IN gone;"
        "DELETE FROM statement_actors WHERE stmt IN gone;"
        "DELETE FROM statement_topics WHERE stmt IN gone;"
        "DELETE FROM statement_sources WHERE stmt IN gone;"
        "DELETE FROM links WHERE src IN gone_ids;",
    )
    _delete_records(conn, touched)


def _delete_records(conn: sqlite3.Connection, touched: dict[str, set[str]]) -> None:
    in_gone = "file IN (SELECT file FROM gone_files)"
    for what, table in (("entity", "entities"), ("topic", "topics")):
        conn.execute(
            f"DELETE FROM names WHERE what = ? AND id IN (SELECT id FROM {table} WHERE {in_gone})",
            (what,),
        )
    if touched["source"]:
        conn.execute("DELETE FROM names WHERE what = 'publisher'")
    for _, table in _KINDS:
        conn.execute(f"DELETE FROM {table} WHERE {in_gone}")
    conn.execute(f"DELETE FROM lexicon WHERE {in_gone}")


def _delete_fts(conn: sqlite3.Connection) -> None:
    """Remove the full-text entries of the statements taken out. The table keeps no content,
    so each entry is deleted with the very values it was made from: the same text, quotes
    and names (the names as the entities and topics had them then), made as the build made
    them (index.build, IndexBuilder._statement)."""
    tables = fts_tables(conn)
    rows = conn.execute("SELECT rowid, record FROM statements WHERE rowid IN gone")
    batch = []
    for rowid, record in rows:
        st = json.loads(record)
        speaker = [st["speaker"]] if st.get("speaker") else []
        batch.append(
            fts_entry(
                rowid,
                st["text"],
                [ev["quote"] for ev in st["evidence"] if ev.get("quote")],
                st.get("cue"),
                st.get("speaker_title"),
                [*speaker, *(a["entity"] for a in st.get("actors", []))],
                dict.fromkeys(st.get("topics", [])),
                [*st.get("notes", []), *(link["reason"] for link in st.get("links", []))],
                dict.fromkeys(ev["source"] for ev in st["evidence"]),
                tables,
            )
        )
    conn.executemany(
        "INSERT INTO fts(fts, rowid, text, quotes, names, context)"
        " VALUES ('delete', ?, ?, ?, ?, ?)",
        batch,
    )


def _feed_again(conn: sqlite3.Connection, validator: Validator) -> None:
    """The statements of unchanged files that use what changed, from their stored JSON."""
    rows = conn.execute("SELECT path, line, record FROM temp.again ORDER BY rowid")
    for path, line, record in rows:
        validator.feed(RawRecord("statement", None, path, line, record))


def _set_link_flags(conn: sqlite3.Connection, base: int) -> None:
    """Link flags of the statements at either end of a link that came or went."""
    conn.execute(
        "INSERT OR IGNORE INTO flag_ids SELECT id FROM statements WHERE rowid > ?"
        " UNION SELECT dst FROM links WHERE src IN"
        "   (SELECT id FROM statements WHERE rowid > ?)"
        # (whether a title dispute disputes a statement depends on the other's source)
        " UNION SELECT src FROM links WHERE dst IN"
        "   (SELECT id FROM statements WHERE rowid > ?)",
        (base, base, base),
    )
    conn.execute(
        "UPDATE statements SET"
        " has_links = EXISTS (SELECT 1 FROM links WHERE src = statements.id)"
        "   OR EXISTS (SELECT 1 FROM links WHERE dst = statements.id),"
        " disputed = id IN (SELECT me FROM"
        f"   ({disputing_sql('src IN flag_ids OR dst IN flag_ids')})),"
        " corroborated = EXISTS (SELECT 1 FROM links WHERE src = statements.id"
        "   AND kind = 'corroborates') OR EXISTS (SELECT 1 FROM links"
        "   WHERE dst = statements.id AND kind = 'corroborates')"
        " WHERE id IN flag_ids"
    )


def _set_meta_counts(conn: sqlite3.Connection) -> None:
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("statements", "entities", "topics", "sources")
    }
    conn.execute("UPDATE meta SET value = ? WHERE key = 'counts'", (json.dumps(counts),))
