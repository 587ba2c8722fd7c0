"""`validate` and `--facts`: every kind of mistake in a fact pack is one clear line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

SOURCE_TEXT = "Alpha beta gamma delta. Epsilon zeta eta theta iota kappa."

VALID = """
[[sources]]
id = "src"
language = "en"
length = {length}
file = "src.txt"
sha256 = "{sha}"

[[entities]]
id = "ent"
kind = "state"
name = "Entland"

[[topics]]
id = "top"
label = "Topical"

[[statements]]
id = "st-1"
text = "Entland says something."
speaker = "ent"
attribution = "direct_quote"
certainty = "certain"
topics = ["top"]
about = "2021-11"
[[statements.evidence]]
source = "src"
start = 6
end = 16
quote = "beta gamma"
"""


def pack(tmp_path: Path, body: str | None = None, **replace: str) -> Path:
    text = body if body is not None else VALID
    text = text.replace("{length}", str(len(SOURCE_TEXT)))
    text = text.replace("{sha}", hashlib.sha256(SOURCE_TEXT.encode()).hexdigest())
    for old, new in replace.items():
        old = old.replace("__", " ")
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return path


def test_a_valid_pack_passes(cli, tmp_path):
    path = pack(tmp_path)
    result = cli("validate", str(path), "--source-dir", str(tmp_path))
    assert result.code == 0, result.stdout
    assert result.stdout == ""


CASES = {
    "toml syntax": (
        {'certainty = "certain"': "certainty = certain"},
        ": -: -: ",
        "TOML syntax error: Invalid value (at line",
    ),
    "unknown key": (
        {'text = "Entland': 'colour = "red"\ntext = "Entland'},
        "statement st-1: colour",
        "Extra inputs are not permitted",
    ),
    "wrong type": (
        {"start = 6": 'start = "6"'},
        "statement st-1: evidence[0].start",
        "valid integer",
    ),
    "bad date": (
        {'about = "2021-11"': 'about = "2021-13"'},
        "statement st-1: about",
        "month 13 is not 01-12",
    ),
    "impossible day": (
        {'about = "2021-11"': 'about = "2021-02-30"'},
        "statement st-1: about",
        "has no day 30",
    ),
    "dangling speaker": (
        {'speaker = "ent"': 'speaker = "nobody"'},
        "statement st-1: speaker",
        "unknown entity 'nobody'",
    ),
    "dangling topic": (
        {'topics = ["top"]': 'topics = ["nope"]'},
        "statement st-1: topics[0]",
        "unknown topic 'nope'",
    ),
    "dangling source": (
        {'source = "src"': 'source = "elsewhere"'},
        "statement st-1: evidence[0].source",
        "unknown source",
    ),
    "offset out of range": (
        {"start = 6\nend = 16": "start = 100\nend = 110"},
        "statement st-1: evidence[0].end",
        "past the end",
    ),
    "offsets vs quote": ({"end = 16": "end = 17"}, "statement st-1: evidence", "offsets span"),
    "long quote": (
        {'quote = "beta gamma"': 'quote = "' + " ".join(["w"] * 13) + '"'},
        "statement st-1: evidence",
        "at most 12",
    ),
    "hedged but certain": (
        {'topics = ["top"]': 'topics = ["top"]\nhedges = ["might"]'},
        "statement st-1",
        "cannot be certain",
    ),
    "bad id": ({'id = "st-1"': 'id = "St 1"'}, "statement St 1: id", "should match pattern"),
    "unknown section": ({"[[topics]]": "[[topicz]]"}, "topicz", "unknown section"),
    "link to missing statement": (
        {
            'topics = ["top"]': 'topics = ["top"]\nlinks = [{ kind = "corroborates", '
            'target = "st-404", reason = "same" }]'
        },
        "statement st-1: links[0].target",
        "unknown statement 'st-404'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_mistake_is_reported_on_its_own_line(cli, tmp_path, case):
    replace, where, message = CASES[case]
    path = pack(tmp_path, **replace)
    result = cli("validate", str(path))
    assert result.code == 1
    matching = [line for line in result.lines if where in line and message in line]
    assert matching, result.stdout
    assert all(line.startswith(str(path)) for line in result.lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_duplicate_ids_name_the_first_definition(cli, tmp_path):
    path = pack(tmp_path)
    (tmp_path / "second.toml").write_text(
        '[[entities]]\nid = "ent"\nkind = "group"\nname = "Again"\n'
    )
    result = cli("validate", str(tmp_path))
    assert result.code == 1
    assert any("entity ent: id: duplicate id (first defined in" in line for line in result.lines)
    assert str(path) in result.stdout


def test_a_duplicate_names_the_file_and_line_of_the_first_definition(cli, tmp_path):
    def statement(sid: str) -> str:
        return json.dumps(
            {
                "type": "statement",
                "id": sid,
                "text": "A claim.",
                "attribution": "author_assertion",
                "certainty": "certain",
                "evidence": [{"source": "s"}],
            }
        )

    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps({"type": "source", "id": "s", "language": "en"})
        + "\n"
        + "\n".join(statement(sid) for sid in ("one", "two", "three"))
        + "\n"
    )
    second = tmp_path / "b.jsonl"
    second.write_text(statement("four") + "\n" + statement("two") + "\n")
    (tmp_path / "c.toml").write_text('[[sources]]\nid = "s"\nlanguage = "en"\n')
    result = cli("validate", str(tmp_path))
    assert result.code == 1
    assert sorted(result.lines) == [
        f"{second}:2: statement two: id: duplicate id (first defined in {first}:3)",
        f"{tmp_path / 'c.toml'}: source s: id: duplicate id (first defined in {first}:1)",
    ]


def test_every_problem_is_reported_not_just_the_first(cli, tmp_path):
    path = pack(
        tmp_path, **{'speaker = "ent"': 'speaker = "x"', 'topics = ["top"]': 'topics = ["y"]'}
    )
    result = cli("validate", str(path))
    assert len(result.lines) == 2


def test_quote_must_equal_the_source_text(cli, tmp_path):
    path = pack(tmp_path, **{'quote = "beta gamma"': 'quote = "beta GAMMA"'})
    result = cli("validate", str(path), "--source-dir", str(tmp_path))
    assert result.code == 1
    assert "evidence[0].quote: does not match the source text at 6-16" in result.stdout


def test_a_whole_sentence_is_not_evidence(cli, tmp_path):
    path = pack(
        tmp_path,
        **{
            "start = 6\nend = 16": "start = 0\nend = 23",
            'quote = "beta gamma"': 'quote = "Alpha beta gamma delta."',
        },
    )
    result = cli("validate", str(path), "--source-dir", str(tmp_path))
    assert result.code == 1
    assert "is a whole sentence" in result.stdout


def test_source_checksum_is_checked(cli, tmp_path):
    path = pack(tmp_path)
    (tmp_path / "src.txt").write_text(SOURCE_TEXT + " changed", encoding="utf-8")
    result = cli("validate", str(path), "--source-dir", str(tmp_path))
    assert result.code == 1
    assert "source src: sha256: " in result.stdout


def test_missing_file_and_wrong_suffix(cli, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x")
    result = cli("validate", str(tmp_path / "absent.toml"), str(other))
    assert result.code == 1
    assert result.lines == [
        f"{tmp_path / 'absent.toml'}: -: -: no such file or folder",
        f"{other}: -: -: not a fact file (expected .toml or .jsonl)",
    ]


def test_non_utf8_file(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(b'[[entities]]\nid = "e"\nkind = "state"\nname = "\xff"\n')
    result = cli("validate", str(path))
    assert result.code == 1
    assert "not UTF-8 text (byte 0xff" in result.stdout


def test_non_utf8_json_lines_are_reported_whatever_their_type(cli, tmp_path):
    source = {"type": "source", "id": "s", "language": "en"}
    statement = (
        b'{"type": "statement", "id": "x", "text": "caf\xe9", "attribution": "author_assertion",'
        b' "certainty": "certain", "evidence": [{"source": "s"}]}\n'
    )
    entity = b'{"type": "entity", "id": "e", "kind": "state", "name": "\xff"}\n'
    path = tmp_path / "pack.jsonl"
    path.write_bytes(json.dumps(source).encode() + b"\n" + statement + entity)
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.lines == [  # in line order, though the two passes found them the other way
        f"{path}:2: -: -: not UTF-8 text (byte 0xe9 at 45)",
        f"{path}:3: -: -: not UTF-8 text (byte 0xff at 56)",
    ]
    # and a build refuses the pack the same way, rather than leaving the statement out
    assert cli("--facts", str(path), "query", "--text", "caf").code == 3


def test_json_lines_pack_and_its_errors(cli, tmp_path):
    good = {"type": "entity", "id": "e1", "kind": "state", "name": "One"}
    path = tmp_path / "pack.jsonl"
    path.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"type": "planet", "id": "p"}) + "\n"
    )
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.lines[0].startswith(f"{path}:2: -: -: JSON syntax error")
    assert result.lines[1].startswith(f"{path}:3: p: type: must be one of")


def test_bom_and_crlf_are_accepted(cli, tmp_path):
    path = pack(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("validate", str(path), "--source-dir", str(tmp_path))
    assert result.code == 0, result.stdout


def test_bad_usage_is_exit_2(cli, tmp_path):
    result = cli("validate", "--source-dir", str(tmp_path / "missing"))
    assert result.code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_invalid_pack_given_to_a_query_is_exit_3_with_the_same_lines(cli, tmp_path):
    path = pack(tmp_path, **{'speaker = "ent"': 'speaker = "nobody"'})
    result = cli("--facts", str(path), "query", "--actor", "NATO")
    assert result.code == 3
    assert result.stdout == ""
    assert f"{path}: statement st-1: speaker: unknown entity 'nobody'" in result.stderr
    assert "Traceback" not in result.stderr
    # the embedded facts are unaffected
    assert cli("query", "--actor", "NATO").code == 0


def test_schema_is_json_schema_for_the_files(cli):
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["properties"]) == {"sources", "entities", "topics", "statements", "lexicon"}
    records = [schema["$defs"][name] for name in ("Source", "Entity", "Statement")]
    assert all("type" not in record["properties"] for record in records)  # TOML has no type
    line = json.loads(cli("schema", "--line").stdout)
    kinds = {"source", "entity", "topic", "statement", "lexicon"}
    assert set(line["discriminator"]["mapping"]) == kinds
    variants = [line["$defs"][v["$ref"].rsplit("/", 1)[1]] for v in line["oneOf"]]
    assert {v["properties"]["type"]["const"] for v in variants} == kinds
    assert all("type" in v["required"] for v in variants)


def test_a_huge_toml_file_is_refused_with_a_clear_line(cli, tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("w") as fh:
        fh.write("# padding\n" * 1_800_000)  # 18 MB of comments
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.lines == [
        f"{path}: -: -: TOML file too large (18 MB; the limit is 16 MiB):"
        " use JSON Lines for large packs"
    ]
    assert cli("--facts", str(path), "query", "--actor", "NATO").code == 3


def test_an_unreadable_file_and_a_symlink_loop_are_reported(cli, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "gone.toml").symlink_to(tmp_path / "nowhere.toml")  # cannot be opened
    (pack / "loop").symlink_to(pack)  # a folder that contains itself
    (pack / "ok.toml").write_text('[[entities]]\nid = "x"\nkind = "group"\nname = "X"\n')
    result = cli("validate", str(pack))
    assert result.code == 1
    assert any(
        "gone.toml: -: -: cannot read: No such file or directory" in line for line in result.lines
    )
    assert any("symbolic link loop; folder skipped" in line for line in result.lines)
    query = cli("--facts", str(pack), "query", "--actor", "NATO")
    assert query.code == 3 and query.stdout == ""
    assert cli("query", "--actor", "NATO").code == 0  # the embedded facts are unaffected


def test_debug_shows_the_traceback(cli):
    plain = cli("query", "--actor", "Nowhere")
    assert "Traceback" not in plain.stderr
    debug = cli("--debug", "query", "--actor", "Nowhere")
    assert debug.code == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.rstrip().endswith("belarus-nato: error: unknown actor 'Nowhere'")


def test_an_overlong_json_line_is_reported(cli, tmp_path):
    path = tmp_path / "long.jsonl"
    line = json.dumps({"type": "statement", "id": "s", "text": "x" * 1_100_000})
    path.write_text(line + "\n")
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.lines == [f"{path}:1: -: -: line longer than 1 MiB"]
