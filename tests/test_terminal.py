"""The views for people, as a terminal shows them: run in a pseudo-terminal at several widths,
every id and word of the shown records appears whole and no line is wider than the screen."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len
from terminals import read_until_closed

EXE = str(Path(sys.executable).parent / "belarus-nato")
pytestmark = pytest.mark.slow  # pseudo-terminal runs at five widths
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WIDTHS = [40, 60, 80, 160, 0]


def on_terminal(args: list[str], columns: int, env: dict[str, str] | None = None) -> str:
    """What `belarus-nato ARGS` draws on a terminal `columns` wide (0: one that reports 0);
    stderr's one-line notes go to a pipe, as they are not drawn to the width."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    full_env.update(TERM="xterm", **(env or {}))
    proc = subprocess.Popen(
        [EXE, *args], stdin=terminal, stdout=terminal, stderr=subprocess.PIPE, env=full_env
    )
    os.close(terminal)
    shown = read_until_closed(controller)
    assert proc.wait(timeout=60) == 0, shown.decode()
    os.close(controller)
    return ESCAPES.sub("", shown.decode()).replace("\r\n", "\n")


def piped_json(*args: str) -> list[dict]:
    proc = subprocess.run([EXE, *args, "--format", "json"], capture_output=True, check=True)
    return json.loads(proc.stdout)


def statement_words(r: dict, full: bool = False) -> set[str]:
    """The words a view of the record shows: the listing's columns, or (full) the card's."""
    parts = [r["id"], r["about"] or r["said"] or "", r["certainty"], r["text"]]
    if r["speaker"]:
        parts += [r["speaker"]["name"]]
        if full:
            parts += [r["speaker"]["id"], r["speaker"]["title"] or ""]
    if full:
        parts += [ev["quote"] or "" for ev in r["evidence"]] + r["notes"]
        parts += [f"{x['id']} {x['reason']}" for x in r["links"]]
        parts += [a["name"] for a in r["actors"]] + [t["label"] for t in r["topics"]]
    return {word for part in parts for word in part.split()}


def assert_fits_and_whole(shown: str, columns: int, words: set[str]) -> None:
    width = columns or 80  # a terminal that reports 0 columns is drawn at 80
    lines = shown.splitlines()
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide[:3]
    # a word split over two lines is in no single token (tokens may add brackets or quotes)
    tokens = " ".join(set(shown.split()))
    broken = sorted(w for w in words if not any(w in t for t in tokens.split()))
    assert not broken, broken[:10]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ["query", "--actor", "Cuba"],
        ["query", "--speaker", "Gulevich"],
        ["query", "--actor", "NATO"],
        ["query", "--disputed"],
    ],
)
def test_query_tables_keep_every_id_and_word_whole(args, columns):
    records = piped_json(*args)
    shown = on_terminal(args, columns)
    assert_fits_and_whole(shown, columns, {w for r in records for w in statement_words(r)})


@pytest.mark.parametrize("columns", WIDTHS)
def test_show_cards_keep_every_id_and_word_whole(columns):
    ids = ["a000-revenko-describes-approach", "ryabikhin-unilateral-open-to-dialogue"]
    records = piped_json("show", *ids)
    shown = on_terminal(["show", *ids], columns)
    assert_fits_and_whole(shown, columns, {w for r in records for w in statement_words(r, True)})
    assert "a000-revenko-describes-approach !" in shown  # disputed, marked
    assert "disputed" in shown


@pytest.mark.parametrize("columns", WIDTHS)
def test_timeline_keeps_every_id_and_word_whole(columns):
    args = ["timeline", "--since", "2023-07", "--until", "2023-08"]
    records = piped_json(*args)
    words = {w for r in records for w in statement_words(r)}
    shown = on_terminal([*args, "--format", "table"], columns)
    assert_fits_and_whole(shown, columns, words)
    shown = on_terminal([*args, "--format", "text"], columns)  # no certainty in this view
    assert_fits_and_whole(shown, columns, words - {r["certainty"] for r in records})


