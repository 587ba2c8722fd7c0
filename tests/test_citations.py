"""Citations: url, publisher, published and source_title as fields, and --format markdown."""

from __future__ import annotations

import csv
import io
import json

import pytest

CITATION = ["source_title", "publisher", "published", "url"]


@pytest.fixture
def sources(cli) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads(cli("sources", "--format", "json").stdout)}


def _expected(cli, sources, args: list[str]) -> dict[str, list[str]]:
    """Each statement's citation columns, from its evidence and the sources listing."""
    records = json.loads(cli("query", *args, "--format", "json").stdout)
    out = {}
    for r in records:
        cited = [sources[s] for s in dict.fromkeys(e["source"] for e in r["evidence"])]
        keys = {"source_title": "title"}
        out[r["id"]] = [" | ".join(s[keys.get(f, f)] or "" for s in cited) for f in CITATION]
    return out


def test_cuba_citations_as_tsv(cli, sources):
    result = cli(
        "query", "--actor", "Cuba", "--fields", "id,publisher,published,url", "--format", "tsv"
    )
    assert result.code == 0
    expected = _expected(cli, sources, ["--actor", "Cuba"])
    rows = [line.split("\t") for line in result.lines]
    assert len(rows) == len(expected) >= 4
    for sid, publisher, published, url in rows:
        assert [publisher, published, url] == expected[sid][1:]
    granma = dict((r[0], r) for r in rows)["khrenin-cuba-partners"]
    assert granma[1:] == [
        "Granma (German edition)",
        "2024-01-30?",
        sources["granma-de-2024-01-30"]["url"],
    ]


def test_citation_fields_in_csv_table_and_text_columns(cli, sources):
    fields = "id," + ",".join(CITATION)
    rows = list(
        csv.reader(
            io.StringIO(
                cli("query", "--actor", "Cuba", "--fields", fields, "--format", "csv").stdout
            )
        )
    )
    assert rows[0] == ["id", *CITATION]
    expected = _expected(cli, sources, ["--actor", "Cuba"])
    assert {r[0]: r[1:] for r in rows[1:]} == expected
    url = sources["ians-2025-06-26"]["url"]
    for fmt in ("table", "text"):
        result = cli(
            "query",
            "--actor",
            "India",
            "--fields",
            "id,url",
            "--format",
            fmt,
            env={"COLUMNS": "400"},
        )
        assert result.code == 0 and url in result.stdout, fmt
    timeline = cli(
        "timeline", "--actor", "India", "--fields", "period,id,publisher", "--format", "tsv"
    )
    assert "IANS (Indo-Asian News Service)" in timeline.stdout


def test_an_unknown_detail_keeps_its_place_among_several_sources(cli, tmp_path):
    pack = tmp_path / "two.toml"
    pack.write_text(
        '[[sources]]\nid = "a"\nlanguage = "en"\npublisher = "Alpha"\nurl = "https://a.example/1"\n'
        '[[sources]]\nid = "b"\nlanguage = "en"\npublisher = "Beta"\n\n'
        '[[statements]]\nid = "two"\ntext = "Said twice."\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "a"\nlocator = "p1"\n'
        '[[statements.evidence]]\nsource = "b"\nlocator = "p2"\n'
        '[[statements.evidence]]\nsource = "a"\nlocator = "p3"\n'
    )
    result = cli(
        "--no-embedded",
        "--facts",
        str(pack),
        "query",
        "--fields",
        "publisher,url",
        "--format",
        "tsv",
    )
    assert result.lines == ["Alpha | Beta\thttps://a.example/1 |"]


def test_json_records_carry_their_sources_citations(cli, sources):
    records = json.loads(cli("query", "--publisher", "TASS", "--format", "json").stdout)
    for r in records:
        assert [s["id"] for s in r["sources"]] == list(
            dict.fromkeys(e["source"] for e in r["evidence"])
        )
        for s in r["sources"]:
            full = sources[s["id"]]
            assert s == {k: full[k] for k in ("id", "title", "publisher", "published", "url")}


# -- markdown -----------------------------------------------------------------------------------


def test_markdown_lists_each_statement_with_a_pasteable_citation(cli, sources):
    result = cli("query", "--actor", "Cuba", "--format", "markdown")
    assert result.code == 0
    items = result.stdout.split("\n- ")
    records = json.loads(cli("query", "--actor", "Cuba", "--format", "json").stdout)
    assert len(items) == len(records)
    granma = sources["granma-de-2024-01-30"]
    item = next(i for i in items if "`khrenin-cuba-partners`" in i)
    assert "  - Source: Granma (German edition), “Two countries united" in item
    assert "about 30 Jan 2024 (2024-01-30?)" in item and f"<{granma['url']}>" in item
    article = next(i for i in items if "`a000-exchanges-cuba`" in i)
    assert "Source: unknown publisher, “Belarus keeps minimal contacts with NATO" in article
    assert "n.d." in article


def test_markdown_prints_data_text_literally(cli, tmp_path):
    pack = tmp_path / "odd.toml"
    pack.write_text(
        '[[sources]]\nid = "odd"\nlanguage = "en"\ntitle = "A [link](http://x) *bold*"\n'
        'url = "https://example.org/a b>c"\n\n'
        '[[statements]]\nid = "odd-1"\ntext = "Not *bold*, not _em_, not `code` <b>x</b> | y"\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "odd"\n'
    )
    out = cli("--facts", str(pack), "show", "odd-1", "--format", "markdown").stdout
    assert "- Not \\*bold\\*, not \\_em\\_, not \\`code\\` \\<b\\>x\\</b\\> \\| y\n" in out
    assert "“A \\[link\\](http://x) \\*bold\\*”" in out
    assert "<https://example.org/a%20b%3Ec>" in out


def test_catalogues_in_markdown_are_tables(cli):
    result = cli("sources", "--fields", "id,publisher", "--format", "markdown")
    lines = result.lines
    assert lines[:2] == ["| id | publisher |", "|---|---|"]
    assert "| tass-2021-11-23 | TASS (English edition) |" in lines


def test_statements_with_fields_are_a_table_of_those_fields(cli):
    # --fields says which columns: the citation list is what markdown gives without it
    result = cli("query", "--actor", "Cuba", "--fields", "id,speaker", "--format", "markdown")
    assert result.lines[:2] == ["| id | speaker |", "|---|---|"]
    assert "| khrenin-cuba-partners | Viktor Khrenin |" in result.lines
    text = cli("query", "--actor", "Cuba", "--fields", "id,speaker", "--format", "text")
    assert text.lines[0].split() == ["id", "speaker"]
