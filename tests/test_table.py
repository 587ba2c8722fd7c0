"""The terminal table: fits the width, never drops or crops a word, aligns wide characters."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belarus_nato_cli.output.formats import Listing, simple_fields
from belarus_nato_cli.output.table import cell_width, column_widths, wrap, write_table

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _words(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("columns", [50, 80, 120, 200])
def test_table_fits_the_terminal_and_keeps_every_word(cli, columns):
    table = cli("query", "--actor", "NATO", "--format", "table", env={"COLUMNS": str(columns)})
    assert table.code == 0
    assert all(cell_width(line) <= columns for line in table.lines)
    body = _words(table.stdout)
    for text in cli("query", "--actor", "NATO", "--fields", "text", "--format", "tsv").lines:
        # folded words continue on the next line of their cell: each word is still there
        for word in text.split():
            assert word in table.stdout or word[:8] in body


def test_ids_are_not_broken_on_an_ordinary_terminal(cli):
    ids = cli("query", "--actor", "NATO", "--format", "ids").lines
    table = cli("query", "--actor", "NATO", "--format", "table", env={"COLUMNS": "100"})
    first_column = {line.split("  ")[0] for line in table.lines[2:] if line[:1].strip()}
    assert first_column == set(ids)


def test_colour_only_when_asked_and_only_around_text(cli):
    plain = cli("query", "--actor", "Cuba", "--format", "table", "--color", "never")
    coloured = cli("query", "--actor", "Cuba", "--format", "table", "--color", "always")
    assert "\x1b" not in plain.stdout
    assert ANSI.sub("", coloured.stdout) == plain.stdout


def test_timeline_table_separates_periods_and_names_each_once(cli):
    table = cli("timeline", "--actor", "Cuba", "--format", "table", env={"COLUMNS": "160"})
    periods = [line.split()[0] for line in table.lines[2:] if line[:1].strip()]
    assert periods == sorted(set(periods))  # each period is named once, in order
    assert "" in table.lines[2:]  # a blank line between periods


def test_wide_characters_are_measured_as_two_columns(tmp_path, cli):
    text = "北大西洋公约组织" * 6 + " 与白俄罗斯 and NATO"
    pack = tmp_path / "cjk.toml"
    pack.write_text(
        '[[sources]]\nid = "cjk"\nlanguage = "zh"\n\n'
        f'[[statements]]\nid = "cjk-1"\ntext = "{text}"\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "cjk"\n'
    )
    table = cli("--facts", str(pack), "show", "cjk-1", "--format", "table", env={"COLUMNS": "60"})
    assert cell_width("北约") == 4 and cell_width("e\u0301") == 1
    assert table.code == 0 and len(table.lines) > 3  # folded over several lines
    assert all(cell_width(line) <= 60 for line in table.lines)
    assert _words(text) in _words(table.stdout)  # the folds, read in order, give the text


@settings(max_examples=200)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))),
    st.integers(1, 40),
)
def test_wrap_fits_and_loses_nothing(text, width):
    lines = wrap(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    # a line only exceeds the width when one character is wider than the whole column
    assert all(cell_width(line) <= max(width, 2) for line in lines)


@settings(max_examples=200)
@given(
    st.lists(
        st.lists(
            st.text(st.characters(codec="ascii", min_codepoint=32), max_size=60),
            min_size=3,
            max_size=3,
        ),
        max_size=8,
    ),
    st.integers(50, 200),
)
def test_columns_share_the_width(rows, width):
    fields = ["id", "name", "text"]
    widths = column_widths(fields, rows, width)
    assert sum(widths) + 2 * (len(fields) - 1) <= width
    out = io.StringIO()
    records = [dict(zip(fields, r, strict=True)) for r in rows]
    listing = Listing(records, simple_fields(fields), fields, "entity")
    assert write_table(listing, fields, out, color=False, width=width) == len(rows)
    assert all(cell_width(line) <= width for line in out.getvalue().splitlines())
