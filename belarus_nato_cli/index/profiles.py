"""What the facts hold about a person or body: its entity record, and the titles each source
gives it, with the disputed ones marked and by what.

A title is disputed when the statement that gives it is linked as contradicting (either way)
a statement in which the same person speaks under another title, from a source trusted at
least as far: two sources disagreeing on what the person is (index.schema.disputing_sql).
"""

from __future__ import annotations

import json
from typing import Any

from belarus_nato_cli.index.search import Search
from belarus_nato_cli.index.store import Store


def profile(store: Store, eid: str) -> dict[str, Any] | None:
    """The profile record: id, name, kind, aliases, description, qid, titles (title, source,
    date, statement, disputed: null or {statement, source, date, reason}), and how many
    statements it speaks in and is named in."""
    search = Search(store.conn)
    found = search.entity(eid)
    if found is None:
        return None
    kind, name, record = found
    entity = json.loads(record)
    spoken, named = search.counts(eid)
    return {
        "id": eid,
        "name": name,
        "kind": kind,
        "aliases": entity.get("aliases", []),
        "description": entity.get("description"),
        "qid": entity.get("wikidata"),
        "titles": titles(store, search, eid),
        "statements_spoken": spoken,
        "statements_named": named,
    }


def titles(store: Store, search: Search, eid: str) -> list[dict[str, Any]]:
    found = search.titles(eid)
    linked = [sid for _, sid, _, _, has_links in found if has_links]
    disputing = search.disputing(linked)
    disputes = {
        sid: _disputed_by(store, search, eid, title, sid, disputing)
        for title, sid, _, _, has_links in found
        if has_links
    }
    # the same title in another statement of the same source is disputed just as much
    by_title = {
        (title.casefold(), source): disputes[sid]
        for title, sid, _, source, _ in found
        if disputes.get(sid)
    }
    return [
        {
            "title": title,
            "source": source,
            "date": date,
            "statement": sid,
            "disputed": disputes.get(sid) or by_title.get((title.casefold(), source)),
        }
        for title, sid, date, source, _ in found
    ]


def _disputed_by(
    store: Store,
    search: Search,
    eid: str,
    title: str,
    sid: str,
    disputing: set[tuple[str, str]],
) -> dict[str, Any] | None:
    """The statement that disputes this title: the same person under another title, in a
    source trusted at least as far (`disputing`: Search.disputing's pairs)."""
    against = [link for link in store.links(sid) if link["kind"] == "contradicts"]
    others = search.speakers_and_titles([link["id"] for link in against])
    for link in against:
        speaker, other_title = others.get(link["id"], (None, None))
        if speaker != eid or not other_title or other_title == title:
            continue
        if (sid, link["id"]) in disputing:
            return {
                "statement": link["id"],
                "source": link["source"],
                "date": link["date"],
                "reason": link["reason"],
            }
    return None
