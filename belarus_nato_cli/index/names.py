"""Finding things in the index by name: entities, topics, sources and publishers by id, name,
alias or unique prefix (with suggestions for a near miss), names for completion, and the
curators' lexicon."""

from __future__ import annotations

import sqlite3

from belarus_nato_cli.errors import AmbiguousName, BadInput, UnknownName
from belarus_nato_cli.text import norm, require_utf8, shorten, strip_possessive

UNBOUNDED = "\U0010ffff"  # key <= x < key + UNBOUNDED: every x that starts with key


class NameIndex:
    """Name lookups over an open index."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ftext: dict[tuple[str, str], str] = {}  # (table, id): name and aliases

    def resolve(self, what: str, name: str) -> str:
        """An entity or topic id from its id, name or alias (case, accents, apostrophes
        ignored); a unique prefix is enough."""
        label = "topic" if what == "topic" else ("speaker" if what == "speaker" else "actor")
        kind = "topic" if what == "topic" else "entity"
        require_utf8(name, label)
        key = norm(name)
        if not key:
            raise BadInput(f"empty {label} name")
        for candidate in dict.fromkeys([key, strip_possessive(key)]):
            ids = self._ids_where("norm = ?", (candidate,), kind)
            if ids:
                return self._one(label, name, ids)
        ids = self._ids_where("norm >= ? AND norm < ?", (key, key + UNBOUNDED), kind)
        if ids:
            return self._one(label, name, ids)
        raise UnknownName(label, shorten(name), self.suggest(kind, key))

    def _ids_where(self, cond: str, args: tuple[str, ...], kind: str) -> list[str]:
        rows = self.conn.execute(
            f"SELECT DISTINCT id FROM names WHERE {cond} AND what = ? ORDER BY id", (*args, kind)
        )
        return [r[0] for r in rows]

    def _one(self, label: str, name: str, ids: list[str]) -> str:
        if len(ids) == 1:
            return ids[0]
        raise AmbiguousName(label, shorten(name), ids)

    def suggest(self, kind: str, key: str) -> list[str]:
        import difflib

        rows = self.conn.execute("SELECT norm, shown FROM names WHERE what = ?", (kind,)).fetchall()
        by_norm: dict[str, str] = {}
        for n, shown in rows:
            by_norm.setdefault(n, shown)
        close = difflib.get_close_matches(key[:200], list(by_norm), n=3, cutoff=0.6)
        if close:
            return list(dict.fromkeys(by_norm[c] for c in close))
        # a slip in one word of a longer name ("wagnr" for the topic "Wagner in Belarus")
        by_word: dict[str, str] = {}
        for n, shown in by_norm.items():
            for word in n.split():
                if len(word) > 3:
                    by_word.setdefault(word, shown)
        close = difflib.get_close_matches(key[:200], list(by_word), n=3, cutoff=0.75)
        return list(dict.fromkeys(by_word[c] for c in close))

    def resolve_source(self, name: str) -> str:
        """A source id, exactly or by a unique prefix."""
        key = require_utf8(name, "source").strip()
        rows = self.conn.execute(
            "SELECT id FROM sources WHERE id >= ? AND id < ? ORDER BY id", (key, key + UNBOUNDED)
        ).fetchall()
        ids = [r[0] for r in rows]
        if key in ids:
            return key
        if len(ids) == 1:
            return str(ids[0])
        if ids:
            raise AmbiguousName("source", shorten(name), ids)
        import difflib

        known = [r[0] for r in self.conn.execute("SELECT id FROM sources")]
        raise UnknownName("source", shorten(name), difflib.get_close_matches(key, known, n=3))

    def resolve_publisher(self, name: str) -> list[str]:
        """The publishers a name stands for, matched like other names: 'TASS' names every
        edition of TASS; a unique prefix is enough."""
        key = norm(require_utf8(name, "publisher"))
        if not key:
            raise BadInput("empty publisher name")
        for candidate in dict.fromkeys([key, strip_possessive(key)]):
            ids = self._ids_where("norm = ?", (candidate,), "publisher")
            if ids:
                return ids
        rows = self.conn.execute(
            "SELECT DISTINCT id, shown FROM names WHERE norm >= ? AND norm < ?"
            " AND what = 'publisher' ORDER BY id",
            (key, key + UNBOUNDED),
        ).fetchall()
        bases = sorted({shown for _, shown in rows})
        if len(bases) > 1:
            raise AmbiguousName("publisher", shorten(name), bases)
        if rows:
            return [r[0] for r in rows]
        raise UnknownName("publisher", shorten(name), self.suggest("publisher", key))

    def names(self, what: str) -> list[str]:
        """Names for shell completion."""
        if what == "speaker":
            sql = "SELECT name FROM entities WHERE id IN (SELECT DISTINCT speaker FROM statements)"
        elif what == "topic":
            sql = "SELECT label FROM topics"
        elif what == "publisher":
            sql = "SELECT DISTINCT shown FROM names WHERE what = 'publisher'"
        else:
            sql = "SELECT name FROM entities"
        return sorted(r[0] for r in self.conn.execute(sql))

    def entity_text(self, eid: str) -> str:
        """An entity's name and aliases, as the full-text search sees them."""
        return self._text_of("entities", eid)

    def topic_text(self, tid: str) -> str:
        """A topic's label and aliases, as the full-text search sees them."""
        return self._text_of("topics", tid)

    def _text_of(self, table: str, key: str) -> str:
        text = self._ftext.get((table, key))
        if text is None:
            row = self.conn.execute(f"SELECT ftext FROM {table} WHERE id = ?", (key,)).fetchone()
            text = self._ftext[table, key] = row[0] if row else key
        return text

    def topic_with_descendants(self, topic: str) -> list[str]:
        rows = self.conn.execute("SELECT topic FROM topic_tree WHERE ancestor = ?", (topic,))
        return [r[0] for r in rows] or [topic]

    def lexicon(self, term: str) -> list[tuple[str, str]]:
        """(term, kind) for every word in the lexicon groups the term belongs to."""
        rows = self.conn.execute(
            "SELECT DISTINCT l2.term, l2.kind FROM lexicon l1 JOIN lexicon l2 ON l1.grp = l2.grp"
            " WHERE l1.term = ?",
            (term,),
        )
        return [(str(t), str(k)) for t, k in rows]

    def spelling_variants(self, word: str) -> list[str]:
        key = norm(word)
        variants = dict.fromkeys(t for t, kind in self.lexicon(key) if kind == "spelling")
        return [word, *(t for t in variants if t != key)]
