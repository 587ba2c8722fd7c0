"""--publisher: statements by who published their sources, matched like other names."""

from __future__ import annotations

import json


def _sources(cli) -> list[dict]:
    return json.loads(cli("sources", "--format", "json").stdout)


def _statements_of(cli, source_ids: set[str]) -> set[str]:
    ids: set[str] = set()
    for sid in source_ids:
        ids |= set(cli("query", "--source", sid, "--format", "ids").lines)
    return ids


def test_tass_takes_every_edition(cli):
    tass = {s["id"] for s in _sources(cli) if (s["publisher"] or "").startswith("TASS")}
    assert len(tass) == 4
    result = cli("query", "--publisher", "TASS", "--format", "ids")
    assert result.code == 0
    assert set(result.lines) == _statements_of(cli, tass)


def test_an_edition_named_in_full_takes_only_that_edition(cli):
    result = cli("query", "--publisher", "TASS (Russian edition)", "--format", "ids")
    assert result.lines == ["revenko-growth-regions-2025"]


def test_publishers_match_like_names(cli):
    # case, a unique prefix, a leading "The", repeated options OR
    assert cli("query", "--publisher", "tas", "--format", "ids").lines == (
        cli("query", "--publisher", "TASS", "--format", "ids").lines
    )
    kyiv = set(cli("query", "--publisher", "kyiv independent", "--format", "ids").lines)
    assert kyiv == _statements_of(cli, {"kyiv-independent-2023-08-29"})
    both = set(
        cli("query", "--publisher", "Granma", "--publisher", "IANS", "--format", "ids").lines
    )
    assert both == _statements_of(cli, {"granma-de-2024-01-30", "ians-2025-06-26"})


def test_unknown_and_ambiguous_publishers_are_usage_errors(cli):
    unknown = cli("query", "--publisher", "Tsas")
    assert unknown.code == 2 and unknown.stdout == ""
    assert unknown.stderr == (
        "belarus-nato: error: unknown publisher 'Tsas'; did you mean 'TASS'?\n"
    )
    ambiguous = cli("query", "--publisher", "A")
    assert ambiguous.code == 2 and "could be APA, Atalayar" in ambiguous.stderr