@pytest.mark.parametrize("columns", WIDTHS)
def test_catalogues_keep_every_id_and_word_whole(columns):
    records = piped_json("sources")
    shown = on_terminal(["sources"], columns)
    fields = ("id", "published", "publisher", "title", "reliability")
    words = {w for r in records for f in fields for w in str(r[f] or "").split()}
    assert_fits_and_whole(shown, columns, words)


def test_a_terminal_reporting_no_width_is_drawn_at_80_and_columns_overrides():
    zero = on_terminal(["query", "--actor", "NATO"], 0)
    assert max(cell_len(line) for line in zero.splitlines()) in range(70, 81)
    wide = on_terminal(["query", "--actor", "NATO"], 0, env={"COLUMNS": "150"})
    assert max(cell_len(line) for line in wide.splitlines()) in range(120, 151)


def test_too_narrow_for_a_table_the_records_are_stacked():
    narrow = on_terminal(["query", "--speaker", "Gulevich"], 40).splitlines()
    # one block per record, headed by its id, the other fields labelled beneath
    assert "gulevich-nato-suspended-2021-11-23 +" in narrow
    assert any(line.split()[:2] == ["speaker", "Viktor"] for line in narrow if line.strip())
    wide = on_terminal(["query", "--speaker", "Gulevich"], 160).splitlines()
    assert wide[0].split() == ["id", "date", "speaker", "certainty", "text"]


def test_disputed_and_corroborated_are_marked_with_a_legend():
    shown = on_terminal(["query", "--limit", "0"], 160)
    disputed = {r["id"] for r in piped_json("query", "--disputed")}
    corroborated = {r["id"] for r in piped_json("query", "--corroborated")}
    for line in shown.splitlines():
        words = line.split()
        if words and (words[0] in disputed or words[0] in corroborated):
            marks = "".join(w for w in words[1:3] if w in ("!", "+"))
            assert ("!" in marks) == (words[0] in disputed), line
            assert ("+" in marks) == (words[0] in corroborated), line
    assert "! disputed: contradicted by another statement" in shown
    assert "+ corroborated: supported by another statement" in shown


@pytest.mark.parametrize("columns", WIDTHS)
def test_actor_card_keeps_every_id_and_word_whole(columns):
    [profile] = piped_json("actor", "Revenko")
    parts = [profile["id"], profile["name"], profile["description"], *profile["aliases"]]
    for t in profile["titles"]:
        parts += [t["title"], t["source"]]
        if t["disputed"]:
            parts += [t["disputed"]["statement"], t["disputed"]["reason"]]
    shown = on_terminal(["actor", "Revenko"], columns)
    assert_fits_and_whole(shown, columns, {w for part in parts for w in part.split()})


@pytest.mark.parametrize("columns", WIDTHS)
def test_ask_answer_keeps_every_id_and_word_whole(columns):
    question = "When did NATO suspend cooperation with Belarus?"
    proc = subprocess.run(
        [EXE, "ask", question, "--format", "json"], capture_output=True, check=True
    )
    results = json.loads(proc.stdout)["results"]
    shown = on_terminal(["ask", question], columns)
    words = {w for r in results for w in (r["id"] + " " + r["text"]).split()}
    assert_fits_and_whole(shown, columns, words)
    assert "Answer:" in shown


def test_an_address_longer_than_the_terminal_keeps_the_cards_indent():
    # the source's details include its address, longer than 60 columns: it is folded, and
    # the lines around it stay indented under "evidence:" instead of starting at column 0
    shown = on_terminal(["show", "khrenin-cuba-partners"], 60)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown).splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "evidence:")
    block = [line for line in lines[start + 1 : start + 9] if line.strip()]
    assert any("granma.cu" in line for line in block)
    assert all(line.startswith("    ") for line in block), block
