"""Finding fact files and reading their raw records (TOML or JSON Lines), problems as data."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from enum import Enum
from typing import Any, BinaryIO, cast

from belarus_nato_cli.errors import Problem
from belarus_nato_cli.model.discovery import refusal, special_kind

# Limits on what a pack may be (stated in the README). TOML is parsed whole; anything this
# large belongs in JSON Lines, which is streamed a line at a time.
MAX_TOML_BYTES = 16 * 1024 * 1024
MAX_JSONL_LINE = 1024 * 1024
MAX_JSONL_BYTES = 4 * 1024**3
# Records nest four levels at most (a file, its records, their lists, the lists' tables).
MAX_NESTING = 32
SECTIONS = ("sources", "entities", "topics", "statements", "lexicon")
SECTION_TYPE = {
    "sources": "source",
    "entities": "entity",
    "topics": "topic",
    "statements": "statement",
    "lexicon": "lexicon",
}


class RawRecord:
    """One record as read: a dict (TOML, or JSON Lines of other types) or, for a JSON Lines
    statement, its raw JSON text, which pydantic validates directly and the index stores."""

    __slots__ = ("data", "file", "line", "raw", "type")

    def __init__(
        self,
        type: str,
        data: dict[str, Any] | None,
        file: str,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.type, self.data, self.file, self.line, self.raw = type, data, file, line, raw

    @property
    def from_json_lines(self) -> bool:
        """A JSON Lines record names its type with a "type" key; a TOML one, by its section."""
        return self.file.endswith(".jsonl")

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def id(self) -> str | None:
        if self.data is not None:
            value = self.data.get("id")
            return value if isinstance(value, str) else None
        m = re.search(r'"id"\s*:\s*"([^"\\]{1,80})"', self.raw or "")
        return m.group(1) if m else None


class Part(Enum):
    """Which records a read yields. Builds read every file twice, everything but statements
    first, so that statements can be checked and indexed as they stream past. Each problem
    is reported by the pass that reads the record it is in; problems with the file itself,
    by the pass that reads the other records."""

    ALL = (True, True)
    OTHERS = (False, True)
    STATEMENTS = (True, False)

    @property
    def statements(self) -> bool:
        return self.value[0]

    @property
    def others(self) -> bool:
        return self.value[1]

    def wants(self, record_type: str) -> bool:
        return self.statements if record_type == "statement" else self.others


def read_records(path: str, problems: list[Problem], part: Part = Part.ALL) -> Iterator[RawRecord]:
    """The raw records of one file; unreadable parts become problems, never exceptions."""
    shown = path
    file_problems = problems if part.others else []
    try:
        with open_fact_file(path) as fh:
            if path.endswith(".jsonl"):
                yield from _read_jsonl(fh, shown, problems, part)
            else:
                for record in _read_toml(fh, shown, file_problems):
                    if part.wants(record.type):
                        yield record
    except NotAFactFile as exc:
        file_problems.append(Problem(shown, "", "", str(exc)))
    except OSError as exc:
        file_problems.append(Problem(shown, "", "", f"cannot read: {exc.strerror or exc}"))


class NotAFactFile(Exception):
    """The path is something no fact file can be: a pipe, a device, a file over the limit."""


def open_fact_file(path: str) -> BinaryIO:
    """Open a fact file for reading, refusing what is not a regular file within the size limit.

    Opened without blocking and checked on the open file, so a pipe put in its place after
    discovery cannot hang the build."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        kind = special_kind(st.st_mode)
        if kind is not None:
            raise NotAFactFile(refusal(kind))
        too_large = _too_large(path, st.st_size)
        if too_large:
            raise NotAFactFile(too_large)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _too_large(path: str, size: int) -> str | None:
    if path.endswith(".jsonl"):
        if size <= MAX_JSONL_BYTES:
            return None
        return f"JSON Lines file too large ({size / 2**30:.1f} GiB; the limit is 4 GiB)"
    if size <= MAX_TOML_BYTES:
        return None
    return (
        f"TOML file too large ({size / 1e6:.0f} MB; the limit is {MAX_TOML_BYTES // 2**20} MiB):"
        " use JSON Lines for large packs"
    )


def _decode(raw: bytes, shown: str, problems: list[Problem], line: int | None = None) -> str | None:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError as exc:
        where = f"{shown}:{line}" if line else shown
        problems.append(
            Problem(where, "", "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at {exc.start})")
        )
        return None


