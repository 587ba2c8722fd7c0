"""`actor NAME`: what the facts hold about a person or body, and `actors --fields description`."""

from __future__ import annotations

import io
import json
import re

from belarus_nato_cli.cli import run
from belarus_nato_cli.environment import Environment

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def terminal(*args: str, columns: int = 100) -> tuple[int, str]:
    out = io.StringIO()
    env = Environment(
        stdout=out, stderr=io.StringIO(), stdin=None, stdout_isatty=True, terminal_columns=columns
    )
    code = run(list(args), env=env)
    return code, ANSI.sub("", out.getvalue())


def test_revenko_shows_his_verified_post_and_the_disputed_title_with_its_source():
    code, shown = terminal("actor", "Revenko")
    assert code == 0
    text = " ".join(shown.split())
    assert text.startswith("Valery Revenko [valery-revenko]")
    assert "description: Head of the International Military Cooperation Department" in text
    # the title the first article gives him, marked disputed, with where it comes from
    assert "deputy minister of defense for Belarus ! disputed article-000" in text
    assert re.search(r"disputed by revenko-[a-z0-9-]+ \(sb-2024-[0-9-]+, 2024", text)
    # the dated sources' title is shown, and not marked
    chief = "Chief of the International Military Co-operation Department"
    assert chief in text and f"{chief} ! disputed" not in text


def test_json_profile_keys_and_titles_agree_with_the_statements(cli):
    result = cli("actor", "Revenko", "--format", "json")
    assert result.code == 0
    [profile] = json.loads(result.stdout)
    assert {"id", "name", "kind", "aliases", "description", "qid", "titles"} <= set(profile)
    assert profile["id"] == "valery-revenko" and profile["kind"] == "person"
    assert "Revenko" in profile["aliases"]
    said = cli("query", "--speaker", "valery-revenko", "--format", "json")
    records = {r["id"]: r for r in json.loads(said.stdout)}
    assert profile["statements_spoken"] == len(records)
    for title in profile["titles"]:
        assert {"title", "source", "date", "statement", "disputed"} <= set(title)
        record = records[title["statement"]]  # a statement he makes that carries the title
        assert record["speaker"]["title"] == title["title"]
        assert title["source"] == record["evidence"][0]["source"]
        if title["disputed"]:
            other = records[title["disputed"]["statement"]]  # the same person, another title
            assert other["speaker"]["title"] != title["title"]
            # it contradicts one of his statements that give this title in this source
            same = {
                sid
                for sid, r in records.items()
                if r["speaker"]["title"] == title["title"]
                and r["evidence"][0]["source"] == title["source"]
            }
            assert any(
                link["kind"] == "contradicts" and link["id"] in same for link in other["links"]
            )
    disputed = {t["title"] for t in profile["titles"] if t["disputed"]}
    assert "deputy minister of defense for Belarus" in disputed
    assert not any("Chief of the International" in t for t in disputed)


def test_piped_profile_formats(cli):
    tsv = cli("actor", "NATO", "Lukashenko", "--format", "tsv")
    assert tsv.code == 0
    assert [line.split("\t")[0] for line in tsv.lines] == ["nato", "alexander-lukashenko"]
    fields = cli("actor", "Revenko", "--fields", "id,titles", "--format", "tsv")
    cell = "deputy minister of defense for Belarus (article-000, 2021-11/..) [disputed by revenko-"
    assert cell in fields.stdout
    piped = cli("actor", "Revenko")  # piped, a person still reads it: the text card
    assert piped.stdout.startswith("Valery Revenko [valery-revenko]")


def test_unknown_actor_is_a_usage_error_with_a_suggestion(cli):
    result = cli("actor", "Revenkko")
    assert result.code == 2
    assert "unknown actor 'Revenkko'; did you mean" in result.stderr
    assert result.stdout == ""


def test_actors_offer_the_description(cli):
    result = cli("actors", "--fields", "id,description", "--format", "tsv")
    assert result.code == 0
    rows = dict(line.split("\t") for line in result.lines)
    assert rows["valery-revenko"].startswith("Head of the International Military Cooperation")
    assert "Not a deputy defence minister" in rows["valery-revenko"]
