"""Date filters as an analyst reads them: what happened or was said in a window.

By default a point or partial date matches when it can fall in the window, an interval by its
start, and an open or unknown start never; --overlapping takes whatever overlaps the window;
--said filters on when a statement was said."""

from __future__ import annotations

import json

import pytest

# A small pack with one statement for each kind of date (no embedded facts).
DATED = {
    "day": ('about = "2023-08-15"', ""),
    "month": ('about = "2023-08?"', ""),
    "year": ('about = "2023"', ""),
    "ongoing-2021": ('about = "2021-11/.."', ""),
    "ongoing-aug": ('about = "2023-08-10/.."', ""),
    "ended-2022": ('about = "2022-02-24/2022-12-26?"', ""),
    "end-unknown": ('about = "2023-08-18/"', ""),
    "open-start": ('about = "../2023-09"', ""),
    "said-range": ("", 'said = "2021-11/2025-03?"'),
    "said-open": ("", 'said = "../2025-03?"'),
    "said-2025": ('about = "2021-11"', 'said = "2025-06-26"'),
    "said-aug": ('about = "2022"', 'said = "2023-08-01"'),
    "undated": ("", ""),
}


@pytest.fixture
def pack(tmp_path):
    parts = ['[[sources]]\nid = "src"\nlanguage = "en"\npublisher = "Src"\n']
    for sid, (about, said) in DATED.items():
        parts.append(
            f'[[statements]]\nid = "{sid}"\ntext = "Statement {sid}."\n'
            'attribution = "author_assertion"\ncertainty = "certain"\n'
            f"{about}\n{said}\n"
            '[[statements.evidence]]\nsource = "src"\nlocator = "here"\n'
        )
    path = tmp_path / "dated.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@pytest.fixture
def found(cli, pack):
    def run(*args: str) -> set[str]:
        result = cli("--no-embedded", "--facts", str(pack), "query", *args, "--format", "ids")
        assert result.code in (0, 1), result.stderr
        return set(result.lines)

    return run


def test_a_window_takes_points_that_can_fall_in_it_and_intervals_by_their_start(found):
    assert found("--on", "2023-08") == {"day", "month", "year", "ongoing-aug", "end-unknown"}
    assert found("--on", "2023-08-15") == {"day", "month", "year"}
    assert found("--on", "2021-11") == {"ongoing-2021", "said-2025"}


def test_overlapping_adds_the_states_that_only_overlap(found):
    got = found("--on", "2023-08", "--overlapping")
    assert got == {
        "day",
        "month",
        "year",
        "ongoing-aug",
        "end-unknown",
        "ongoing-2021",
        "open-start",
        "said-range",
        "said-open",
    }
    assert "ended-2022" not in got  # it ended in December 2022


def test_an_open_or_unknown_start_never_matches_by_default(found):
    for window in ("1990", "2020", "2023-09", "2025-03"):
        assert not found("--on", window) & {"open-start", "said-open"}
    assert found("--on", "1990") == set()
    assert "open-start" in found("--on", "1990", "--overlapping")


def test_a_said_range_matches_only_a_window_that_holds_all_of_it(found):
    """A moment known only to lie between Nov 2021 and Mar 2025 was not "said in 2023"."""
    assert "said-range" not in found("--on", "2021-11-23")
    assert "said-range" not in found("--since", "2025")
    assert "said-range" in found("--since", "2021", "--until", "2025")


def test_said_filters_on_when_it_was_said(found):
    assert found("--said", "--since", "2025") == {"said-2025"}
    assert found("--said", "--on", "2023-08") == {"said-aug"}
    assert found("--said", "--since", "2025", "--overlapping") == {
        "said-2025",
        "said-range",
        "said-open",
    }
    # by default the time a statement is about decides, not when it was said
    assert "said-aug" not in found("--on", "2023-08")


def test_the_notes_say_what_was_left_out_and_how_to_widen(cli, pack):
    base = ["--no-embedded", "--facts", str(pack), "query"]
    result = cli(*base, "--said", "--since", "2025")
    assert "9 statements with no date said left out by the date filter" in result.stderr
    empty = cli(*base, "--on", "1990")
    assert empty.code == 1 and "--overlapping" in empty.stderr


def test_the_timeline_files_an_interval_under_its_start(cli, pack):
    result = cli(
        "--no-embedded",
        "--facts",
        str(pack),
        "timeline",
        "--fields",
        "period,id",
        "--format",
        "tsv",
    )
    rows = dict(reversed(line.split("\t")) for line in result.lines)
    assert rows["ongoing-2021"] == "2021-11"
    assert rows["ended-2022"] == "2022-02"
    assert rows["said-range"] == "2021-11"
    assert rows["open-start"] == "2023-09"  # only its end is known
    said = cli(
        "--no-embedded",
        "--facts",
        str(pack),
        "timeline",
        "--said",
        "--fields",
        "period,id",
        "--format",
        "tsv",
    )
    assert dict(reversed(line.split("\t")) for line in said.lines)["said-aug"] == "2023-08"


# -- the embedded facts, as the issue's checks -----------------------------------------------


def test_on_1990_finds_nothing(cli):
    result = cli("query", "--on", "1990")
    assert result.code == 1 and result.stdout == ""


def test_august_2023_lists_the_events_of_august_not_older_states(cli):
    records = json.loads(cli("query", "--on", "2023-08", "--format", "json").stdout)
    dates = {r["id"]: r["about"] or r["said"] for r in records}
    assert "kaminski-wagner-must-leave" in dates and "lithuania-closes-two-crossings" in dates
    for sid, date in dates.items():
        assert date.startswith("2023"), (sid, date)
    wider = set(cli("query", "--on", "2023-08", "--overlapping", "--format", "ids").lines)
    assert {"a000-relations-suspended", "nato-condemns-complicity"} <= wider
    assert set(dates) < wider


