"""Why a --text result matched: which of its fields hold the words, and which words they are.

The index's full-text table keeps no text (it cannot say what matched), so the records about to
be printed are put, a batch at a time, into a small in-memory FTS5 table with the same
tokenizer (Porter stemming, accents folded) and read back through highlight(). Only what is
printed is matched again, never the whole index.

Standard library only: the piped paths import this.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import islice

from belarus_nato_cli.index.store import Store, quote_fts, require_words
from belarus_nato_cli.record import StatementRecord

# The fields a --text search looks in, as `matched` names them.
FIELDS = ("text", "quotes", "cue", "title", "speaker", "actors", "topics")
_OPEN, _CLOSE = "\x01", "\x02"  # highlight() marks; removed from the data first
_BATCH = 256


class TextMatcher:
    """Adds `matched` (the fields that hold any of the search's words) to each record and,
    when asked, keeps the matched words of each record for a terminal to highlight."""

    def __init__(self, store: Store, texts: Iterable[str], keep_words: bool = False) -> None:
        self.store = store
        variants = [v for t in texts for w in require_words(t) for v in store.spelling_variants(w)]
        self.expr = " OR ".join(quote_fts(w) for w in dict.fromkeys(variants))
        self.words: dict[str, frozenset[str]] | None = {} if keep_words else None
        self.conn = sqlite3.connect(":memory:")
        columns = ", ".join(FIELDS)
        self.conn.execute(
            f"CREATE VIRTUAL TABLE hits USING fts5({columns},"
            " tokenize='porter unicode61 remove_diacritics 2')"
        )

    def annotate(self, records: Iterable[StatementRecord]) -> Iterator[StatementRecord]:
        it = iter(records)
        while batch := list(islice(it, _BATCH)):
            found = self._match(batch)
            for i, r in enumerate(batch):
                fields, words = found.get(i, ((), frozenset()))
                r["matched"] = [f for f in FIELDS if f in fields]
                if self.words is not None:
                    self.words[r["id"]] = words
                yield r

    def marks(self, r: object) -> frozenset[str]:
        """The matched words of a record already annotated (lower case)."""
        if self.words is None or not isinstance(r, dict):
            return frozenset()
        return self.words.get(r.get("id", ""), frozenset())

    def _match(self, batch: list[StatementRecord]) -> dict[int, tuple[set[str], frozenset[str]]]:
        rows = [(i, *(_clean(v) for v in self._values(r))) for i, r in enumerate(batch)]
        marks = ", ".join("?" * (len(FIELDS) + 1))
        self.conn.executemany(
            f"INSERT INTO hits(rowid, {', '.join(FIELDS)}) VALUES ({marks})", rows
        )
        lit = ", ".join(f"highlight(hits, {k}, '{_OPEN}', '{_CLOSE}')" for k in range(len(FIELDS)))
        found: dict[int, tuple[set[str], frozenset[str]]] = {}
        for rowid, *marked in self.conn.execute(
            f"SELECT rowid, {lit} FROM hits WHERE hits MATCH ?", (self.expr,)
        ):
            fields: set[str] = set()
            words: set[str] = set()
            for name, value in zip(FIELDS, marked, strict=True):
                hit = _marked(value or "")
                if hit:
                    fields.add(name)
                    words |= hit
            found[rowid] = (fields, frozenset(words))
        self.conn.execute("DELETE FROM hits")
        return found

    def _values(self, r: StatementRecord) -> tuple[str, ...]:
        speaker = r["speaker"]
        return (
            r["text"],
            " | ".join(e["quote"] for e in r["evidence"] if e["quote"]),
            r["cue"] or "",
            (speaker["title"] or "") if speaker else "",
            self.store.entity_text(speaker["id"]) if speaker else "",
            " | ".join(self.store.entity_text(a["id"]) for a in r["actors"]),
            " | ".join(self.store.topic_text(t["id"]) for t in r["topics"]),
        )


def _clean(value: str) -> str:
    return value.replace(_OPEN, " ").replace(_CLOSE, " ")


def _marked(value: str) -> set[str]:
    """The words highlight() marked in a value, in lower case."""
    words: set[str] = set()
    for part in value.split(_OPEN)[1:]:
        words.update(w.casefold() for w in part.split(_CLOSE, 1)[0].split())
    return words
