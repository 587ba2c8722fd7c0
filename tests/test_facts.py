"""The embedded facts: complete, exact and honest about the first article."""

from __future__ import annotations

import json
import re

import pytest

from belarus_nato_cli.text import sentence_spans

from .conftest import REPO

MAX_WORDS = 12


@pytest.fixture
def statements(cli) -> list[dict]:
    result = cli("query", "--format", "json")
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def by_id(statements) -> dict[str, dict]:
    return {s["id"]: s for s in statements}


def article_evidence(statements):
    for s in statements:
        for ev in s["evidence"]:
            if ev["source"] == "article-000":
                yield s, ev


def test_validate_with_source_text_passes(cli, seeds):
    result = cli("validate", "--source-dir", str(seeds))
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "valid" in result.stderr and "source text checked for 1" in result.stderr


def test_every_evidence_phrase_is_the_article_text_at_its_offsets(statements, article_text):
    checked = 0
    for s, ev in article_evidence(statements):
        assert article_text[ev["start"] : ev["end"]] == ev["quote"], s["id"]
        checked += 1
    assert checked >= len(sentence_spans(article_text))


def test_no_evidence_phrase_is_longer_than_twelve_words(statements):
    for s in statements:
        for ev in s["evidence"]:
            if ev["quote"]:
                assert len(ev["quote"].split()) <= MAX_WORDS, (s["id"], ev["quote"])


def test_every_sentence_of_the_article_is_covered(statements, article_text):
    spans = sentence_spans(article_text)
    assert len(spans) == 17  # the splitter sees the article's 17 sentences
    uncovered = [
        article_text[a : a + 40]
        for a, b in spans
        if not any(a <= ev["start"] and ev["end"] <= b for _, ev in article_evidence(statements))
    ]
    assert uncovered == []


def test_no_evidence_phrase_is_a_whole_sentence(statements, article_text):
    spans = set(sentence_spans(article_text))
    for s, ev in article_evidence(statements):
        assert (ev["start"], ev["end"]) not in spans, s["id"]


def test_no_run_of_the_article_longer_than_the_quote_limit_is_in_the_repository(article_text):
    words = article_text.split()
    windows = {" ".join(words[i : i + MAX_WORDS + 1]) for i in range(len(words) - MAX_WORDS)}
    skip = {
        ".git",
        ".venv",
        ".ci-venv",
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
    }
    checked = 0
    for path in REPO.rglob("*"):
        if not path.is_file() or skip & set(path.relative_to(REPO).parts):
            continue
        try:
            text = " ".join(path.read_text(encoding="utf-8").split())
        except UnicodeDecodeError:
            continue
        checked += 1
        copied = [w for w in windows if w in text]
        assert copied == [], f"{path} copies the article: {copied[0][:80]}"
    assert checked > 10


def test_speakers_are_who_the_article_attributes(by_id):
    revenko = by_id["a000-relations-suspended"]["speaker"]
    assert revenko == {
        "id": "valery-revenko",
        "name": "Valery Revenko",
        "title": "deputy minister of defense for Belarus",
    }
    assert by_id["a000-not-isolated"]["speaker"]["id"] == "valery-revenko"  # "he argues"
    assert by_id["a000-exchanges-india"]["speaker"]["id"] == "officials"
    assert by_id["a000-deployments-lawful"]["speaker"]["id"] == "belarusian-authorities"
    assert (
        by_id["a000-border-personnel-concerns"]["speaker"]["id"]
        == "regional-media-diplomatic-circles"
    )


def test_the_articles_own_analysis_has_no_speaker(by_id):
    for sid in ("a000-limited-contacts", "a000-pragmatic-idea", "a000-regional-pattern"):
        assert by_id[sid]["speaker"] is None
        assert by_id[sid]["attribution"] in ("author_assertion", "author_analysis")


def test_a_hedged_report_stays_a_hedge(by_id):
    s = by_id["a000-possible-deployments"]
    assert s["certainty"] == "possible"
    assert "some statements suggesting" in s["hedges"]


def test_hedged_statements_are_never_certain(statements):
    for s in statements:
        if s["hedges"]:
            assert s["certainty"] != "certain", s["id"]


def test_the_one_explicit_date_is_an_open_interval_from_november_2021(statements):
    dated = {s["id"]: s["about"] for s in statements if s["about"]}
    assert dated["a000-relations-suspended"] == "2021-11/.."
    article_dated = {sid: d for sid, d in dated.items() if sid.startswith("a000-")}
    assert set(article_dated.values()) == {"2021-11/.."}
    assert all(s["said"] is None for s in statements if s["id"].startswith("a000-"))


def test_the_first_source_has_no_invented_publisher_or_date(cli):
    result = cli("sources", "--format", "json")
    source = next(s for s in json.loads(result.stdout) if s["id"] == "article-000")
    assert source["publisher"] is None and source["published"] is None


def test_named_actors_are_present(cli):
    ids = set(cli("actors", "--format", "ids").lines)
    for actor in ("belarus", "nato", "india", "iran", "cuba", "africa", "western-partners"):
        assert actor in ids


def test_each_country_in_the_list_is_its_own_statement(by_id):
    partners = {
        sid: [a["id"] for a in s["actors"] if a["role"] == "partner"]
        for sid, s in by_id.items()
        if re.match(r"a000-(exchanges|engagement)-", sid)
    }
    assert sorted(p for ps in partners.values() for p in ps) == ["africa", "cuba", "india", "iran"]
