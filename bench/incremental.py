"""The incremental part of bench/scale.py: the first query after an edit, against a build.

Each edit is what a curator does: one statement's text changed in one file of the pack, or
one alias added to an entity (in 00-base.jsonl, with every source, entity and topic). The
next query brings the index up to date before it answers; its whole run is timed with GNU
time (wall clock and peak memory), a fresh edit before each round.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
from pathlib import Path

from _timing import timed_run, tool
from synth import generate


def edit_statement(path: Path, marker: str) -> None:
    """Change the text of one statement in the middle of the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    record = json.loads(lines[middle])
    record["text"] = record["text"].rstrip(".") + f" ({marker})."
    lines[middle] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit_entity(base: Path, entity: str, alias: str) -> None:
    lines = base.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("id") == entity:
            record["aliases"] = [*record.get("aliases", []), alias]
            lines[i] = json.dumps(record)
    base.write_text("\n".join(lines) + "\n", encoding="utf-8")


def statements_using(cli: str, base: str, env: dict[str, str], entity: str) -> str:
    import subprocess

    out = subprocess.run(
        [*base.split(), "actors", "--format", "tsv", "--fields", "id,statements"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    ).stdout
    counts = dict(line.split("\t")[:2] for line in out.splitlines() if "\t" in line)
    return counts.get(entity, "?")


def run_incremental(args: argparse.Namespace, work: Path) -> None:
    cli = tool("belarus-nato")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    for n in args.sizes:
        pack = work / f"pack-{n}-{args.files}"
        if not (pack / "00-base.jsonl").exists():
            generate(n, pack, files=args.files)
        files = sorted(pack.glob("10-statements-*.jsonl"))
        env = {"BELARUS_NATO_CACHE": str(work / f"cache-{n}-{args.files}")}
        shutil.rmtree(env["BELARUS_NATO_CACHE"], ignore_errors=True)
        base = f"{cli} --no-embedded --facts {pack}"
        build_s, build_mb = timed_run(f"{base} index", env)
        timed_run(f"{base} query --actor ent-2900", env)  # settles the stamps of new files
        query = f"{base} query --actor ent-2900"
        after_file = []
        for r in range(args.rounds):
            edit_statement(files[(r * 37) % len(files)], f"edit {r}")
            after_file.append(timed_run(query, env))
        after_entity = []
        for r in range(args.rounds):
            edit_entity(pack / "00-base.jsonl", "ent-2900", f"Rare{r}")
            after_entity.append(timed_run(query, env))
        popular = []
        if args.popular:  # every statement using it is indexed again: minutes at 1,000,000
            edit_entity(pack / "00-base.jsonl", "ent-0", "Common")
            popular.append(timed_run(query, env))
        users = {e: statements_using(cli, base, env, e) for e in ("ent-2900", "ent-0")}
        query_s, query_mb = timed_run(query, env)
        print(f"\n{n:,} statements in {len(files)} files")
        print(f"  whole build: {build_s:.1f} s ({n / build_s:,.0f}/s), peak {build_mb:.0f} MB")
        print(f"  a query on the fresh index: {query_s * 1000:.0f} ms, peak {query_mb:.0f} MB")
        _line("one statement file changed", after_file, build_s)
        rare = f"entity ent-2900 changed ({users['ent-2900']} statements use it)"
        _line(rare, after_entity, build_s)
        if popular:
            _line(
                f"entity ent-0 changed ({users['ent-0']} statements use it), once", popular, build_s
            )


def _line(what: str, runs: list[tuple[float, float]], build_s: float) -> None:
    times = [t for t, _ in runs]
    median = statistics.median(times)
    print(
        f"  next query after {what}: median {median:.2f} s of {len(times)}"
        f" ({', '.join(f'{t:.2f}' for t in times)}), {median / build_s:.3f}x the whole build,"
        f" peak {max(mb for _, mb in runs):.0f} MB"
    )
