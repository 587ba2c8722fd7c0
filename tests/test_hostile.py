"""Packs from strangers: past every stated limit, and on generated junk, a query ends with
one-line problems naming the file and record, and exit 3; never a traceback or exit 70."""

from __future__ import annotations

import json
import os
import socket
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packs import statement, write_jsonl

from belarus_nato_cli.model.reading import MAX_NESTING

ENTITY = {"type": "entity", "id": "e", "kind": "group", "name": "Example"}
SOURCE = {"type": "source", "id": "s", "language": "en"}


def assert_invalid_data(result, *fragments: str) -> None:
    """Exit 3, nothing on stdout, every stderr line one tool line, the fragments all shown."""
    assert result.code == 3, (result.code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("belarus-nato: ") for line in lines), result.stderr
    assert lines[-1].startswith("belarus-nato: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert any(fragment in line for line in lines), (fragment, result.stderr)


def query(cli, path: Path | str):
    return cli("--no-embedded", "--facts", str(path), "query", "--actor", "e")


def test_toml_nested_100000_brackets_deep(cli, tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert_invalid_data(query(cli, path), f"{path}: -: -: nested more than 32 levels deep")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_json_lines_nested_too_deep(cli, tmp_path, depth):
    path = tmp_path / "deep.jsonl"
    line = json.dumps(ENTITY)[:-1] + ', "notes": ' + "[" * depth + "]" * depth + "}"
    path.write_text(line + "\n")
    assert_invalid_data(query(cli, path), f"{path}:1: -: -: nested more than 32 levels deep")


def test_nesting_within_the_limit_is_judged_by_the_models(cli, tmp_path):
    path = tmp_path / "nested.jsonl"
    line = json.dumps(ENTITY)[:-1] + ', "notes": ' + "[" * 5 + "]" * 5 + "}"
    path.write_text(line + "\n")
    assert_invalid_data(query(cli, path), f"{path}:1: entity e: notes[0]: Input should be")


@pytest.mark.parametrize(
    ("record", "field", "limit"),
    [
        (ENTITY | {"aliases": [f"alias {i}" for i in range(101)]}, "aliases", 100),
        (statement(actors=[{"entity": "e", "role": "subject"}] * 51), "actors", 50),
        (statement(evidence=[{"source": "s"}] * 21), "evidence", 20),
        (statement(topics=[f"t{i}" for i in range(51)]), "topics", 50),
    ],
)
def test_counts_past_their_limits(cli, tmp_path, record, field, limit):
    if record["type"] == "statement":
        path = write_jsonl(tmp_path / "pack.jsonl", ENTITY, SOURCE, record)
        line, name = 3, "statement st"
    else:
        path = write_jsonl(tmp_path / "pack.jsonl", SOURCE, record)
        line, name = 2, "entity e"
    assert_invalid_data(
        query(cli, path), f"{path}:{line}: {name}: {field}: List should have at most {limit} items"
    )


def test_a_number_of_thousands_of_digits(cli, tmp_path):
    toml = tmp_path / "big.toml"
    toml.write_text('[[entities]]\nid = "e"\nkind = "group"\nname = ' + "9" * 5000 + "\n")
    assert_invalid_data(query(cli, toml), f"{toml}: -: -: a number has too many digits")
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text('{"type": "entity", "id": ' + "9" * 5000 + "}\n")
    assert_invalid_data(query(cli, jsonl), f"{jsonl}:1: -: -: a number has too many digits")


def test_a_line_without_end_is_skipped_in_bounded_memory(cli, tmp_path):
    path = tmp_path / "endless.jsonl"
    with path.open("wb") as fh:
        fh.write(b"0" * (3 * 2**20))  # 3 MiB and no line end, as /dev/zero would give
        fh.write(b"\n" + json.dumps(ENTITY).encode() + b"\n")
    result = query(cli, path)
    assert_invalid_data(result, f"{path}:1: -: -: line longer than 1 MiB")
    assert f"{path}:2" not in result.stderr  # the line after it is read, and valid


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_by_name_and_kind(cli, tmp_path):
    pipe = tmp_path / "pack.jsonl"
    os.mkfifo(pipe)
    refused = f"{pipe}: -: -: a named pipe, not a regular file or folder: refused"
    assert_invalid_data(query(cli, pipe), refused)
    assert_invalid_data(query(cli, tmp_path), refused)  # found in a folder, too


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_by_name_and_kind(cli):
    assert_invalid_data(
        query(cli, "/dev/zero"),
        "/dev/zero: -: -: a character device, not a regular file or folder: refused",
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused_by_name_and_kind(cli):
    # a short folder: socket paths are limited to about 100 bytes
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.jsonl"
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))
            assert_invalid_data(
                query(cli, path), f"{path}: -: -: a socket, not a regular file or folder: refused"
            )


def test_a_pipe_swapped_in_after_discovery_is_refused_on_opening(tmp_path):
    from belarus_nato_cli.model.reading import read_records

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    path = tmp_path / "pack.jsonl"
    os.mkfifo(path)  # no writer: opening it for a blocking read would hang
    problems: list = []
    assert list(read_records(str(path), problems)) == []
    assert [str(p) for p in problems] == [
        f"{path}: -: -: a named pipe, not a regular file or folder: refused"
    ]


# -- generated junk ---------------------------------------------------------------------------

VALID_TOML = """\
[[sources]]
id = "s"
language = "en"

[[entities]]
id = "e"
kind = "group"
name = "Example"
aliases = ["Ex"]

[[statements]]
id = "st"
text = "A statement."
attribution = "author_assertion"
certainty = "certain"
actors = [{ entity = "e", role = "subject" }]
evidence = [{ source = "s", quote = "x" }]
"""
VALID_JSONL = [json.dumps(r) for r in (SOURCE, ENTITY, statement())]
TOKENS = [
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    '"',
    "'",
    "=",
    ",",
    ":",
    "\n",
    "#",
    "\\",
    "\x00",
    "\ud800",
    "1e999",
    "9" * 5000,
    "nan",
    "true",
    "type",
    "statement",
    "id",
    "\ufeff",
]


def mutated(valid: str) -> st.SearchStrategy[str]:
    """The valid text with slices cut out, repeated, or junk put in."""
    junk = st.one_of(
        st.sampled_from(TOKENS), st.text(string.printable, max_size=20), st.text(max_size=5)
    )

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = valid
        for _ in range(draw(st.integers(1, 6))):
            i = draw(st.integers(0, len(text)))
            j = draw(st.integers(i, min(len(text), i + 40)))
            action = draw(st.sampled_from(["cut", "insert", "repeat", "nest"]))
            if action == "cut":
                text = text[:i] + text[j:]
            elif action == "insert":
                text = text[:i] + draw(junk) + text[i:]
            elif action == "repeat":
                text = text[:j] + text[i:j] * draw(st.integers(2, 50)) + text[j:]
            else:
                depth = draw(st.integers(1, 3000))
                text = text[:i] + "[" * depth + text[i:j] + "]" * depth + text[j:]
        return text

    return build()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "id",
                    "kind",
                    "name",
                    "text",
                    "evidence",
                    "actors",
                    "aliases",
                    "source",
                    "entity",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["valid", "mutated", "value", "typed", "bytes"]))
        if kind == "valid":
            lines.append(draw(st.sampled_from(VALID_JSONL)).encode())
        elif kind == "mutated":
            lines.append(
                draw(mutated(draw(st.sampled_from(VALID_JSONL)))).encode("utf-8", "surrogatepass")
            )
        elif kind == "value":
            lines.append(json.dumps(draw(JSON_VALUES)).encode())
        elif kind == "typed":
            record = draw(
                st.dictionaries(
                    st.sampled_from(["id", "kind", "name", "text", "evidence", "actors"]),
                    JSON_VALUES,
                    max_size=5,
                )
            )
            first = draw(
                st.sampled_from(["statement", "entity", "source", "topic", "lexicon", "x"])
            )
            lines.append(json.dumps({"type": first, **record}).encode())
        else:
            lines.append(draw(st.binary(max_size=40)).replace(b"\n", b" "))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n"]))


def check_junk(cli, name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        env = {"BELARUS_NATO_CACHE": str(Path(folder) / "cache")}
        result = cli("--no-embedded", "--facts", str(path), "query", "--actor", "e", env=env)
        assert result.code in (0, 1, 2, 3), (result.code, result.stderr)
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert all(line.startswith("belarus-nato: ") for line in lines), result.stderr
        if result.code == 3:
            assert lines[-1].startswith("belarus-nato: error: ")
        checked = cli("validate", str(path), env=env)
        assert checked.code in (0, 1) and "Traceback" not in checked.stderr


JUNK = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.slow
@JUNK
@given(text=mutated(VALID_TOML))
def test_generated_malformed_toml_gives_one_line_problems(cli, text):
    check_junk(cli, "junk.toml", text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@JUNK
@given(content=jsonl_files())
def test_generated_malformed_json_lines_give_one_line_problems(cli, content):
    check_junk(cli, "junk.jsonl", content)
