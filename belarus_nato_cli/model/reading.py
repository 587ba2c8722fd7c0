"""Finding fact files and reading their raw records (TOML or JSON Lines), problems as data."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from belarus_nato_cli.errors import Problem

FACT_SUFFIXES = (".toml", ".jsonl")
# TOML is parsed whole; anything this large belongs in JSON Lines, which is streamed.
MAX_TOML_BYTES = 16 * 1024 * 1024
MAX_JSONL_LINE = 1024 * 1024
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
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def id(self) -> str | None:
        if self.data is not None:
            value = self.data.get("id")
            return value if isinstance(value, str) else None
        m = re.search(r'"id"\s*:\s*"([^"\\]{1,80})"', self.raw or "")
        return m.group(1) if m else None


def embedded_facts_dir() -> str:
    """The facts shipped inside the installed package (or the checkout's, when run from it)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package root
    installed = os.path.join(here, "facts")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), "facts")


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[Problem]]:
    """Every fact file under the given files and folders, in a stable order.

    Plain os.path strings, not pathlib: this runs at the start of every query."""
    files: list[str] = []
    problems: list[Problem] = []
    for p in paths:
        path = os.fspath(p)
        shown = path
        try:
            if os.path.isdir(path):
                files.extend(_walk(path, problems))
            elif os.path.isfile(path):
                if not path.endswith(FACT_SUFFIXES):
                    problems.append(
                        Problem(shown, "", "", "not a fact file (expected .toml or .jsonl)")
                    )
                else:
                    files.append(path)
            elif os.path.islink(path):
                problems.append(Problem(shown, "", "", "broken or looping symbolic link"))
            else:
                problems.append(Problem(shown, "", "", "no such file or folder"))
        except OSError as exc:
            problems.append(Problem(shown, "", "", f"cannot read: {exc.strerror or exc}"))
    return files, problems


def _walk(root: str, problems: list[Problem]) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()

    def onerror(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or root), "", "", f"cannot read: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        real = os.path.realpath(dirpath)
        if real in seen:
            problems.append(Problem(dirpath, "", "", "symbolic link loop; folder skipped"))
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(FACT_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(dirpath, name))
    return found


def read_records(
    path: str, problems: list[Problem], statements: bool | None = None
) -> Iterator[RawRecord]:
    """The raw records of one file; unreadable parts become problems, never exceptions.

    statements=False yields every record but statements, True only statements, None all.
    Builds read twice (everything else first), so statements can be indexed as they stream."""
    shown = path
    try:
        if path.endswith(".jsonl"):
            yield from _read_jsonl(path, shown, problems, statements)
        else:
            for record in _read_toml(path, shown, problems if statements is not True else []):
                if statements is None or (record.type == "statement") == statements:
                    yield record
    except OSError as exc:
        if statements is not True:
            problems.append(Problem(shown, "", "", f"cannot read: {exc.strerror or exc}"))


def _decode(raw: bytes, shown: str, problems: list[Problem], line: int | None = None) -> str | None:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
    except UnicodeDecodeError as exc:
        where = f"{shown}:{line}" if line else shown
        problems.append(
            Problem(where, "", "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at {exc.start})")
        )
        return None


def _read_toml(path: str, shown: str, problems: list[Problem]) -> Iterator[RawRecord]:
    import tomllib

    size = os.stat(path).st_size
    if size > MAX_TOML_BYTES:
        problems.append(
            Problem(
                shown,
                "",
                "",
                f"TOML file too large ({size / 1e6:.0f} MB; the limit is "
                f"{MAX_TOML_BYTES // 2**20} MiB): use JSON Lines for large packs",
            )
        )
        return
    with open(path, "rb") as fh:
        text = _decode(fh.read(), shown, problems)
    if text is None:
        return
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(shown, "", "", f"TOML syntax error: {exc}"))
        return
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


def _read_jsonl(
    path: str, shown: str, problems: list[Problem], statements: bool | None
) -> Iterator[RawRecord]:
    # Problems are reported by the pass that handles the line: the statement pass for
    # statements, the other pass for everything else (and for lines of unknown type).
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if len(raw) > MAX_JSONL_LINE:
                if statements is not True:
                    problems.append(Problem(f"{shown}:{lineno}", "", "", "line longer than 1 MiB"))
                continue
            if raw.startswith(_STATEMENT_PREFIX):
                # the usual statement line: the first pass skips it undecoded, the second
                # hands its JSON text straight to validation
                if statements is False:
                    continue
                text = _plain(raw)
                if text is None:
                    _decode(raw, shown, problems, lineno)
                else:
                    yield RawRecord("statement", None, shown, lineno, text.strip())
                continue
            text = _plain(raw[3:] if lineno == 1 and raw.startswith(b"\xef\xbb\xbf") else raw)
            if text is None:
                if statements is not True:
                    _decode(raw, shown, problems, lineno)
                continue
            if not text.strip():
                continue
            m = _TYPE_FIRST.match(text)
            if m and m.group(1) == "statement":
                if statements is not False:  # validated straight from its JSON text
                    yield RawRecord("statement", None, shown, lineno, text.strip())
                continue
            if m and statements is True:
                continue
            where = f"{shown}:{lineno}"
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                if statements is not True:
                    problems.append(Problem(where, "", "", f"JSON syntax error: {exc}"))
                continue
            kind = data.get("type") if isinstance(data, dict) else None
            if kind == "statement":  # "type" was not the first key
                if statements is not False:
                    yield RawRecord("statement", None, shown, lineno, text.strip())
            elif statements is True:
                continue
            elif not isinstance(data, dict):
                problems.append(Problem(where, "", "", "each line must be an object"))
            elif kind in SECTION_TYPE.values():
                yield RawRecord(str(kind), data, shown, lineno)
            else:
                problems.append(
                    Problem(
                        where,
                        str(data.get("id", "")),
                        "type",
                        "must be one of source, entity, topic, statement, lexicon",
                    )
                )


def _plain(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
