"""What the shell can complete: entity and topic ids by any word of their names, source and
statement ids by prefix, publishers by name. Read from the index; standard library only."""

from __future__ import annotations

from belarus_nato_cli.index.store import Store
from belarus_nato_cli.text import norm

_UNBOUNDED = "\U0010ffff"
AT_MOST = 200  # a shell offers no more than a screenful anyway


def _starts(name: str, key: str) -> bool:
    """The name, or any word of it, begins with the key ('rev' finds 'Valery Revenko')."""
    return name.startswith(key) or any(word.startswith(key) for word in name.split())


def name_ids(store: Store, what: str, incomplete: str) -> list[tuple[str, str]]:
    """(id, name) of the entities ('actor', 'speaker') or topics ('topic') whose id, name or
    any alias, or any word of one, begins with what was typed; ids contain no spaces, so the
    shell inserts them as they are."""
    kind = "topic" if what == "topic" else "entity"
    key = norm(incomplete)
    rows = store.conn.execute(
        "SELECT id, norm, shown FROM names WHERE what = ? ORDER BY id", (kind,)
    ).fetchall()
    speakers: set[str] | None = None
    if what == "speaker":
        speakers = {r[0] for r in store.conn.execute("SELECT DISTINCT speaker FROM statements")}
    found: dict[str, str] = {}
    for eid, name, shown in rows:
        if eid in found or (speakers is not None and eid not in speakers):
            continue
        if _starts(name, key):
            found[eid] = shown
    return list(found.items())[:AT_MOST]


def publishers(store: Store, incomplete: str) -> list[str]:
    """Publisher names (without their edition) that begin with what was typed."""
    key = norm(incomplete)
    rows = store.conn.execute("SELECT DISTINCT norm, shown FROM names WHERE what = 'publisher'")
    return sorted({shown for name, shown in rows if _starts(name, key)})[:AT_MOST]


def prefixed(store: Store, table: str, incomplete: str) -> list[str]:
    """Ids of sources or statements that begin with what was typed."""
    assert table in ("sources", "statements")
    rows = store.conn.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT {AT_MOST}",
        (incomplete, incomplete + _UNBOUNDED),
    )
    return [r[0] for r in rows]
