"""`query`, `show`, `timeline` and the listings, through the CLI as users run them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from belarus_nato_cli.record import STATEMENT_FIELDS

ESC = "\x1b"


def ids(result) -> list[str]:
    return [line.split("\t")[0] for line in result.lines]


# -- filters -------------------------------------------------------------------------------


def test_actor_filter_includes_every_role(cli):
    result = cli("query", "--actor", "Cuba", "--source", "article-000")
    assert result.code == 0
    assert ids(result) == ["a000-exchanges-cuba"]
    everywhere = ids(cli("query", "--actor", "Cuba"))
    assert "khrenin-welcomed-havana" in everywhere  # Cuba as the location of a visit


def test_actor_matches_the_speaker_role_too(cli):
    by_actor = set(ids(cli("query", "--actor", "Valery Revenko")))
    by_speaker = set(ids(cli("query", "--speaker", "Valery Revenko")))
    assert by_speaker and by_speaker <= by_actor


def test_speaker_filter(cli):
    result = cli("query", "--speaker", "officials", "--format", "json")
    records = json.loads(result.stdout)
    assert {r["speaker"]["id"] for r in records} == {"officials"}
    assert len(records) == 4


def test_repeated_option_is_or_and_different_options_and(cli):
    either = set(
        ids(cli("query", "--actor", "India", "--actor", "Iran", "--source", "article-000"))
    )
    assert either == {"a000-exchanges-india", "a000-exchanges-iran"}
    both = set(ids(cli("query", "--actor", "India", "--topic", "border security")))
    assert both == set()
    narrowed = set(
        ids(cli("query", "--actor", "India", "--actor", "Iran", "--speaker", "officials"))
    )
    assert narrowed == either


def test_topic_includes_its_subtopics(cli):
    parent = set(ids(cli("query", "--topic", "border-security")))
    child = set(ids(cli("query", "--topic", "deployments")))
    assert child and child < parent


def test_text_search_is_stemmed_and_needs_all_words(cli):
    result = cli("query", "--text", "suspend")  # stem of 'suspended' and 'suspension'
    assert "a000-relations-suspended" in ids(result)
    assert cli("query", "--text", "suspend", "--text", "Cuba").code == 0  # OR across options
    both = ids(cli("query", "--text", "unilateral suspension"))
    assert set(both) == {"a000-suspension-unilateral", "ryabikhin-unilateral-open-to-dialogue"}


def test_text_search_knows_spelling_variants(cli):
    assert set(ids(cli("query", "--text", "defence"))) == set(
        ids(cli("query", "--text", "defense"))
    )


def test_text_sorted_by_relevance_carries_a_score(cli):
    records = json.loads(cli("query", "--text", "border", "--format", "json").stdout)
    scores = [r["score"] for r in records]
    assert scores == sorted(scores, reverse=True) and len(scores) > 1


def test_sort_by_id(cli):
    got = ids(cli("query", "--actor", "belarus", "--sort", "id"))
    assert got == sorted(got)


def test_limit_cuts_and_says_so(cli):
    result = cli("query", "--actor", "belarus", "--limit", "3")
    assert len(result.lines) == 3
    assert "showing the first 3" in result.stderr
    full = cli("query", "--actor", "belarus", "--limit", "0")
    assert len(full.lines) > 3 and "showing" not in full.stderr


@pytest.mark.parametrize("args", [[], ["--text", "NATO"], ["--since", "2021"]])
def test_a_limit_of_exactly_the_matches_cuts_nothing(cli, args):
    every = cli("query", "--actor", "belarus", *args, "--limit", "0").lines
    exact = cli("query", "--actor", "belarus", *args, "--limit", str(len(every)))
    assert exact.lines == every and "showing" not in exact.stderr
    one_less = cli("query", "--actor", "belarus", *args, "--limit", str(len(every) - 1))
    assert one_less.lines == every[:-1]
    assert f"showing the first {len(every) - 1}" in one_less.stderr


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "matches"),
    [
        (["--on", "2021-11"], True),
        (["--on", "2021-11-23"], True),
        (["--since", "2021"], True),
        (["--since", "2030"], False),  # it began in 2021: by default a state counts at its start
        (["--since", "2030", "--overlapping"], True),  # open-ended: still ongoing
        (["--until", "2021-10", "--overlapping"], False),
        (["--until", "2021-10"], False),
        (["--until", "2021-11-01"], True),
        (["--on", "2020"], False),
    ],
)
def test_open_interval_from_november_2021(cli, args, matches):
    result = cli("query", "--actor", "Revenko", *args)
    assert ("a000-relations-suspended" in ids(result)) is matches


def test_undated_statements_never_match_and_are_counted(cli):
    total = len(cli("query", "--actor", "belarus", "--source", "article-000").lines)
    result = cli("query", "--actor", "belarus", "--source", "article-000", "--since", "2000")
    dated = len(result.lines)
    assert 0 < dated < total
    assert f"{total - dated} undated statements left out by the date filter" in result.stderr


@pytest.mark.parametrize("bad", ["2021-13", "2021-02-30", "20211", "", "２０２１", "2021-1", "nov"])
def test_malformed_dates_are_usage_errors(cli, bad):
    result = cli("query", "--since", bad)
    assert result.code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("belarus-nato: error: ")


def test_empty_date_window(cli):
    result = cli("query", "--since", "2022", "--until", "2021")
    assert result.code == 2 and "date window is empty" in result.stderr


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["NATO", "nato", "the alliance", "North Atlantic Treaty Organization", "НАТО", "north atl"],
)
def test_names_resolve_through_aliases_and_prefixes(cli, name):
    result = cli("query", "--actor", name, "--format", "ids")
    assert result.code == 0, result.stderr
    assert "a000-relations-suspended" in result.lines


def test_metonym_and_apostrophes(cli):
    a = cli("query", "--actor", "Minsk’s", "--format", "ids").lines
    b = cli("query", "--actor", "Minsk's", "--format", "ids").lines
    c = cli("query", "--actor", "belarus", "--format", "ids").lines
    assert a == b == c and a


def test_a_slip_in_one_word_of_a_longer_topic_name_gets_a_suggestion(cli):
    result = cli("query", "--topic", "wagnr")
    assert result.code == 2
    assert result.stderr == (
        "belarus-nato: error: unknown topic 'wagnr'; did you mean 'Wagner fighters in Belarus'?\n"
    )


def test_accents_are_ignored(cli):
    assert cli("query", "--actor", "Cubá").lines == cli("query", "--actor", "cuba").lines


def test_typo_gets_a_suggestion(cli):
    result = cli("query", "--actor", "NATOO")
    assert result.code == 2
    assert result.stderr == "belarus-nato: error: unknown actor 'NATOO'; did you mean 'NATO'?\n"
    assert result.stdout == ""


def test_ambiguous_prefix_lists_candidates(cli):
    result = cli("query", "--topic", "mil")
    assert result.code == 2
    assert "ambiguous topic 'mil'" in result.stderr
    assert "military-cooperation" in result.stderr and "training" in result.stderr


def test_unknown_speaker_and_topic(cli):
    assert cli("query", "--speaker", "Napoleon").code == 2
    assert "unknown topic" in cli("query", "--topic", "zzzz").stderr


# -- formats -------------------------------------------------------------------------------


def test_tsv_is_the_piped_default_with_fixed_columns(cli):
    result = cli("query", "--actor", "Revenko")
    rows = [line.split("\t") for line in result.lines]
    assert all(len(r) == 5 for r in rows)
    assert ["a000-relations-suspended", "2021-11/..", "Valery Revenko", "certain"] in [
        r[:4] for r in rows
    ]
    assert ESC not in result.stdout


def test_fields_choose_columns(cli):
    result = cli(
        "query", "--actor", "Cuba", "--source", "article", "--fields", "id,speaker_id,topics"
    )
    assert result.lines == [
        "a000-exchanges-cuba\tofficials\tmilitary-cooperation, partnership-diversification"
    ]
    bad = cli("query", "--fields", "id,nope")
    assert bad.code == 2 and "unknown field 'nope'" in bad.stderr


def test_json_record_shape(cli):
    records = json.loads(
        cli("query", "--actor", "Revenko", "--on", "2021-11", "--format", "json").stdout
    )
    r = next(r for r in records if r["id"] == "a000-relations-suspended")
    assert set(r) >= {
        "id",
        "text",
        "speaker",
        "attribution",
        "certainty",
        "actors",
        "topics",
        "about",
        "said",
        "evidence",
        "links",
    }
    assert r["speaker"]["title"] == "deputy minister of defense for Belarus"
    assert {"id": "nato", "name": "NATO", "role": "subject"} in r["actors"]
    assert {"id": "suspension-of-cooperation", "label": "Suspension of cooperation"} in r["topics"]
    assert r["about"] == "2021-11/.." and r["said"] is None
    ev = r["evidence"][0]
    assert (
        ev["source"] == "article-000" and isinstance(ev["start"], int) and ev["end"] > ev["start"]
    )


def test_json_empty_result_is_an_empty_array_and_exit_1(cli):
    result = cli("query", "--actor", "Cuba", "--since", "2030", "--format", "json")
    assert result.code == 1
    assert json.loads(result.stdout) == []


def test_jsonl_one_record_a_line(cli):
    result = cli("query", "--actor", "Revenko", "--format", "jsonl")
    records = [json.loads(line) for line in result.lines]
    assert records and all(r["speaker"]["id"] == "valery-revenko" for r in records)


def test_csv_parses_back_with_a_header(cli):
    result = cli("query", "--actor", "Iran", "--source", "article-000", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "date", "speaker", "certainty", "text"]
    assert rows[1][0] == "a000-exchanges-iran"


def test_non_ascii_stays_as_is_in_json(cli):
    records = json.loads(cli("query", "--text", "strategic autonomy", "--format", "json").stdout)
    quotes = [e["quote"] for r in records for e in r["evidence"]]
    assert "contribute to Belarus’s strategic autonomy" in quotes


def test_table_format_and_colour(cli):
    plain = cli("query", "--actor", "Cuba", "--format", "table", "--color", "never")
    assert "a000-exchanges-cuba" in plain.stdout and ESC not in plain.stdout
    coloured = cli("query", "--actor", "Cuba", "--format", "table", "--color", "always")
    assert ESC in coloured.stdout


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"TERM": "dumb"}, False),
    ],
)
def test_colour_environment(cli, env, coloured):
    result = cli("query", "--actor", "Cuba", "--format", "table", env=env)
    assert (ESC in result.stdout) is coloured


def test_text_format_shows_everything(cli):
    result = cli("show", "a000-possible-deployments", "--format", "text")
    out = result.stdout
    assert "Regional media and diplomatic circles" in out
    assert "possible (hedged: some statements suggesting; potential)" in out
    assert "article-000 " in out and "publisher: unknown" in out


def test_ids_pipe_into_show(cli):
    listed = cli("query", "--actor", "Cuba", "--actor", "Iran", "--format", "ids")
    shown = cli("show", "-", "--format", "json", input=listed.stdout)
    assert [r["id"] for r in json.loads(shown.stdout)] == listed.lines


def test_show_unknown_id_is_exit_2_with_nothing_written(cli):
    result = cli("show", "a000-exchanges-cuba", "a000-nope")
    assert result.code == 2 and result.stdout == ""
    assert "unknown statement id 'a000-nope'" in result.stderr


def test_show_without_arguments_shows_help(cli):
    result = cli("show")
    assert "Usage:" in result.stdout + result.stderr


# -- listings, timeline, packs ---------------------------------------------------------------


def test_listings_have_counts(cli):
    actors = {r["id"]: r for r in json.loads(cli("actors", "--format", "json").stdout)}
    assert actors["cuba"]["statements"] == len(cli("query", "--actor", "cuba").lines) > 1
    speakers = {r["id"] for r in json.loads(cli("speakers", "--format", "json").stdout)}
    assert "valery-revenko" in speakers and "cuba" not in speakers
    topics = {r["id"]: r for r in json.loads(cli("topics", "--format", "json").stdout)}
    assert (
        topics["nato-relations"]["statements"] >= topics["suspension-of-cooperation"]["statements"]
    )
    assert "article-000" in cli("sources", "--format", "ids").lines


def test_timeline_orders_by_date_with_undated_last(cli):
    result = cli("timeline", "--fields", "period,id,date")
    rows = [line.split("\t") for line in result.lines]
    periods = [r[0] for r in rows]
    assert periods[-1] == "undated"
    dated = [p for p in periods if p != "undated"]
    assert dated == sorted(dated)
    assert {"2021-11", "2022-12", "2023-08", "2024-01", "2025-06"} <= set(dated)
    # an interval sits at its start
    assert ["2021-11", "zerkalo-minimal-contacts", "2021-11/2025-03?"] in rows


def test_user_pack_adds_to_embedded_and_no_embedded_leaves_them_out(cli, tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[sources]]\nid = "note"\nlanguage = "en"\n\n'
        '[[statements]]\nid = "mine-1"\ntext = "Belarus says [bold]hello[/bold]."\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        'actors = [{ entity = "belarus", role = "subject" }]\n'
        '[[statements.evidence]]\nsource = "note"\nlocator = "page 1"\n'
    )
    with_pack = cli("--facts", str(pack), "query", "--actor", "belarus", "--format", "ids").lines
    assert "mine-1" in with_pack and "a000-limited-contacts" in with_pack
    env = cli(
        "query", "--actor", "belarus", "--format", "ids", env={"BELARUS_NATO_FACTS": str(pack)}
    ).lines
    assert env == with_pack
    only = cli("--no-embedded", "--facts", str(pack), "--facts", "", "query", "--text", "hello")
    # the embedded entity 'belarus' is gone, so the pack alone is invalid
    assert only.code == 3 and "unknown entity 'belarus'" in only.stderr


def test_markup_and_formula_text_print_literally(cli, tmp_path):
    pack = tmp_path / "odd.toml"
    pack.write_text(
        '[[sources]]\nid = "odd"\nlanguage = "en"\n\n'
        '[[statements]]\nid = "odd-1"\ntext = "=HYPERLINK(\\"x\\") [bold]not bold[/bold]"\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "odd"\n'
    )
    table = cli("--facts", str(pack), "show", "odd-1", "--format", "table", "--color", "always")
    assert "[bold]not bold[/bold]" in table.stdout
    rows = list(
        csv.reader(
            io.StringIO(cli("--facts", str(pack), "show", "odd-1", "--format", "csv").stdout)
        )
    )
    assert rows[1][-1].startswith("'=HYPERLINK")


def test_completion_scripts(cli):
    for shell in ("bash", "zsh", "fish"):
        result = cli("completion", shell)
        assert result.code == 0 and "_BELARUS_NATO_COMPLETE" in result.stdout


def test_name_completion(sh):
    proc = sh(
        "belarus-nato query --actor Cu",
        env={
            "_BELARUS_NATO_COMPLETE": "bash_complete",
            "COMP_WORDS": "belarus-nato query --actor Cu",
            "COMP_CWORD": "3",
        },
    )
    assert b"plain,cuba\n" in proc.stdout  # names complete to ids: nothing to quote


# -- pipes ---------------------------------------------------------------------------------


def test_head_closes_the_pipe_quietly(sh):
    proc = sh("set -o pipefail; belarus-nato query --actor belarus | head -1")
    assert proc.returncode == 0  # the tool's own status, not just head's
    assert proc.stdout.count(b"\n") == 1
    assert proc.stderr == b""


def test_no_escape_codes_when_piped(sh):
    proc = sh("belarus-nato query --actor NATO | cat")
    assert proc.returncode == 0 and b"\x1b" not in proc.stdout and proc.stdout


def test_exit_codes_as_a_process(sh):
    assert sh("belarus-nato query --actor Cuba").returncode == 0
    assert sh("belarus-nato query --actor Cuba --since 2030").returncode == 1
    assert sh("belarus-nato query --actor Nowhere").returncode == 2
    assert sh("belarus-nato query --bogus").returncode == 2


def test_timeline_text_is_headed_by_year_and_month(cli):
    lines = cli("timeline", "--actor", "Cuba", "--format", "text").lines
    assert "January 2024" in lines
    assert any(
        line.startswith("  about 29 Jan 2024 [2024-01-29?]  Viktor Khrenin: Khrenin called Cuba")
        for line in lines
    )
    assert lines[lines.index("undated") + 1].startswith("  ")


@pytest.mark.parametrize(
    "command",
    [
        "query",
        "ask",
        "show",
        "timeline",
        "actors",
        "speakers",
        "topics",
        "sources",
        "validate",
        "schema",
        "index",
        "completion",
    ],
)
def test_every_command_has_help(cli, command):
    result = cli(command, "--help")
    assert result.code == 0 and result.stdout.startswith(f"Usage: belarus-nato {command}")
    top = cli("--help").stdout
    assert f"  {command} " in top


@pytest.mark.parametrize("args", [[], ["show"], ["ask"], ["completion"]])
def test_missing_arguments_show_help_not_a_hang(cli, args):
    result = cli(*args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("Usage: belarus-nato")


@pytest.mark.parametrize(
    "args",
    [
        ["query", "--actor", "NATO"],
        ["query", "--text", "military cooperation"],
        ["query", "--since", "2021", "--until", "2023", "--sort", "id"],
        ["timeline", "--actor", "Cuba"],
    ],
)
def test_ids_are_the_records_ids_in_the_same_order(cli, args):
    ids = cli(*args, "--format", "ids").lines
    records = json.loads(cli(*args, "--format", "json").stdout)
    assert ids and ids == [r["id"] for r in records]


# every field the plain columns give (score comes only with --text)
FLAT = ",".join(name for name, f in STATEMENT_FIELDS.items() if f.flat and name != "score")


@pytest.mark.parametrize(
    ("args", "fields"),
    [
        (["query"], FLAT),
        (["query", "--text", "military cooperation"], FLAT + ",score"),
        (["timeline", "--actor", "Cuba"], "period," + FLAT),
    ],
)
@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_plain_columns_read_without_the_record_match_the_full_record(cli, args, fields, fmt):
    # Columns that SQLite can read alone take a faster path than those needing the whole
    # record (actors here): the shared columns must come out the same either way.
    fast = cli(*args, "--fields", fields, "--format", fmt).lines
    full = cli(*args, "--fields", fields + ",actors", "--format", fmt).lines
    sep = "\t" if fmt == "tsv" else ","
    assert len(fast) == len(full) > 1
    for a, b in zip(fast, full, strict=True):
        if fmt == "tsv":
            assert b.split(sep)[:-1] == a.split(sep)
        else:
            assert next(csv.reader([b]))[:-1] == next(csv.reader([a]))
