"""The statement counts of entities and topics, kept right through an update.

A build counts once, at the end (schema.FINISH). An update takes away the share of the
statements it removes, gives the records it puts back their count again, and adds the share
of the statements it writes; when the topic tree itself changed, topics are counted afresh.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

# The (statement, entity) and (statement, topic) pairs of the statements that go, and of those
# written after rowid ?: read by statement number (the tables' primary key), counted here.
_GONE_ACTORS = (
    "SELECT a.stmt, a.entity FROM gone g CROSS JOIN statement_actors a ON a.stmt = g.rowid"
)
_GONE_TOPICS = (
    "SELECT t.stmt, t.topic FROM gone g CROSS JOIN statement_topics t ON t.stmt = g.rowid"
)
_NEW_ACTORS = "SELECT stmt, entity FROM statement_actors WHERE stmt > ?"
_NEW_TOPICS = "SELECT stmt, topic FROM statement_topics WHERE stmt > ?"
_RECOUNT_TOPICS = """
UPDATE topics SET statements = 0;
UPDATE topics SET statements = c.n
    FROM (SELECT tt.ancestor AS topic, count(DISTINCT st.stmt) AS n FROM topic_tree tt
          JOIN statement_topics st ON st.topic = tt.topic GROUP BY tt.ancestor) AS c
    WHERE c.topic = topics.id;
"""


class Counts:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entities: Counter[str] = Counter()
        self.topics: Counter[str] = Counter()
        self.saved: dict[str, list[tuple[int, str]]] = {}

    def take_away(self) -> None:
        """Before the statements in temp.gone and the records of temp.gone_files go."""
        self.entities.subtract(_share(self.conn.execute(_GONE_ACTORS)))
        self.topics.subtract(_share(self.conn.execute(_GONE_TOPICS), _ancestors(self.conn)))
        for table in ("entities", "topics"):
            self.saved[table] = self.conn.execute(
                f"SELECT statements, id FROM {table} WHERE file IN (SELECT file FROM gone_files)"
            ).fetchall()

    def restore(self) -> None:
        """After the changed files' entities and topics are written again (counted 0)."""
        for table, rows in self.saved.items():
            self.conn.executemany(f"UPDATE {table} SET statements = ? WHERE id = ?", rows)

    def add_new(self, base: int, topics_changed: bool) -> None:
        """After the statements past rowid `base` are written."""
        conn = self.conn
        self.entities.update(_share(conn.execute(_NEW_ACTORS, (base,))))
        _apply(conn, "entities", self.entities)
        if not topics_changed:
            self.topics.update(_share(conn.execute(_NEW_TOPICS, (base,)), _ancestors(conn)))
            _apply(conn, "topics", self.topics)
            return
        conn.execute("DELETE FROM topic_tree")
        conn.executemany("INSERT OR IGNORE INTO topic_tree VALUES (?,?)", topic_tree(conn))
        run_script(conn, _RECOUNT_TOPICS)


def _share(
    pairs: Iterable[tuple[int, str]], ancestors: dict[str, list[str]] | None = None
) -> Counter[str]:
    """How many distinct statements each key has among the pairs (a topic counts for each of
    its ancestors as well, as the build's count over the topic tree does)."""
    seen: set[tuple[int, str]] = set()
    for stmt, key in pairs:
        for counted in ancestors.get(key, [key]) if ancestors is not None else [key]:
            seen.add((stmt, counted))
    return Counter(key for _, key in seen)


def _ancestors(conn: sqlite3.Connection) -> dict[str, list[str]]:
    tree: dict[str, list[str]] = {}
    for ancestor, topic in conn.execute("SELECT ancestor, topic FROM topic_tree"):
        tree.setdefault(topic, []).append(ancestor)
    return tree


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """The statements of a script one by one: executescript would commit the update's
    transaction first."""
    for sql in script.split(";"):
        if sql.strip():
            conn.execute(sql)


def _apply(conn: sqlite3.Connection, table: str, deltas: Counter[str]) -> None:
    rows = [(n, key) for key, n in deltas.items() if n]
    conn.executemany(f"UPDATE {table} SET statements = statements + ? WHERE id = ?", rows)


def topic_tree(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(ancestor, topic) for every topic and each of its ancestors, itself included."""
    parent: dict[str, str | None] = dict(conn.execute("SELECT id, parent FROM topics").fetchall())
    tree = []
    for topic in parent:
        node: str | None = topic
        seen: set[str] = set()
        while node is not None and node not in seen:  # cycles were reported by validation
            seen.add(node)
            tree.append((node, topic))
            node = parent.get(node)
    return tree
