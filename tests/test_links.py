"""The second source pack: dated sources, and links between statements that agree or disagree."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def record(cli):
    def get(sid: str) -> dict:
        result = cli("show", sid, "--format", "json")
        assert result.code == 0, result.stderr
        return json.loads(result.stdout)[0]

    return get


def test_both_packs_validate(cli):
    result = cli("validate")
    assert result.code == 0, result.stdout


def test_both_packs_validate_against_the_source_text(cli, seeds):
    result = cli("validate", "--source-dir", str(seeds))
    assert result.code == 0, result.stdout


def test_links_are_listed_both_ways_with_source_and_date(record):
    nato = record("nato-suspended-cooperation-2021-11")
    out = {(x["kind"], x["direction"], x["id"]) for x in nato["links"]}
    assert ("corroborates", "out", "a000-relations-suspended") in out
    article = record("a000-relations-suspended")
    incoming = {x["id"]: x for x in article["links"] if x["direction"] == "in"}
    assert incoming["nato-suspended-cooperation-2021-11"]["source"] == "nato-relations-with-belarus"
    assert incoming["nato-suspended-cooperation-2021-11"]["date"] == "2021-11"
    assert incoming["gulevich-nato-suspended-2021-11-23"]["date"] == "2021-11"
    assert all(x["reason"] for x in article["links"])


def test_revenkos_title_is_contradicted_and_both_titles_stay_visible(record, cli):
    article = record("a000-revenko-describes-approach")
    assert article["speaker"]["title"] == "deputy minister of defense for Belarus"
    contradicted_by = [
        x for x in article["links"] if x["kind"] == "contradicts" and x["direction"] == "in"
    ]
    assert {x["source"] for x in contradicted_by} >= {"sb-2024-12-09", "sb-2024-02"}
    sb = record("revenko-nato-activity-before-2020")
    assert sb["speaker"]["title"].startswith(
        "Chief of the International Military Co-operation Department"
    )
    actors = {r["id"]: r for r in json.loads(cli("actors", "--format", "json").stdout)}
    assert "valery-revenko" in actors
    text = cli("show", "a000-revenko-describes-approach", "--format", "text").stdout
    assert "contradicted by revenko-nato-activity-before-2020 (sb-2024-12-09, 2024)" in text


def test_unilateral_is_verified_from_ryabikhin_not_revenko(record):
    article = record("a000-suspension-unilateral")
    context = {x["id"]: x for x in article["links"] if x["kind"] == "context"}
    assert "ryabikhin-unilateral-open-to-dialogue" in context
    assert "Ryabikhin" in context["ryabikhin-unilateral-open-to-dialogue"]["reason"]
    ryabikhin = record("ryabikhin-unilateral-open-to-dialogue")
    assert ryabikhin["speaker"]["id"] == "dmitry-ryabikhin"
    assert ryabikhin["evidence"][0] == {
        "source": "tass-2022-12-26",
        "start": None,
        "end": None,
        "quote": "unilaterally",
        "locator": None,
    }


def test_disputed_and_corroborated_filters(cli):
    disputed = set(cli("query", "--disputed", "--format", "ids").lines)
    # a contradiction of claims disputes both statements
    assert {"morawiecki-wagner-toward-grodno", "lukashenko-wagner-worries-groundless"} <= disputed
    # over the speaker's title, only the title of the source trusted no further (the unsigned,
    # undated article's "deputy minister"), not the dated state media's, as in `ask`
    assert "a000-revenko-describes-approach" in disputed
    assert "revenko-nato-activity-before-2020" not in disputed
    card = cli("show", "revenko-nato-activity-before-2020").stdout
    assert "standing:    disputed" not in card
    assert "a000-limited-contacts" not in disputed
    corroborated = set(cli("query", "--corroborated", "--format", "ids").lines)
    assert {"a000-relations-suspended", "nato-suspended-cooperation-2021-11"} <= corroborated
    assert not corroborated & {"a000-pragmatic-idea"}
    both = set(cli("query", "--disputed", "--corroborated", "--format", "ids").lines)
    assert both == disputed & corroborated
    narrowed = set(cli("query", "--corroborated", "--actor", "Cuba", "--format", "ids").lines)
    assert narrowed and narrowed <= corroborated


def test_new_date_queries(cli):
    ids = set(cli("query", "--on", "2021-11-23", "--format", "ids").lines)
    assert {"gulevich-nato-suspended-2021-11-23", "nato-suspended-cooperation-2021-11"} <= ids
    wagner = set(
        cli(
            "query",
            "--actor",
            "Wagner",
            "--since",
            "2023-07",
            "--until",
            "2023-08",
            "--format",
            "ids",
        ).lines
    )
    assert {
        "mod-wagner-instructors",
        "kaminski-wagner-must-leave",
        "lukashenko-demand-foolish",
    } <= wagner
    assert "khrenin-singh-qingdao" in cli("query", "--on", "2025", "--format", "ids").lines
    # an inferred date keeps its "?" and is still found
    records = json.loads(
        cli("query", "--speaker", "Ryabikhin", "--on", "2022-12", "--format", "json").stdout
    )
    assert {r["said"] for r in records} == {"2022-12-26?"}


def test_sources_show_reliability_and_dates(cli):
    sources = {s["id"]: s for s in json.loads(cli("sources", "--format", "json").stdout)}
    assert sources["tass-2021-11-23"]["published"] == "2021-11-23"
    assert sources["sb-2024-02"]["published"] == "2024-02?"
    assert sources["nato-relations-with-belarus"]["published"] is None
    assert sources["nato-relations-with-belarus"]["updated"] == "2024-08-28"
    assert "Low" in sources["socialbites-rewrite"]["reliability"]
    assert (
        "rewrite" in sources["atalayar-2023-07-20"]["reliability"]
        or "slips" in sources["atalayar-2023-07-20"]["reliability"]
    )


def test_reliability_note_is_shown_with_statements(cli):
    text = cli("show", "lukashenko-wagner-worries-groundless", "--format", "text").stdout
    assert "reliability: Aggregator that names no original" in text


def test_ask_when_nato_suspended_answers_with_the_date_and_both_sources(cli):
    result = cli("ask", "When did NATO suspend cooperation with Belarus?", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["answer"].startswith("November 2021 [2021-11], according to ")
    assert "nato-relations-with-belarus" in payload["answer"]
    assert "tass-2021-11-23" in payload["answer"]


def test_a_link_to_a_missing_statement_is_rejected(cli, tmp_path):
    pack = tmp_path / "bad-link.toml"
    pack.write_text(
        '[[sources]]\nid = "x"\nlanguage = "en"\n\n[[statements]]\nid = "x-1"\ntext = "A claim."\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        'links = [{ kind = "contradicts", target = "nowhere", reason = "test" }]\n'
        '[[statements.evidence]]\nsource = "x"\n'
    )
    result = cli("validate", str(pack))
    assert result.code == 1
    assert "statement x-1: links[0].target: unknown statement 'nowhere'" in result.stdout


def test_timeline_spans_2021_to_2025(cli):
    periods = {line.split("\t")[0] for line in cli("timeline", "--fields", "period").lines}
    assert {"2021-11", "2025-06"} <= periods
