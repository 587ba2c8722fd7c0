"""Building the SQLite index from validated records (the one place that writes it).

The builder is the validator's sink: rows are inserted as records stream in, and the
derived tables (full-text, name lookup, topic tree, link flags) are made at the end in SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from belarus_nato_cli import __version__
from belarus_nato_cli.edtf import DayColumns, day_columns
from belarus_nato_cli.errors import Problem
from belarus_nato_cli.index.checks import statement_problems
from belarus_nato_cli.index.schema import FINISH, SCHEMA, SCHEMA_VERSION
from belarus_nato_cli.index.spans import widen_spans
from belarus_nato_cli.index.writer import ProcessWriter, insert, parallel_available
from belarus_nato_cli.model.reading import RawRecord
from belarus_nato_cli.model.types import (
    Entity,
    Evidence,
    LexiconEntry,
    Source,
    Statement,
    Topic,
)
from belarus_nato_cli.text import marked_draft, norm, publisher_base

_BATCH = 5000
SORT_CACHE_KIB = 32768  # measured at 1,000,000: see the README's Benchmarks
_NO_DAYS: DayColumns = (None, None, None, None, None)


@dataclass(frozen=True)
class FtsTables:
    """What a statement's full-text entry takes from the records it names: entities' and
    topics' names with aliases, entities' descriptions, sources' titles with publishers."""

    entity_text: dict[str, str] = field(default_factory=dict)
    topic_text: dict[str, str] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)
    source_text: dict[str, str] = field(default_factory=dict)


def fts_entry(
    rowid: int,
    text: str,
    quotes: list[str],
    cue: str | None,
    title: str | None,
    parties: list[str],
    topics: Iterable[str],
    texts: list[str],
    sources: Iterable[str],
    tables: FtsTables,
) -> tuple[int, str, str, str, str]:
    """A statement's full-text row: its text; its quotes and reporting cue ("have framed");
    its names (the title its source gives, its speaker's and actors' names, its topics'
    labels); its context (notes and link reasons, the speaker's and actors' descriptions, its
    sources' titles and publishers: what else can answer a question about it). A build and an
    update both make it here: an update deletes entries with these very values
    (index.reindex), so the two must never differ."""
    entity_text, topic_text = tables.entity_text, tables.topic_text
    about, source_text = tables.about, tables.source_text
    names = [title or ""]
    names.extend([entity_text.get(p, "") for p in parties])
    names.extend([topic_text.get(t, "") for t in topics])
    described = [about.get(p, "") for p in parties]
    context = [p for p in [*texts, *described, *(source_text.get(s, "") for s in sources)] if p]
    return rowid, text, " ".join([*quotes, cue or ""]), " ".join(names), " ".join(context)


def fts_tables(conn: sqlite3.Connection) -> FtsTables:
    """What the statements' full-text entries take from the records they name, as the index
    holds them: the build's tables when it resumes, and an update's for deleting entries."""
    return FtsTables(
        dict(conn.execute("SELECT id, ftext FROM entities").fetchall()),
        dict(conn.execute("SELECT id, ftext FROM topics").fetchall()),
        dict(conn.execute("SELECT id, about FROM entities WHERE about != ''").fetchall()),
        {
            str(sid): " ".join(filter(None, [title, publisher]))
            for sid, title, publisher in conn.execute("SELECT id, title, publisher FROM sources")
        },
    )


def _dump(record: Any, raw: RawRecord) -> str:
    """The stored JSON: a JSON Lines record's own validated text, else pydantic's dump."""
    return raw.raw if raw.raw is not None else str(record.model_dump_json(exclude_defaults=True))


