"""`draft`: a rule-based first pass that turns a plain-text article into a fact pack of
draft statements (speaker, title, attribution and cue, hedges, dates, actors, topics and
evidence with offsets) for a curator to review.

Standard library only; the rules are TOML files beside these modules (cues, hedges, dates,
speaker words) and the names come from the facts' alias tables.

    sentences -> tokens -> aliases (names) -> dates -> acts (cues, clauses, speakers,
    memory, entities) -> hedges -> evidence -> article (one claim per act; people, quotes)
    -> pack (records, TOML / JSON Lines)
"""

from __future__ import annotations

from belarus_nato_cli.draft.aliases import load_alias_table
from belarus_nato_cli.draft.article import draft_claims
from belarus_nato_cli.draft.pack import DraftPack, build_pack, to_jsonl, to_toml
from belarus_nato_cli.draft.source import SourceMeta, read_article, source_id_for, source_record
from belarus_nato_cli.errors import BadInput, InvalidFacts


def draft_pack(path: str, meta: SourceMeta, fact_paths: list[str]) -> DraftPack:
    """Draft the article at `path` against the alias tables of the given fact packs."""
    article = read_article(path)
    table, problems = load_alias_table(fact_paths)
    if problems:
        raise InvalidFacts(problems)
    source_id = source_id_for(article, meta)
    if source_id in table.sources:
        raise BadInput(
            f"the facts already have a source {source_id!r}; give the draft another id "
            "with --source-id"
        )
    source = source_record(article, meta, source_id)
    claims = draft_claims(article.text, table, meta.published)
    return build_pack(source, claims, table, article.text)


__all__ = ["DraftPack", "SourceMeta", "draft_pack", "to_jsonl", "to_toml"]
