"""Validating fact records against the models and across files.

Records stream through `Validator.feed`; each valid one is handed to an optional sink (the
index builder), so a pack of a million statements is never held in memory. References that
point forward (a statement read before its entity) are checked again at `finish`.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from belarus_nato_cli.errors import Problem
from belarus_nato_cli.model.discovery import discover
from belarus_nato_cli.model.reading import Part, RawRecord, read_records
from belarus_nato_cli.model.types import (
    LINE_TYPES,
    RECORD_TYPES,
    Evidence,
    Source,
    Statement,
    Topic,
)
from belarus_nato_cli.text import sentence_spans


class Sink(Protocol):
    def add(self, kind: str, record: Any, raw: RawRecord) -> None: ...


class Places:
    """Where records were first defined, numbered. A large pack has a million statement ids:
    each keeps a number, and the file and line sit in two compact arrays, not in a
    "file:line" string each."""

    def __init__(self) -> None:
        self._files: list[str] = []
        self._file_numbers: dict[str, int] = {}
        self._file = array("I")  # the file's number in _files
        self._line = array("I")  # 0 when the line is not known (TOML)

    def add(self, file: str, line: int | None) -> int:
        number = self._file_numbers.get(file)
        if number is None:
            number = self._file_numbers[file] = len(self._files)
            self._files.append(file)
        self._file.append(number)
        self._line.append(line or 0)
        return len(self._line) - 1

    def where(self, place: int) -> str:
        """ "file:line", or the file alone when the line is not known."""
        file, line = self._files[self._file[place]], self._line[place]
        return f"{file}:{line}" if line else file


class Validator:
    def __init__(
        self,
        source_dir: Path | None = None,
        sink: Sink | None = None,
        statement_checks: Callable[[], list[Problem]] | None = None,
    ) -> None:
        self.source_dir = source_dir
        self.sink = sink
        # An index build keeps statement ids in SQLite, not here: it checks them (unique,
        # link targets defined) after the inserts, and `finish` adds what it found.
        self.statement_checks = statement_checks
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        # id -> where it was first defined, as a number in self.places
        self.ids: dict[str, dict[str, int]] = {kind: {} for kind in RECORD_TYPES}
        self.places = Places()
        self.sources: dict[str, Source] = {}
        self.topics: dict[str, Topic] = {}
        self.texts: dict[str, str] = {}
        self.sentences: dict[str, set[tuple[int, int]]] = {}
        self._pending_refs: list[tuple[str, str, str, str, str]] = []
        self._pending_evidence: list[tuple[str, str, str, Evidence]] = []
        self.counts: dict[str, int] = dict.fromkeys(RECORD_TYPES, 0)
        # ids defined outside the checked files (the embedded facts a pack builds on)
        self.known: dict[str, set[str]] = {}
        self.drafts: list[Statement] = []  # statements marked draft, for the curator

    # -- reading ---------------------------------------------------------------------------

    def feed_paths(self, paths: Iterable[str | Path]) -> None:
        """Read every file twice: sources, entities, topics and lexicon first, then the
        statements, which can then be checked and indexed as they stream past."""
        files, problems = discover(paths)
        self.problems.extend(problems)
        self.feed_files(files)

    def feed_files(self, files: list[str]) -> None:
        """Read these files twice, as feed_paths does."""
        for part in (Part.OTHERS, Part.STATEMENTS):
            for path in files:
                for raw in read_records(path, self.problems, part):
                    self.feed(raw)

    def feed(self, raw: RawRecord) -> None:
        # Runs once per record of a pack, a million times for a large one: the model's
        # validator is called directly, and the statement checks are kept to lookups.
        validator = (_LINE_VALIDATORS if raw.from_json_lines else _VALIDATORS)[raw.type]
        try:
            if raw.raw is not None:
                record = validator.validate_json(raw.raw)
            else:
                record = validator.validate_python(raw.data)
        except ValidationError as exc:
            rid = raw.id
            shown_id = f"{raw.type} {rid}" if rid else raw.type
            for err in exc.errors(include_url=False, include_input=False):
                field = _loc(err["loc"])
                msg = str(err["msg"]).removeprefix("Value error, ")
                self.problems.append(Problem(raw.where, shown_id, field, msg))
            return
        rid = getattr(record, "id")  # noqa: B009 - every record type has an id
        if raw.type == "statement" and self.statement_checks is not None:
            self._accept(record, raw)  # its id is checked after the inserts
            return
        seen = self.ids[raw.type]
        if rid in seen:
            self.problems.append(
                Problem(
                    raw.where,
                    f"{raw.type} {rid}",
                    "id",
                    f"duplicate id (first defined in {self.places.where(seen[rid])})",
                )
            )
            return
        seen[rid] = self.places.add(raw.file, raw.line)
        self._accept(record, raw)

    def know(self, kind: str, rid: str, file: str, line: int | None) -> None:
        """Take an id as defined, unchecked: a record validated before (an index update
        reads what the index holds for the files that did not change)."""
        self.ids[kind][rid] = self.places.add(file, line)
        self.counts[kind] += 1

    def _accept(self, record: Any, raw: RawRecord) -> None:
        """Check a record with an id not seen before, and hand it to the sink."""
        rid = record.id
        self.counts[raw.type] += 1
        if isinstance(record, Statement):
            self._check_statement(record, raw)
        elif isinstance(record, Source):
            self._load_source(record, raw.where, f"source {rid}")
        elif isinstance(record, Topic):
            self.topics[record.id] = record
            if record.parent:
                self._ref(raw.where, f"topic {rid}", "parent", "topic", record.parent)
        if self.sink is not None:
            self.sink.add(raw.type, record, raw)

    # -- checks ----------------------------------------------------------------------------

    def _ref(self, where: str, rec: str, field: str, kind: str, ref: str) -> None:
        if ref not in self.ids[kind]:
            self._pending_refs.append((where, rec, field, kind, ref))

    def _check_statement(self, st: Statement, raw: RawRecord) -> None:
        # Runs once per statement of a pack: the usual case (every reference already known,
        # no offsets) is a few set lookups; anything else takes the general path.
        entities, topics = self.ids["entity"], self.ids["topic"]
        where, rec = raw.where, f"statement {st.id}"
        if st.draft:
            self.drafts.append(st)
        if st.speaker and st.speaker not in entities:
            self._ref(where, rec, "speaker", "entity", st.speaker)
        for i, actor in enumerate(st.actors):
            if actor.entity not in entities:
                self._ref(where, rec, f"actors[{i}].entity", "entity", actor.entity)
        for i, topic in enumerate(st.topics):
            if topic not in topics:
                self._ref(where, rec, f"topics[{i}]", "topic", topic)
        for i, ev in enumerate(st.evidence):
            if ev.source in self.sources:
                if ev.start is not None:  # only located evidence has more to check
                    self._check_evidence(where, rec, f"evidence[{i}]", ev)
            else:
                self._pending_evidence.append((where, rec, f"evidence[{i}]", ev))
        if st.links:
            self._check_links(st, where, rec)

    def _check_links(self, st: Statement, where: str, rec: str) -> None:
        for i, link in enumerate(st.links):
            if link.target == st.id:
                self.problems.append(
                    Problem(where, rec, f"links[{i}].target", "a statement cannot link to itself")
                )
            elif self.statement_checks is None:
                self._ref(where, rec, f"links[{i}].target", "statement", link.target)

    def _check_evidence(self, where: str, rec: str, field: str, ev: Evidence) -> None:
        source = self.sources.get(ev.source)
        if source is None:
            self.problems.append(
                Problem(where, rec, f"{field}.source", f"unknown source {ev.source!r}")
            )
            return
        if ev.start is None or ev.end is None or ev.quote is None:
            return
        length = len(self.texts[ev.source]) if ev.source in self.texts else source.length
        if length is not None and ev.end > length:
            self.problems.append(
                Problem(
                    where,
                    rec,
                    f"{field}.end",
                    f"offset {ev.end} is past the end of the source ({length})",
                )
            )
            return
        text = self.texts.get(ev.source)
        if text is None:
            return
        actual = text[ev.start : ev.end]
        if actual != ev.quote:
            self.problems.append(
                Problem(
                    where,
                    rec,
                    f"{field}.quote",
                    f"does not match the source text at {ev.start}-{ev.end}"
                    f" (text there: {actual!r})",
                )
            )
        elif (ev.start, ev.end) in self.sentences[ev.source]:
            self.problems.append(
                Problem(where, rec, f"{field}.quote", "is a whole sentence; keep a short phrase")
            )

    def _load_source(self, src: Source, where: str, rec: str) -> None:
        self.sources[src.id] = src
        if self.source_dir is None or src.file is None:
            return
        path = self.source_dir / src.file
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.notices.append(
                f"source {src.id}: {src.file} is not in {self.source_dir}; phrases not checked"
            )
            return
        except OSError as exc:
            self.problems.append(Problem(where, rec, "file", f"cannot read {path}: {exc.strerror}"))
            return
        if src.sha256 and hashlib.sha256(raw).hexdigest() != src.sha256:
            self.problems.append(
                Problem(where, rec, "sha256", f"{path} does not match the recorded sha256")
            )
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.problems.append(Problem(where, rec, "file", f"{path} is not UTF-8 text"))
            return
        if src.length is not None and len(text) != src.length:
            self.problems.append(
                Problem(
                    where, rec, "length", f"the text has {len(text)} characters, not {src.length}"
                )
            )
        self.texts[src.id] = text
        self.sentences[src.id] = set(sentence_spans(text))

    def finish(self) -> list[Problem]:
        """Re-check forward references, then return every problem found, in file order."""
        for where, rec, field, kind, ref in self._pending_refs:
            if ref not in self.ids[kind] and ref not in self.known.get(kind, ()):
                self.problems.append(Problem(where, rec, field, f"unknown {kind} {ref!r}"))
        for where, rec, field, ev in self._pending_evidence:
            self._check_evidence(where, rec, field, ev)
        self._check_topic_cycles()
        if self.statement_checks is not None:
            self.problems.extend(self.statement_checks())
        self._pending_refs.clear()
        self._pending_evidence.clear()
        self.problems.sort(key=_file_order(self.problems))
        return self.problems

    def _check_topic_cycles(self) -> None:
        for topic in self.topics.values():
            seen = {topic.id}
            parent = topic.parent
            while parent and parent in self.topics:
                if parent in seen:
                    where = self.places.where(self.ids["topic"][topic.id])
                    self.problems.append(
                        Problem(where, f"topic {topic.id}", "parent", "topic parents form a cycle")
                    )
                    break
                seen.add(parent)
                parent = self.topics[parent].parent


_VALIDATORS = {kind: model.__pydantic_validator__ for kind, model in RECORD_TYPES.items()}
_LINE_VALIDATORS = {kind: model.__pydantic_validator__ for kind, model in LINE_TYPES.items()}


def _file_order(problems: list[Problem]) -> Callable[[Problem], tuple[int, int]]:
    """Sort key: files in the order their first problem was found, lines in order within a
    file (files are read twice, statements last, and some checks wait for the end, so the
    problems arrive out of line order)."""
    first_seen: dict[str, int] = {}
    for p in problems:
        first_seen.setdefault(_split_where(p.file)[0], len(first_seen))

    def key(p: Problem) -> tuple[int, int]:
        path, line = _split_where(p.file)
        return first_seen[path], line

    return key


def _split_where(where: str) -> tuple[str, int]:
    path, _, line = where.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (where, 0)


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate_paths(
    paths: Iterable[str | Path], source_dir: Path | None = None, context: Iterable[str] = ()
) -> Validator:
    """Check the files at `paths`; their references may also point into the `context` packs
    (the facts a pack adds to), whose own records are not checked."""
    v = Validator(source_dir)
    paths = list(paths)
    v.known = _ids_outside(context, paths)
    v.feed_paths(paths)
    v.finish()
    return v


def _ids_outside(context: Iterable[str], checked: list[str | Path]) -> dict[str, set[str]]:
    """The ids of the context packs' records, leaving out the files being checked."""
    files, _ = discover(context)
    mine = {os.path.realpath(f) for f in discover(checked)[0]}
    ids: dict[str, set[str]] = {}
    for path in files:
        if os.path.realpath(path) in mine:
            continue
        for raw in read_records(path, [], Part.ALL):
            if raw.id is not None:
                ids.setdefault(raw.type, set()).add(raw.id)
    return ids
