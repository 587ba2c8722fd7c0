"""Bad input and hostile text: one-line errors, exit 2, nothing on stdout, nothing executed."""

from __future__ import annotations

import csv
import io
import json

import pytest

BIG = "x" * 1_000_000


def assert_usage_error(result, fragment: str = "") -> None:
    assert result.code == 2, (result.code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("belarus-nato: error: "), result.stderr
    assert len(lines[0]) < 400  # never echoes an enormous argument back
    assert fragment in lines[0]


BAD_INPUTS = {
    "month 13": ["query", "--since", "2021-13"],
    "30 February": ["query", "--on", "2021-02-30"],
    "five digits": ["query", "--until", "20211"],
    "empty date": ["query", "--on", ""],
    "full-width digits": ["query", "--since", "２０２１"],
    "date with NUL": ["query", "--since", "2021\x00"],
    "unknown actor": ["query", "--actor", "Atlantis"],
    "ambiguous topic": ["query", "--topic", "b"],
    "empty actor": ["query", "--actor", ""],
    "blank speaker": ["query", "--speaker", "   "],
    "enormous actor": ["query", "--actor", BIG],
    "enormous topic": ["query", "--topic", BIG],
    "enormous source": ["query", "--source", BIG],
    "NUL in name": ["query", "--actor", "NA\x00TO"],
    "control characters in name": ["query", "--actor", "\x1b[31mred\x07"],
    "right-to-left mark in unknown name": ["query", "--actor", "\u202eOTAN-X"],
    "unknown id": ["show", "no-such-statement"],
    "enormous id": ["show", BIG],
    "empty id": ["show", ""],
    "negative limit": ["query", "--limit", "-1"],
    "unknown format": ["query", "--format", "xml"],
    "unknown field": ["query", "--fields", "id,colour"],
    "fields with json": ["query", "--format", "json", "--fields", "id"],
    "unknown option": ["query", "--colour", "red"],
    "unknown command": ["frobnicate"],
    "empty question": ["ask", ""],
    "enormous question": ["ask", BIG],
    "top zero": ["ask", "NATO?", "--top", "0"],
    "unknown shell": ["completion", "tcsh"],
    "wordless text": ["query", "--text", "*"],
    "empty date window": ["query", "--since", "2024", "--until", "2023"],
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_empty_stdout(cli, case):
    assert_usage_error(cli(*BAD_INPUTS[case]))


def test_unknown_names_are_shown_escaped(cli):
    result = cli("query", "--actor", "\x1b[31mred")
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_right_to_left_marks_are_ignored_in_names(cli):
    assert (
        cli("query", "--actor", "\u202eNATO", "--format", "ids").lines
        == cli("query", "--actor", "NATO", "--format", "ids").lines
    )


def test_non_utf8_stdin_for_show(cli):
    assert_usage_error(cli("show", "-", input=b"a000-limited-contacts\n\xff\xfe\n"), "not UTF-8")


@pytest.mark.parametrize(
    "text",
    [
        '"',
        'unbalanced "quote',
        "NEAR(",
        "NEAR(a b",
        "*",
        "a*",
        "AND OR",
        "col:word",
        "text:nato",
        "-",
        "- nato",
        "^nato",
        "nato)",
        "(",
        "{text}: nato",
        "'; DROP TABLE statements; --",
    ],
)
def test_fts_syntax_is_plain_words(cli, text):
    for args in (["query", "--text", text], ["ask", text]):
        result = cli(*args)
        assert result.code in (0, 1, 2), result.stderr
        assert "fts5" not in result.stderr.lower() and "sql" not in result.stderr.lower()
        assert "internal error" not in result.stderr
    # the index is untouched
    assert cli("query", "--actor", "NATO").code == 0


def test_operator_words_are_searched_as_words(cli, tmp_path):
    pack = tmp_path / "words.toml"
    pack.write_text(
        '[[sources]]\nid = "w"\nlanguage = "en"\n\n[[statements]]\nid = "w-1"\n'
        'text = "Talks NEAR the border AND beyond OR not."\nattribution = "author_assertion"\n'
        'certainty = "certain"\n[[statements.evidence]]\nsource = "w"\n'
    )
    result = cli("--facts", str(pack), "query", "--text", "NEAR AND OR", "--format", "ids")
    assert result.lines == ["w-1"]


HOSTILE = (
    "Red \x1b[31malert\x1b[0m, a link \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\, "
    "a bell\x07, a carriage\rreturn, C1 \x9b2J, bidi \u202eevil\u202c and [bold]markup[/bold]"
)


@pytest.fixture
def hostile_pack(tmp_path):
    pack = tmp_path / "hostile.jsonl"
    records = [
        {"type": "source", "id": "h", "language": "en", "title": "Evil \x1b[2J title"},
        {"type": "entity", "id": "evil", "kind": "group", "name": "Evil \x1b[5mblink\x1b[0m group"},
        {
            "type": "statement",
            "id": "h-1",
            "text": HOSTILE,
            "speaker": "evil",
            "speaker_title": "=cmd|' /C calc'!A0",
            "attribution": "author_assertion",
            "certainty": "certain",
            "evidence": [{"source": "h", "quote": "@SUM(1+1)"}],
            "notes": ["+1 formula", "-2 formula"],
        },
    ]
    pack.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return pack


@pytest.mark.parametrize("fmt", ["table", "text", "tsv", "ids"])
def test_no_control_character_reaches_the_terminal(cli, hostile_pack, fmt):
    result = cli("--facts", str(hostile_pack), "show", "h-1", "--format", fmt, "--color", "always")
    out = result.stdout
    for bad in ("\x1b]", "\x1b[31m", "\x1b[2J", "\x1b[5m", "\x07", "\r", "\x9b", "\u202e"):
        assert bad not in out, (fmt, repr(bad))
    if fmt != "ids":
        assert "\\x1b" in out and "[bold]markup[/bold]" in out


def test_json_round_trips_every_string_exactly(cli, hostile_pack):
    result = cli("--facts", str(hostile_pack), "show", "h-1", "--format", "json")
    record = json.loads(result.stdout)[0]
    assert record["text"] == HOSTILE
    assert record["speaker"]["name"] == "Evil \x1b[5mblink\x1b[0m group"
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout  # escaped, not raw


def test_csv_neutralises_formulas_and_round_trips(cli, hostile_pack):
    result = cli(
        "--facts",
        str(hostile_pack),
        "show",
        "h-1",
        "--format",
        "csv",
        "--fields",
        "id,title,quotes,notes,text",
    )
    header, row = list(csv.reader(io.StringIO(result.stdout)))
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == "'=cmd|' /C calc'!A0"
    assert cells["quotes"] == "'@SUM(1+1)"
    assert cells["notes"] == "'+1 formula | -2 formula"
    assert cells["text"] == HOSTILE  # piped CSV keeps the data exactly


def test_tsv_keeps_one_record_a_line(cli, hostile_pack):
    result = cli("--facts", str(hostile_pack), "show", "h-1", "--format", "tsv")
    assert len(result.lines) == 1 and len(result.lines[0].split("\t")) == 5


def test_ask_output_is_inert(cli, hostile_pack):
    result = cli("--facts", str(hostile_pack), "ask", "evil alert link bell")
    assert result.code == 0
    assert "\x1b" not in result.stdout and "\r" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        "query --actor $'\\xff\\xfe'",
        "query --speaker $'Rev\\xffenko'",
        "query --topic $'\\xff'",
        "query --source $'article\\xff'",
        "show $'a000\\xff'",
        "ask $'why\\xff?' --format json",
    ],
)
def test_arguments_that_are_not_utf8_are_usage_errors(sh, args):
    proc = sh(f"belarus-nato {args}")
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].endswith("is not valid UTF-8 text")
    assert "\\udcff" in lines[0]
