"""The audit's corrections to the facts, each pinned so it does not come back.

Each test reads the facts as a user does (the CLI, or the SQLite index it documents)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest


@pytest.fixture
def statements(cli) -> dict[str, dict]:
    result = cli("query", "--format", "json")
    assert result.code == 0, result.stderr
    return {s["id"]: s for s in json.loads(result.stdout)}


@pytest.fixture
def sources(cli) -> dict[str, dict]:
    result = cli("sources", "--format", "json")
    assert result.code == 0, result.stderr
    return {s["id"]: s for s in json.loads(result.stdout)}


def _ids(cli, *args: str) -> set[str]:
    return set(cli("query", *args, "--format", "ids").lines)


def _slug_words(url: str) -> list[str]:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    words = slug.split("-")
    while words and words[-1].isdigit():  # the site's article number and year
        words.pop()
    return words


@pytest.mark.parametrize(
    "sid", ["belta-de-2024-02-21", "apa-2023-08-01", "pledgetimes-2023-lithuania", "fmt-2023-07-21"]
)
def test_a_title_read_from_an_address_is_marked_as_a_slug(sources, sid):
    """Fixes 1 and 2: the notes give no headline for these; the title is the address's words,
    marked as such, with nothing added (no guessed umlauts, no invented last word)."""
    title = sources[sid]["title"]
    words, _, mark = title.partition(" (")
    assert mark.startswith("slug") and "no headline in the notes" in mark
    assert words.split() == _slug_words(sources[sid]["url"])


def test_the_german_slug_invents_no_word(sources):
    title = sources["belta-de-2024-02-21"]["title"]
    assert "Spannungen" not in title and not re.search("[äöüÄÖÜ]", title)


def test_nothing_calls_the_fmt_report_wire_copy(sources, statements):
    """Fix 3: the notes say nothing of wire copy."""
    assert "wire" not in sources["fmt-2023-07-21"]["reliability"].lower()
    for sid in ("poland-troops-east", "hoffmann-training-provocation"):
        for ev in statements[sid]["evidence"]:
            assert "wire" not in (ev["locator"] or "").lower(), sid


def test_ryabikhins_claim_ends_when_he_spoke(cli, statements):
    """Fix 4: the claim covers the time up to 26 Dec 2022, not the future."""
    assert statements["ryabikhin-vectors-changed"]["about"] == "2022-02-24/2022-12-26?"
    assert "ryabikhin-vectors-changed" not in _ids(cli, "--on", "2031", "--overlapping")


def test_the_lithuanian_closure_is_not_claimed_to_still_hold(cli, statements):
    """Fix 5: the notes say only "from 18 Aug 2023": the end is unknown, not open."""
    assert statements["lithuania-closes-two-crossings"]["about"] == "2023-08-18/"
    shown = cli("show", "lithuania-closes-two-crossings", "--format", "text").stdout
    assert "end unknown" in shown and "since" not in shown


def test_the_zerkalo_item_has_an_inferred_lower_bound(cli, statements, sources):
    """Fix 6: no official interaction presupposes the November 2021 suspension."""
    assert statements["zerkalo-minimal-contacts"]["said"] == "2021-11/2025-03?"
    assert sources["zerkalo-48541"]["published"] == "2021-11/2025-03?"
    notes = " ".join(statements["zerkalo-minimal-contacts"]["notes"])
    assert "lower bound is inferred from the content" in notes
    assert "autumn 2023" in notes and "not used" in notes
    assert "zerkalo-minimal-contacts" not in _ids(cli, "--on", "1990", "--overlapping")


def test_a_month_from_an_uncertain_address_is_uncertain(statements):
    """Fix 7: the source's own date is 2023-07-21?, so the month is 2023-07?."""
    assert statements["poland-troops-east"]["about"] == "2023-07?"


def test_a_stated_aim_stays_an_aim(statements):
    """Fix 8: the article says the goal is to maintain the openness, not that it exists."""
    text = statements["a000-quiet-openness"]["text"]
    assert "goal is to maintain" in text and "keeps a quiet" not in text


def test_kaminski_spoke_of_every_open_crossing(statements):
    """Fix 9."""
    assert "every open crossing" in statements["kaminski-close-crossings"]["text"]


def test_the_training_named_combat_and_tactical_shooting(statements):
    """Fix 10."""
    assert "combat and tactical shooting" in statements["mod-wagner-instructors"]["text"]


def test_ryabikhins_department_is_international_cooperation(cli):
    """Fix 11: the notes say the "international cooperation department"."""
    path = cli("index", "--path").stdout.strip()
    cli("query", "--format", "ids")  # builds the index
    with sqlite3.connect(path) as conn:
        (record,) = conn.execute(
            "SELECT record FROM entities WHERE id = 'dmitry-ryabikhin'"
        ).fetchone()
    description = json.loads(record)["description"]
    assert "international cooperation department" in description
    assert "international military cooperation" not in description


# -- the debatable calls, as decided ---------------------------------------------------------


def test_rejecting_a_demand_does_not_contradict_that_it_was_made(statements):
    links = statements["lukashenko-demand-foolish"]["links"]
    assert [(x["kind"], x["id"]) for x in links] == [("context", "kaminski-wagner-must-leave")]


def test_a_said_date_is_no_tighter_than_the_notes(statements):
    assert statements["revenko-growth-regions-2025"]["said"] == "2025-11"


def test_a_date_read_from_an_address_is_marked_uncertain(sources):
    assert sources["granma-de-2024-01-30"]["published"] == "2024-01-30?"
    assert sources["news-pravda-2023-08-01"]["published"] == "2023-08-01?"


def test_title_only_contradictions_say_so(statements):
    for link in statements["a000-revenko-describes-approach"]["links"]:
        if link["kind"] == "contradicts":
            assert "Only the title conflicts" in link["reason"]
