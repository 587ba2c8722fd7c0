"""The statement counts of entities and topics, kept right through an update.

A build counts once, at the end (schema.FINISH). An update takes away the share of the
statements it removes, gives the records it puts back their count again, and adds the share
of the statements it writes; when the topic tree itself changed, topics are counted afresh.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

_ENTITY_SHARE = (
    "SELECT entity, count(DISTINCT stmt) FROM statement_actors WHERE {which} GROUP BY entity"
)
_TOPIC_SHARE = (
    "SELECT tt.ancestor, count(DISTINCT st.stmt) FROM statement_topics st"
    " JOIN topic_tree tt ON tt.topic = st.topic WHERE {which} GROUP BY tt.ancestor"
)
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
        for entity, n in self.conn.execute(_ENTITY_SHARE.format(which="stmt IN gone")):
            self.entities[entity] -= n
        for topic, n in self.conn.execute(_TOPIC_SHARE.format(which="st.stmt IN gone")):
            self.topics[topic] -= n
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
        for entity, n in conn.execute(_ENTITY_SHARE.format(which="stmt > ?"), (base,)):
            self.entities[entity] += n
        _apply(conn, "entities", self.entities)
        if not topics_changed:
            for topic, n in conn.execute(_TOPIC_SHARE.format(which="st.stmt > ?"), (base,)):
                self.topics[topic] += n
            _apply(conn, "topics", self.topics)
            return
        conn.execute("DELETE FROM topic_tree")
        conn.executemany("INSERT OR IGNORE INTO topic_tree VALUES (?,?)", topic_tree(conn))
        run_script(conn, _RECOUNT_TOPICS)


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