def nesting_depth(value: object) -> int:
    """How deeply lists and tables nest in a parsed value (without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:  # deeper than the limit is all that needs knowing
            if isinstance(item, dict):
                stack.extend((v, depth + 1) for v in item.values())
            elif isinstance(item, list):
                stack.extend((v, depth + 1) for v in item)
    return deepest


_HUGE_NUMBER = "a number has too many digits to be read (over 4300)"
_TOO_DEEP = f"nested more than {MAX_NESTING} levels deep"


def _read_toml(fh: BinaryIO, shown: str, problems: list[Problem]) -> Iterator[RawRecord]:
    import tomllib

    data = fh.read(MAX_TOML_BYTES + 1)
    if len(data) > MAX_TOML_BYTES:  # it grew after it was opened
        problems.append(Problem(shown, "", "", _too_large(".toml", len(data)) or ""))
        return
    text = _decode(data, shown, problems)
    if text is None:
        return
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(shown, "", "", f"TOML syntax error: {exc}"))
        return
    except RecursionError:
        problems.append(Problem(shown, "", "", _TOO_DEEP))
        return
    except ValueError:  # the only other error tomllib raises
        problems.append(Problem(shown, "", "", _HUGE_NUMBER))
        return
    if nesting_depth(doc) > MAX_NESTING:
        problems.append(Problem(shown, "", "", _TOO_DEEP))
        return
    yield from _toml_records(doc, shown, problems)


def _toml_records(doc: dict[str, Any], shown: str, problems: list[Problem]) -> Iterator[RawRecord]:
    for key, value in doc.items():
        if key not in SECTION_TYPE:
            expected = ", ".join(SECTIONS)
            problems.append(
                Problem(shown, "", key, f"unknown section (expected one of {expected})")
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(Problem(shown, "", key, f"must be an array of tables ([[{key}]])"))
            continue
        for item in value:
            yield RawRecord(SECTION_TYPE[key], item, shown)


_STATEMENT_PREFIX = b'{"type": "statement"'
_TYPE_FIRST = re.compile(r'\s*\{\s*"type"\s*:\s*"([a-z]+)"')


_BLOCK = MAX_JSONL_LINE  # read at a time; no larger, so a line inside a block is in bounds


def _line_blocks(fh: BinaryIO) -> Iterator[list[bytes | None]]:
    """The file's lines without their line ends, a block at a time. None stands for a line
    over the limit (with its line end), which is skipped without ever being held whole (a
    file of zeros has no line ends at all). Splitting blocks costs far less than a bounded
    readline for each line, which a build pays twice for every line of a pack."""
    carry = b""  # the start of a line that a block's end cut
    overlong = False  # that line is already over the limit: its bytes are dropped
    while block := fh.read(_BLOCK):
        whole = block.split(b"\n")
        rest = whole.pop()  # after the block's last line end: no line end yet
        lines = cast("list[bytes | None]", whole)  # the same list, where None may stand
        if whole:
            # only the first line can be over the limit: any other lies within the block
            first = whole[0]
            if overlong or len(carry) + len(first) >= MAX_JSONL_LINE:
                lines[0] = None
            elif carry:
                lines[0] = carry + first
            carry, overlong = b"", False
        if overlong or len(carry) + len(rest) > MAX_JSONL_LINE:
            carry, overlong = b"", True
        else:
            carry += rest
        yield lines
    if overlong or carry:  # the last line, with no line end
        yield [None if overlong else carry]


def _read_jsonl(
    fh: BinaryIO, shown: str, problems: list[Problem], part: Part
) -> Iterator[RawRecord]:
    # lines of unknown type are reported with the other records
    others = problems if part.others else []
    statements = part.statements  # once: an enum's property costs a call on every line
    lineno = 0
    for block in _line_blocks(fh):
        for raw in block:
            lineno += 1
            if raw is None:
                others.append(Problem(f"{shown}:{lineno}", "", "", "line longer than 1 MiB"))
            elif not raw.startswith(_STATEMENT_PREFIX):
                yield from _other_line(raw, shown, lineno, problems, part)
            elif statements:
                # the usual statement line: the first pass skips it undecoded, the second
                # hands its JSON text straight to validation
                text = _plain(raw)
                if text is None:
                    _decode(raw, shown, problems, lineno)
                else:
                    yield RawRecord("statement", None, shown, lineno, text.strip())


def _other_line(
    raw: bytes, shown: str, lineno: int, problems: list[Problem], part: Part
) -> Iterator[RawRecord]:
    """A line that does not start as the usual statement line does."""
    text = _plain(raw[3:] if lineno == 1 and raw.startswith(b"\xef\xbb\xbf") else raw)
    if text is None:
        if part.others:
            _decode(raw, shown, problems, lineno)
        return
    if not text.strip():
        return
    m = _TYPE_FIRST.match(text)
    first_type = m.group(1) if m else None
    if first_type not in (None, "statement") and not part.others:
        return  # another record type, read by the other pass
    data, problem = (None, None) if first_type == "statement" else _parse_json(text)
    if first_type == "statement" or (isinstance(data, dict) and data.get("type") == "statement"):
        if part.statements:  # validated straight from its JSON text
            yield RawRecord("statement", None, shown, lineno, text.strip())
    elif part.others:
        yield from _other_record(data, problem, shown, lineno, problems)


def _other_record(
    data: Any, problem: str | None, shown: str, lineno: int, problems: list[Problem]
) -> Iterator[RawRecord]:
    """A parsed line of a type other than statement, or what is wrong with it."""
    where = f"{shown}:{lineno}"
    if problem is not None:
        problems.append(Problem(where, "", "", problem))
    elif not isinstance(data, dict):
        problems.append(Problem(where, "", "", "each line must be an object"))
    elif data.get("type") in SECTION_TYPE.values():
        yield RawRecord(str(data["type"]), data, shown, lineno)
    else:
        shown_id = data.get("id")
        problems.append(
            Problem(
                where,
                shown_id if isinstance(shown_id, str) else "",
                "type",
                "must be one of source, entity, topic, statement, lexicon",
            )
        )


def _parse_json(text: str) -> tuple[Any, str | None]:
    """The line's value, or what is wrong with it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"JSON syntax error: {exc}"
    except RecursionError:
        return None, _TOO_DEEP
    except ValueError:  # the only other error json raises
        return None, _HUGE_NUMBER
    if nesting_depth(data) > MAX_NESTING:
        return None, _TOO_DEEP
    return data, None


def _plain(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