def test_said_since_2025_lists_what_was_said_from_2025_on(cli):
    everything = json.loads(cli("query", "--format", "json").stdout)
    expected = {r["id"] for r in everything if r["said"] and r["said"][:4] >= "2025"}
    said = json.loads(cli("query", "--said", "--since", "2025", "--format", "json").stdout)
    assert expected and {r["id"] for r in said} == expected


# -- dates in words next to EDTF, on screen only ----------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "moment", "words"),
    [
        ("2021-11/..", False, "since Nov 2021"),
        ("2023-07-29?", False, "about 29 Jul 2023"),
        ("../2025-03", True, "before Mar 2025"),
        ("../2025-03", False, "until Mar 2025"),
        ("2023-08-18/", False, "from 18 Aug 2023 (end unknown)"),
        ("2021-11/2025-03?", True, "between Nov 2021 and about Mar 2025"),
        ("2022-02-24/2022-12-26?", False, "24 Feb 2022 to about 26 Dec 2022"),
        ("201X", False, "the 2010s"),
        ("2023~", False, "about 2023"),
        ("2023", False, ""),  # a bare year says nothing more in words
    ],
)
def test_date_words(edtf, moment, words):
    from belarus_nato_cli.edtf import short_date

    assert short_date(edtf, moment) == words


def test_show_and_timeline_give_dates_in_words_beside_the_edtf(cli):
    shown = cli("show", "a000-relations-suspended", "zerkalo-minimal-contacts", "--format", "text")
    assert "  about:       since Nov 2021 [2021-11/..]\n" in shown.stdout
    assert "  said:        between Nov 2021 and about Mar 2025 [2021-11/2025-03?]\n" in shown.stdout
    timeline = cli("timeline", "--speaker", "Revenko", "--format", "text").stdout
    assert "  since Nov 2021 [2021-11/..]  Valery Revenko: Revenko says relations" in timeline


def test_a_table_gives_dates_in_words_and_tsv_csv_json_keep_edtf(cli):
    args = ("query", "--speaker", "Revenko", "--on", "2021-11")
    table = cli(*args, "--format", "table", env={"COLUMNS": "300"}).stdout
    assert "2021-11/.. (since Nov 2021)" in table
    tsv = cli(*args, "--fields", "id,date,about", "--format", "tsv").lines
    assert "a000-relations-suspended\t2021-11/..\t2021-11/.." in tsv
    csv_out = cli(*args, "--fields", "id,date", "--format", "csv").stdout
    assert "since" not in csv_out and "2021-11/.." in csv_out
    records = json.loads(cli(*args, "--format", "json").stdout)
    assert {r["about"] for r in records} == {"2021-11/.."}


@pytest.mark.slow
def test_the_issues_checks_through_the_installed_command(sh):
    """The checks as a user runs them: the installed entry point, real pipes and exit codes."""
    assert sh("belarus-nato query --on 1990").returncode == 1
    august = sh("belarus-nato query --on 2023-08 --format ids").stdout.decode().split()
    wider = sh("belarus-nato query --on 2023-08 --overlapping --format ids").stdout.decode().split()
    assert "kaminski-wagner-must-leave" in august and "a000-relations-suspended" not in august
    assert "a000-relations-suspended" in wider and "nato-condemns-complicity" in wider
    said = sh("belarus-nato query --said --since 2025 --fields said --format tsv")
    assert said.returncode == 0 and all(d.startswith("2025") for d in said.stdout.decode().split())
    tass = sh("belarus-nato query --publisher TASS --fields sources --format tsv")
    assert set(tass.stdout.decode().split()) == {
        "tass-2021-11-23",
        "tass-2022-12-26",
        "tass-2023-08-31",
        "tass-ru-2025-11-23",
    }
    cuba = sh("belarus-nato query --actor Cuba --fields id,publisher,published,url --format tsv")
    rows = [line.split("\t") for line in cuba.stdout.decode().splitlines()]
    assert rows and all(len(r) == 4 for r in rows)
    assert rows[0][:3] == ["khrenin-cuba-partners", "Granma (German edition)", "2024-01-30?"]


def test_a_wide_date_added_by_an_update_is_still_found(cli, pack, tmp_path, monkeypatch):
    """The index scan of a date filter starts a span before the window; a statement whose
    date is wider than any before (a decade) widens that span, also in an update."""
    from belarus_nato_cli.index import update

    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)  # an update, not a whole build
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "a.toml").write_text(pack.read_text(encoding="utf-8"), encoding="utf-8")
    base = ["--no-embedded", "--facts", str(folder), "query"]
    assert "day" in cli(*base, "--on", "2023-08-15", "--format", "ids").lines
    (folder / "b.toml").write_text(
        '[[statements]]\nid = "decade"\ntext = "Some time in the 2010s."\n'
        'attribution = "author_assertion"\ncertainty = "certain"\nabout = "201X"\n'
        '[[statements.evidence]]\nsource = "src"\nlocator = "here"\n',
        encoding="utf-8",
    )
    updated = cli("--no-embedded", "--facts", str(folder), "index")
    assert "state\trebuilt in part (1 of 2 files read again)" in updated.lines
    assert cli(*base, "--on", "2019-06", "--format", "ids").lines == ["decade"]
