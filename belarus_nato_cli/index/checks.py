"""Checks across statements made by SQLite over the index being written: every statement id
unique, every link's target defined.

A build hands statements to SQLite as they stream past and checks their ids here, after the
inserts, instead of keeping a million ids in Python. An update checks only what changed: the
ids it added, and the links from them or to the statements it removed.
"""

from __future__ import annotations

import json
import sqlite3

from belarus_nato_cli.errors import Problem

# Which statements to check: all of them, or those written after rowid :base and the links
# that pointed at statements an update removed (temp.gone_ids).
_ALL = "1"
_NEW = "s.rowid > :base"
_NEW_LINKS = (
    "l.src IN (SELECT id FROM statements WHERE rowid > :base)"
    " OR l.dst IN (SELECT id FROM temp.gone_ids)"
)


def statement_problems(conn: sqlite3.Connection, base: int | None = None) -> list[Problem]:
    """Duplicate ids and links to undefined statements: all of them (base None), or those
    that statements after rowid `base` took part in (the id index is the schema's)."""
    where = _Places(conn)
    new, links = (_ALL, _ALL) if base is None else (_NEW, _NEW_LINKS)
    params = {"base": base or 0}
    return _duplicates(conn, where, new, params) + _broken_links(conn, where, links, params)


class _Places:
    """A statement's file and line as problems show it ("pack/a.jsonl:12")."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.paths = dict(conn.execute("SELECT id, path FROM files").fetchall())
        self.order = dict(conn.execute("SELECT id, ord FROM files").fetchall())

    def __call__(self, file: int, line: int | None) -> str:
        path = self.paths.get(file, "?")
        return f"{path}:{line}" if line else path


def _duplicates(
    conn: sqlite3.Connection, where: _Places, new: str, params: dict[str, int]
) -> list[Problem]:
    if new == _ALL:  # one pass over the id index
        repeated = "SELECT id FROM statements GROUP BY id HAVING count(*) > 1"
    else:  # a look-up for each new statement
        repeated = (
            f"SELECT s.id FROM statements s WHERE {new} AND EXISTS"
            " (SELECT 1 FROM statements d WHERE d.id = s.id AND d.rowid != s.rowid)"
        )
    rows = conn.execute(
        f"SELECT id, file, line, rowid FROM statements WHERE id IN ({repeated})", params
    ).fetchall()
    # the first in reading order is the definition; each later one is a duplicate of it
    rows.sort(key=lambda r: (r[0], where.order.get(r[1], 0), r[2] or 0, r[3]))
    problems, first = [], None
    for sid, file, line, _ in rows:
        if first is None or first[0] != sid:
            first = (sid, where(file, line))
            continue
        problems.append(
            Problem(
                where(file, line),
                f"statement {sid}",
                "id",
                f"duplicate id (first defined in {first[1]})",
            )
        )
    return problems


def _broken_links(
    conn: sqlite3.Connection, where: _Places, scope: str, params: dict[str, int]
) -> list[Problem]:
    rows = conn.execute(
        "SELECT DISTINCT l.src, l.dst FROM links l WHERE"
        f" ({scope}) AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = l.dst)",
        params,
    ).fetchall()
    problems = []
    for src, dst in rows:
        for sid, file, line, record in conn.execute(
            "SELECT id, file, line, record FROM statements WHERE id = ?", (src,)
        ):
            targets = [link.get("target") for link in json.loads(record).get("links", [])]
            for i, target in enumerate(targets):
                if target == dst:
                    problems.append(
                        Problem(
                            where(file, line),
                            f"statement {sid}",
                            f"links[{i}].target",
                            f"unknown statement {dst!r}",
                        )
                    )
    return problems
