"""What contradicts an answer's statements, and which statement leads when sources disagree."""

from __future__ import annotations

from belarus_nato_cli.ask.compose import Record, source_of
from belarus_nato_cli.index.search import Search
from belarus_nato_cli.index.store import Store


def mark_disputes(search: Search, results: list[Record]) -> None:
    """Give each record its "disputes": the statements that dispute it, each marked as about
    the speaker's title (the same person speaking under another title elsewhere) or about
    the claim. A title is disputed only by a source trusted at least as far, as in a
    person's profile and the stored flag (schema.disputing_sql)."""
    links = {r["id"]: [x for x in r["links"] if x["kind"] == "contradicts"] for r in results}
    others = search.speakers_and_titles([x["id"] for ls in links.values() for x in ls])
    disputing = search.disputing([r["id"] for r in results if links[r["id"]]])
    for r in results:
        speaker = (r["speaker"] or {}).get("id")
        title = (r["speaker"] or {}).get("title")
        r["disputes"] = []
        for x in links[r["id"]]:
            if (r["id"], x["id"]) not in disputing:
                continue
            other_speaker, other_title = others.get(x["id"], (None, None))
            on_title = speaker is not None and other_speaker == speaker and other_title != title
            r["disputes"].append(
                {
                    "statement": x["id"],
                    "source": x["source"],
                    "date": x["date"],
                    "reason": x["reason"],
                    "about": "title" if on_title else "claim",
                }
            )


def lead_with_the_more_reliable(
    store: Store, search: Search, results: list[Record]
) -> list[Record]:
    """When a statement from a more reliable source contradicts the best one's claim, it
    leads."""
    best = results[0]
    against = [d for d in best["disputes"] if d["about"] == "claim"]
    if not against:
        return results
    trust = search.source_trust([source_of(best), *(d["source"] for d in against if d["source"])])
    mine = trust.get(source_of(best), 0)
    stronger = [d for d in against if trust.get(d["source"], 0) > mine]
    if not stronger:
        return results
    lead = dict(store.statements([stronger[0]["statement"]])[0])
    lead["score"] = best.get("score")
    mark_disputes(search, [lead])
    return [lead, *(r for r in results if r["id"] != lead["id"])]
