"""Where an index build's time goes: each part of the work timed alone on one synthetic pack.

The parts, per statement: reading the JSON Lines; decoding them with json (a floor for any
parser); validating them with the pydantic models; the whole validation (models plus the
cross-record checks, as `validate` runs it); SQLite inserting ready-made rows and making the
indexes (no Python work in the loop); and the whole build as `index` runs it. With two
cores the build is bounded by the slower of its two halves, so this prints the ceiling the
parts allow next to the rate measured.

    python bench/build_parts.py [--size 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from _timing import timed_run, tool, work_folder
from synth import generate

from belarus_nato_cli.index.build import FINISH, SCHEMA
from belarus_nato_cli.index.cache import PackSet, build
from belarus_nato_cli.index.writer import BUILD_PRAGMAS, INSERTS
from belarus_nato_cli.model.types import StatementLine
from belarus_nato_cli.model.validation import validate_paths


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def each(work: Callable[[bytes], object], items: list[bytes]) -> None:
    for item in items:
        work(item)


class Recorder(sqlite3.Connection):
    """Keeps every row a build inserts, so they can be replayed without Python's work."""

    rows: dict[str, list[tuple[object, ...]]]

    def executemany(self, sql: str, rows: Iterable[Any], /) -> sqlite3.Cursor:  # type: ignore[override]
        rows = list(rows)
        if sql in INSERTS:
            self.rows.setdefault(sql, []).extend(rows)
        return super().executemany(sql, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the pack here")
    args = parser.parse_args()
    with work_folder(args.keep, "bn-parts-") as work:
        run(args, work)


def run(args: argparse.Namespace, work: Path) -> None:
    pack = work / f"pack-{args.size}"
    if not (pack / "10-statements.jsonl").exists():
        generate(args.size, pack)
    path = pack / "10-statements.jsonl"
    lines = path.read_bytes().splitlines()
    n = len(lines)

    read = best_of(args.runs, lambda: sum(1 for _ in path.open("rb")))
    # results are dropped as they come, as in a build (a list of them all would time the
    # garbage collector instead)
    decode = best_of(args.runs, lambda: each(json.loads, lines))
    validator = StatementLine.__pydantic_validator__  # a JSON Lines statement, "type" and all
    models = best_of(args.runs, lambda: each(validator.validate_json, lines))
    validate = best_of(1, lambda: validate_paths([pack]))

    # every row the build inserts, recorded once (a one-process build), then replayed
    db = str(work / "parts.sqlite")
    if os.path.exists(db):
        os.unlink(db)
    recorder = sqlite3.connect(db, factory=Recorder)
    recorder.rows = {}
    build(recorder, PackSet((str(pack),), embedded=False), "parts")
    recorder.close()
    rows = recorder.rows

    def replay() -> tuple[float, float]:
        if os.path.exists(db):
            os.unlink(db)
        conn = sqlite3.connect(db)
        for pragma in BUILD_PRAGMAS:
            conn.execute(pragma)
        conn.executescript(SCHEMA)
        start = time.perf_counter()
        for sql in INSERTS:
            conn.executemany(sql, rows.get(sql, []))
        conn.commit()
        middle = time.perf_counter()
        conn.executescript(FINISH)
        conn.commit()
        conn.close()
        return middle - start, time.perf_counter() - middle

    inserts, indexes = min(replay() for _ in range(args.runs))

    def full_text(keep_names: bool) -> float:
        conn = sqlite3.connect(":memory:")
        conn.executescript(SCHEMA)
        fts_rows = rows.get(INSERTS[-1], [])
        if not keep_names:
            fts_rows = [(*r[:3], "", *r[4:]) for r in fts_rows]  # rowid, text, quotes, -, context
        start = time.perf_counter()
        conn.executemany(INSERTS[-1], fts_rows)
        conn.commit()
        return time.perf_counter() - start

    fts = min(full_text(True) for _ in range(args.runs))
    fts_without_names = min(full_text(False) for _ in range(args.runs))
    env = {"BELARUS_NATO_CACHE": str(work / "cache")}
    command = f"{tool('belarus-nato')} --no-embedded --facts {pack} index --rebuild"
    whole, _ = timed_run(command, env)

    print(f"{n:,} statements; microseconds per statement (statements per second)")
    parts = [
        ("read the lines", read),
        ("json.loads (a parser's floor)", decode),
        ("pydantic models alone", models),
        ("validate (models + checks)", validate),
        ("SQLite inserts alone", inserts),
        ("  of which the full-text index", fts),
        ("  of which its names column", fts - fts_without_names),
        ("SQLite final indexes", indexes),
        ("whole build (`index`)", whole),
    ]
    for name, seconds in parts:
        print(f"  {name:36}{seconds / n * 1e6:8.1f} µs  ({n / seconds:10,.0f}/s)")
    # two processes: validation in one, inserts in the other; then the final indexes
    ceiling = n / (max(validate, inserts) + indexes)
    print(f"two-process ceiling from these parts: {ceiling:,.0f}/s; measured {n / whole:,.0f}/s")


if __name__ == "__main__":
    main()
