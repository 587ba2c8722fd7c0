"""--text says why a row matched: the `matched` field, and the words highlighted on a terminal."""

from __future__ import annotations

import json

import pytest


def _matched(cli, *args: str) -> dict[str, str]:
    result = cli("query", *args, "--fields", "id,matched", "--format", "tsv")
    assert result.code == 0, result.stderr
    return dict(line.split("\t") for line in result.lines)


def test_a_title_match_is_told_apart_from_a_text_match(cli):
    rows = _matched(cli, "--text", "defense minister")
    # Morawiecki's statement says nothing of defence: his title does ("Polish Prime Minister"
    # holds "minister"; a topic or title holds "defence", a spelling variant of "defense")
    assert "title" in rows["morawiecki-wagner-toward-grodno"].split(", ")
    assert "text" not in rows["morawiecki-wagner-toward-grodno"].split(", ")
    assert rows["a000-relations-suspended"] == "title"
    assert "text" in rows["khrenin-singh-qingdao"].split(", ")
    records = json.loads(cli("query", "--text", "defense minister", "--format", "json").stdout)
    assert {r["id"]: ", ".join(r["matched"]) for r in records} == rows


def test_an_alias_the_row_does_not_show_is_named_as_the_speaker(cli, tmp_path):
    pack = tmp_path / "alias.toml"
    pack.write_text(
        '[[sources]]\nid = "s"\nlanguage = "en"\n\n'
        '[[entities]]\nid = "zed"\nkind = "person"\nname = "Zed Example"\n'
        'aliases = ["Zebedee"]\n\n'
        '[[statements]]\nid = "z-1"\ntext = "He said it."\nspeaker = "zed"\n'
        'attribution = "direct_quote"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "s"\nlocator = "p"\n',
        encoding="utf-8",
    )
    result = cli(
        "--no-embedded", "--facts", str(pack), "query", "--text", "zebedee", "--format", "json"
    )
    assert [(r["id"], r["matched"]) for r in json.loads(result.stdout)] == [("z-1", ["speaker"])]


def test_every_field_named_holds_a_word_of_the_search(cli):
    """Checked against the records themselves for the fields they print."""
    records = json.loads(cli("query", "--text", "suspended", "--format", "json").stdout)
    assert records
    for r in records:
        assert r["matched"], r["id"]
        if "text" in r["matched"]:
            assert "suspen" in r["text"].lower()
        if "quotes" in r["matched"]:
            assert any("suspen" in (e["quote"] or "").lower() for e in r["evidence"])


def test_matched_is_only_for_text_searches(cli):
    plain = json.loads(cli("query", "--actor", "Cuba", "--format", "json").stdout)
    assert all("matched" not in r for r in plain)
    rows = _matched(cli, "--actor", "Cuba")
    assert set(rows.values()) == {""}


@pytest.mark.parametrize("color", ["always", "never"])
def test_a_terminal_table_shows_why_and_highlights_the_words(cli, color):
    result = cli(
        "query",
        "--text",
        "door",
        "--format",
        "table",
        "--color",
        color,
        env={"COLUMNS": "200"},
    )
    assert result.code == 0
    header = result.lines[0].replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert header.split()[-1] == "matched"
    reverse = "\x1b[7mdoor\x1b[0m"  # reverse video, as rich writes it
    if color == "always":
        assert reverse in result.stdout
        assert reverse + "-open" not in result.stdout  # ids are left as they are
    else:
        assert "\x1b" not in result.stdout and "door" in result.stdout


def test_piped_text_search_keeps_its_columns(cli):
    lines = cli("query", "--text", "door", "--format", "tsv").lines
    assert lines and all(len(line.split("\t")) == 5 for line in lines)


def test_text_views_highlight_the_words_when_colour_is_on(cli):
    for command in ("query", "timeline"):
        coloured = cli(command, "--text", "door", "--format", "text", "--color", "always").stdout
        assert "leaves the \x1b[7mdoor\x1b[0m open" in coloured, command  # as rich writes it
        assert "[revenko-door-open-to-west]" in coloured or "revenko-door-open" in coloured
        plain = cli(command, "--text", "door", "--format", "text").stdout
        assert "\x1b" not in plain and "leaves the door open" in plain, command
