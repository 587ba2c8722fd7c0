"""Writing the draft as a fact pack (TOML or JSON Lines) that `validate` accepts as written.

Statement ids are the source id, the sentence number and a letter per reporting act
("article-b-s011a"), so a redraft of the same text gives the same ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from belarus_nato_cli.draft.aliases import AliasTable, Entity
from belarus_nato_cli.draft.article import Claim

# The fact model's limits per statement (model/types.py; a test holds them equal)
MAX_ACTORS = MAX_TOPICS = 50
MAX_HEDGES = MAX_NOTES = 20
MAX_EVIDENCE = 20

DRAFT_NOTE = (
    "Draft: rewrite the text in the project's own words and check the speaker, title, "
    "attribution, certainty, dates, actors and topics; then remove draft = true."
)


@dataclass
class DraftPack:
    source: dict[str, Any]
    entities: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    comments: dict[str, str]  # statement id -> the sentence it comes from (for TOML)


def build_pack(
    source: dict[str, Any], claims: list[Claim], table: AliasTable, text: str
) -> DraftPack:
    source_id = source["id"]
    statements, comments = [], {}
    used: set[str] = set()
    per_sentence: dict[int, int] = {}
    for claim in claims:
        n = per_sentence[claim.sentence.number] = per_sentence.get(claim.sentence.number, 0) + 1
        sid = f"{source_id}-s{claim.sentence.number:03d}{_letter(n)}"
        used.update(e for e, _ in claim.actors)
        if claim.speaker:
            used.add(claim.speaker)
        statements.append(_statement(sid, source_id, claim, table))
        sentence = " ".join(text[claim.sentence.start : claim.sentence.end].split())
        comments[sid] = f"Sentence {claim.sentence.number}: {sentence}"
    entities = [
        _entity(e, source["file"]) for e in table.entities.values() if e.new and e.id in used
    ]
    return DraftPack(source, entities, statements, comments)


def _letter(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _draft_text(claim: Claim, table: AliasTable) -> str:
    quote = claim.evidence[0].quote
    who = "The article" if claim.speaker is None else table.entities[claim.speaker].name
    cue = f" ({claim.cue})" if claim.cue else ""
    return f'{who}{cue}: "{quote}"'


def _statement(sid: str, source_id: str, claim: Claim, table: AliasTable) -> dict[str, Any]:
    record: dict[str, Any] = {"id": sid, "draft": True, "text": _draft_text(claim, table)}
    if claim.speaker:
        record["speaker"] = claim.speaker
    if claim.title:
        record["speaker_title"] = claim.title
    record["attribution"] = claim.attribution
    if claim.cue:
        record["cue"] = claim.cue
    record["certainty"] = claim.certainty
    if claim.hedges:
        record["hedges"] = claim.hedges[:MAX_HEDGES]
    if claim.about:
        record["about"] = claim.about
    record["actors"] = [{"entity": e, "role": r} for e, r in claim.actors[:MAX_ACTORS]]
    record["topics"] = claim.topics[:MAX_TOPICS]
    record["notes"] = [DRAFT_NOTE, *claim.notes][:MAX_NOTES]
    record["evidence"] = [
        {"source": source_id, "start": p.start, "end": p.end, "quote": p.quote}
        for p in claim.evidence[:MAX_EVIDENCE]
    ]
    return record


def _entity(entity: Entity, file_name: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "kind": entity.kind, "name": entity.name}
    if entity.aliases:
        record["aliases"] = entity.aliases
    record["notes"] = [
        f"Draft entity from {file_name}: check the name, kind and aliases, and whether "
        "the facts already know it under another name."
    ]
    return record


# -- writing ---------------------------------------------------------------------------------


def to_jsonl(pack: DraftPack) -> Iterator[str]:
    yield _json_line("source", pack.source)
    for entity in pack.entities:
        yield _json_line("entity", entity)
    for statement in pack.statements:
        yield _json_line("statement", statement)


def _json_line(kind: str, record: dict[str, Any]) -> str:
    return json.dumps({"type": kind, **record}, ensure_ascii=False) + "\n"


def to_toml(pack: DraftPack) -> Iterator[str]:
    yield (
        "# A draft fact pack written by `belarus-nato draft`. Every statement is marked\n"
        "# draft = true: rewrite its text in the project's own words, check each field\n"
        "# against the sentence quoted above it, then remove the marker.\n\n"
    )
    yield "[[sources]]\n" + _fields(pack.source) + "\n"
    for entity in pack.entities:
        yield "[[entities]]\n" + _fields(entity) + "\n"
    for statement in pack.statements:
        comment = pack.comments.get(statement["id"], "")
        head = f"# {comment}\n" if comment else ""
        body = {k: v for k, v in statement.items() if k != "evidence"}
        out = head + "[[statements]]\n" + _fields(body)
        for ev in statement["evidence"]:
            out += "[[statements.evidence]]\n" + _fields(ev)
        yield out + "\n"


def _fields(record: dict[str, Any]) -> str:
    return "".join(f"{key} = {_value(value)}\n" for key, value in record.items())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML forbids a raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")