class IndexBuilder:
    """Receives validated records and writes them into an empty database.

    With the database's file `path`, and two cores, the statements of a large pack are
    inserted by a second process (see batch_writer)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str | None = None,
        progress: Callable[[int], None] | None = None,
        fresh: bool = True,
    ) -> None:
        """`fresh`: create the tables in an empty database; else add to the index in it
        (an update: index.reindex has removed what is to be replaced)."""
        self.conn = conn
        self._progress = progress
        if fresh:
            conn.executescript(SCHEMA)
        # two usable cores: a second process for the inserts, a helper thread for the sorts
        self._parallel = parallel_available() and fresh
        self._path = path if path and self._parallel else None
        self._writer: ProcessWriter | None = None
        self._statements: list[tuple[Any, ...]] = []
        self._fts: list[tuple[int, str, str, str, str]] = []
        self._actors: list[tuple[int, str, str]] = []
        self._topics: list[tuple[int, str]] = []
        self._sources: list[tuple[int, str]] = []
        self._links: list[tuple[str, str, str, str]] = []
        self._topic_parent: dict[str, str | None] = {}
        # for the statements' full-text entries: the validator hands over every entity,
        # topic and source before the first statement
        self._tables = FtsTables()
        self._entity_name: dict[str, str] = {}
        self._rowid = 0
        self._file_ids: dict[str, int] = {}
        self.base_rowid: int | None = None  # an update checks the statements after it
        if not fresh:
            self._resume()

    def _resume(self) -> None:
        """Continue the numbering and the name tables of the index already there."""
        conn = self.conn
        self._rowid = conn.execute("SELECT coalesce(max(rowid), 0) FROM statements").fetchone()[0]
        self.base_rowid = self._rowid
        self._entity_name.update(conn.execute("SELECT id, name FROM entities"))
        self._tables = fts_tables(conn)
        self._file_ids.update(conn.execute("SELECT path, id FROM files"))

    def register_files(self, stamps: list[tuple[str, str]]) -> None:
        """The files about to be read, in reading order, with their stamps (index.stamps);
        files already known keep their number."""
        self.conn.execute("DELETE FROM files")
        next_id = max(self._file_ids.values(), default=0) + 1
        for order, (path, stamp) in enumerate(stamps):
            if path not in self._file_ids:
                self._file_ids[path], next_id = next_id, next_id + 1
            self.conn.execute(
                "INSERT INTO files VALUES (?,?,?,?)", (self._file_ids[path], path, order, stamp)
            )

    def file_id(self, path: str) -> int:
        return self._file_ids[path]

    def add(self, kind: str, record: Any, raw: RawRecord) -> None:
        if kind == "statement":
            self._statement(record, raw)
        elif kind == "entity":
            self._entity(record, raw)
        elif kind == "topic":
            self._topic(record, raw)
        elif kind == "source":
            self._source(record, raw)
        elif kind == "lexicon":
            self._lexicon(record, raw)

    def _statement(self, st: Statement, raw: RawRecord) -> None:
        """Buffer one statement's rows, numbering it; they are written in batches.
        (Runs once per statement of a pack: kept to plain loops and appends, each list
        walked once.)"""
        self._rowid += 1
        rid = self._rowid
        about, said, speaker, evidence = st.about, st.said, st.speaker, st.evidence
        said_days = day_columns(said, "point") if said else _NO_DAYS
        # what a claim is about lasts from its start; a `said` range only bounds a moment
        lo, hi, match_lo, match_hi, day = day_columns(about, "state") if about else said_days
        quotes, sources, located = self._evidence_rows(rid, evidence)
        self._statements.append(
            (
                rid,
                st.id,
                speaker,
                lo,
                hi,
                match_lo,
                match_hi,
                *said_days,
                st.certainty,
                st.attribution,
                located,
                lo if about else None,
                day,
                # the columns listings print, read without decoding the record
                about,
                said,
                self._entity_name.get(speaker) if speaker else None,
                st.speaker_title,
                st.cue,
                marked_draft(st.text, st.draft),
                _dump(st, raw),
                self._file_ids[raw.file],
                raw.line,
            )
        )
        parties = self._actor_rows(rid, st)
        topics = dict.fromkeys(st.topics)
        topic_rows = self._topics
        for topic in topics:
            topic_rows.append((rid, topic))
        texts = [*st.notes]
        if st.links:
            link_rows = self._links
            for link in st.links:
                link_rows.append((st.id, link.target, link.kind, link.reason))
                texts.append(link.reason)
        self._fts.append(
            fts_entry(
                *(rid, st.text, quotes, st.cue, st.speaker_title, parties, topics, texts),
                *(sources, self._tables),
            )
        )
        if len(self._statements) >= _BATCH:
            self._flush()

    def _evidence_rows(
        self, rid: int, evidence: list[Evidence]
    ) -> tuple[list[str], dict[str, None], bool]:
        """A statement's source rows (each source once); its quotes, its sources, and
        whether any evidence is located, from one pass over its evidence."""
        quotes: list[str] = []
        sources: dict[str, None] = {}
        located = False
        for ev in evidence:
            if ev.quote:
                quotes.append(ev.quote)
            if ev.start is not None:
                located = True
            sources[ev.source] = None
        source_rows = self._sources
        for source in sources:
            source_rows.append((rid, source))
        return quotes, sources, located

    def _actor_rows(self, rid: int, st: Statement) -> list[str]:
        """A statement's actor rows; the parties' ids, its speaker first."""
        rows = self._actors
        parties = []
        if st.speaker:
            rows.append((rid, st.speaker, "speaker"))
            parties.append(st.speaker)
        for actor in st.actors:
            rows.append((rid, actor.entity, actor.role))
            parties.append(actor.entity)
        return parties

    def _flush(self) -> None:
        batch = (
            self._statements,
            self._actors,
            self._topics,
            self._sources,
            self._links,
            self._fts,
        )
        if self._writer is None and self._path and len(self._statements) >= _BATCH:
            # a large pack: from here on a second process inserts while this one validates
            self.conn.commit()
            self._writer = ProcessWriter(self._path)
        if self._writer is not None:
            self._writer.write(batch)
        else:
            insert(self.conn, batch)
        self._statements, self._actors, self._topics = [], [], []
        self._sources, self._links, self._fts = [], [], []
        if self._progress is not None and self._rowid >= _BATCH:  # small packs say nothing
            self._progress(self._rowid)

    def abort(self) -> None:
        """The build is abandoned: stop a writer process, if one was started."""
        if self._writer is not None:
            self._writer.abort()
            self._writer = None

    def _names(self, what: str, rid: str, shown: str, names: list[str]) -> None:
        rows = {(norm(n), what, rid, shown) for n in [rid, shown, *names]}
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?)", sorted(rows))

    def _entity(self, e: Entity, raw: RawRecord) -> None:
        ftext = self._tables.entity_text[e.id] = " ".join([e.name, *e.aliases])
        self._entity_name[e.id] = e.name
        if e.description:
            self._tables.about[e.id] = e.description
        else:
            self._tables.about.pop(e.id, None)
        self.conn.execute(
            "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
            (
                *(e.id, e.kind, e.name, ftext, e.description, _dump(e, raw), 0),
                *(self._file_ids[raw.file], raw.line),
            ),
        )
        self._names("entity", e.id, e.name, e.aliases)

    def _topic(self, t: Topic, raw: RawRecord) -> None:
        ftext = self._tables.topic_text[t.id] = " ".join([t.label, *t.aliases])
        self.conn.execute(
            "INSERT INTO topics VALUES (?,?,?,?,?,?,?,?)",
            (t.id, t.label, t.parent, ftext, _dump(t, raw), 0, self._file_ids[raw.file], raw.line),
        )
        self._topic_parent[t.id] = t.parent
        self._names("topic", t.id, t.label, t.aliases)

    def _source(self, s: Source, raw: RawRecord) -> None:
        self._tables.source_text[s.id] = " ".join(filter(None, [s.title, s.publisher]))
        self.conn.execute(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)",
            (
                *(s.id, s.title, s.publisher, s.published, s.language, s.reliability),
                *(_dump(s, raw), self._file_ids[raw.file], raw.line),
            ),
        )
        self.publisher_names(s)

    def publisher_names(self, s: Source) -> None:
        if s.publisher:
            # "TASS (English edition)" is also found as "TASS", which names every edition
            base = publisher_base(s.publisher)
            self._names("publisher", s.publisher, base, [s.publisher, base.removeprefix("The ")])

    def _lexicon(self, entry: LexiconEntry, raw: RawRecord) -> None:
        file = self._file_ids[raw.file]
        rows = {(norm(t), entry.id, entry.kind, file, raw.line) for t in entry.terms}
        self.conn.executemany("INSERT INTO lexicon VALUES (?,?,?,?,?)", sorted(rows))

    def close_inserts(self) -> None:
        """Write what is buffered and wait for the writer process: every statement is then
        in the database, for the checks and the final indexes."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def statement_problems(self) -> list[Problem]:
        """Duplicate ids and undefined link targets (index.checks), once all are written."""
        self.close_inserts()
        if self.base_rowid is None:
            # what is left of a build is sorting (the id index here, the others at the
            # end): SQLite's sorter holds up to the cache's size in memory for each of its
            # threads, on top of the cache; a smaller cache keeps the peak lower
            self.conn.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
        return statement_problems(self.conn, self.base_rowid)

    def finish(self, fingerprint: str) -> None:
        self.close_inserts()
        tree = []
        for topic in self._topic_parent:
            node: str | None = topic
            seen: set[str] = set()
            while node is not None and node not in seen:  # cycles were reported by validation
                seen.add(node)
                tree.append((node, topic))
                node = self._topic_parent.get(node)
        self.conn.executemany("INSERT OR IGNORE INTO topic_tree VALUES (?,?)", tree)
        if self._parallel:
            # the final indexes sort millions of rows: SQLite's sorter may use a helper
            # thread on the second core (measured: about a sixth less time at 1,000,000)
            self.conn.execute("PRAGMA threads = 1")
        self.conn.executescript(FINISH)
        counts = {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("statements", "entities", "topics", "sources")
        }
        meta = {
            "schema": SCHEMA_VERSION,
            "version": __version__,
            "fingerprint": fingerprint,
            "counts": json.dumps(counts),
        }
        self.conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        widen_spans(self.conn)
