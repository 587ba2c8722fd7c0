"""Index build rate, query latency and peak memory on synthetic packs of N statements.

For each N: generate a pack (bench/synth.py), build its index (timed, with peak memory), then
time a selective actor query, a date-window query (by default and with --overlapping), a
--text query and an ask (hyperfine
medians) and read each one's peak memory (GNU time). The selective query is also timed on the
embedded facts in the same run, for the size-independence ratio.

Goals at N = 1,000,000: selective query at most 1.5x the embedded one; ask and --text under
0.5 s median; build at least 50,000 statements/s; every query under 100 MB peak.

    python bench/scale.py [--sizes 100000 1000000] [--runs 10] [--keep DIR]

With --incremental, the pack's statements are spread over --files files (default 100) and the
bench times what a curator waits for after an edit instead: the first query after one
statement file changed (median of --rounds), after an entity's record changed (a rarely used
entity, median of --rounds, and the most used one, once), against a whole rebuild (`index
--rebuild`) of the same pack in the same run; with each run's peak memory.

    python bench/scale.py --incremental --sizes 1000000 [--files 100] [--rounds 5] [--popular]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
from pathlib import Path

from _timing import medians, peak_rss_mb, timed_run, tool, work_folder
from synth import generate, vocabulary


def question_from(pack: Path) -> tuple[str, str, str]:
    """A question a user could ask of this pack: a statement's speaker and two of its words."""
    with (pack / "10-statements.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            st = json.loads(line)
            if st.get("speaker") and int(st["id"][3:]) >= 1000:
                words = st["text"].rstrip(".").lower().split()
                return st["speaker"], words[3], words[-2]
    raise SystemExit("no statement with a speaker in the pack")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep packs and indexes here")
    parser.add_argument("--incremental", action="store_true", help="time updates after edits")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--popular", action="store_true", help="also change the most used entity")
    args = parser.parse_args()
    with work_folder(args.keep, "bn-scale-") as work:
        if args.incremental:
            from incremental import run_incremental

            run_incremental(args, work)
        else:
            run(args, work)


def run(args: argparse.Namespace, work: Path) -> None:
    cli = tool("belarus-nato")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rows = []
    for n in args.sizes:
        pack = work / f"pack-{n}"
        if not (pack / "10-statements.jsonl").exists():
            generate(n, pack)
        env = {"BELARUS_NATO_CACHE": str(work / f"cache-{n}")}
        shutil.rmtree(env["BELARUS_NATO_CACHE"], ignore_errors=True)
        base = f"{cli} --no-embedded --facts {pack}"
        build_s, build_mb = timed_run(f"{base} index", env)
        common = vocabulary()[40]  # a frequent word
        speaker, w1, w2 = question_from(pack)
        queries = {
            "selective actor": f"{base} query --actor ent-2900",
            "date window": f"{base} query --since 2001-03 --until 2001-04",
            "date window --overlapping": f"{base} query --since 2001-03 --until 2001-04"
            " --overlapping",
            "--text (all matches)": f"{base} query --text {common}",
            "--text (top 20)": f"{base} query --text {common} --limit 20",
            "ask": f"{base} ask 'what did {speaker} say about {w1} and {w2}'",
        }
        for name, command in queries.items():
            if subprocess.run(
                shlex.split(command), capture_output=True, env={**os.environ, **env}
            ).returncode:
                print(f"warning: {name} found nothing: {command}")
        got = medians(queries, runs=args.runs, env=env)
        # size-independence: the selective query against the same query on the embedded
        # facts (its own index, in the same cache folder, built by hyperfine's warm-up runs),
        # timed side by side in each of three rounds, as the machine's speed drifts
        pair = {
            "selective actor": queries["selective actor"],
            "embedded actor": f"{cli} query --actor Cuba",
        }
        rounds = [medians(pair, runs=args.runs, env=env) for _ in range(3)]
        ratio = statistics.median(r["selective actor"] / r["embedded actor"] for r in rounds)
        embedded = statistics.median(r["embedded actor"] for r in rounds)
        peaks = {name: peak_rss_mb(cmd, env) for name, cmd in queries.items()}
        rows.append((n, build_s, build_mb, got, embedded, ratio, peaks))
    print()
    print(f"{'N':>10} {'build s':>8} {'stmts/s':>9} {'build MB':>9}  query: median ms (peak MB)")
    for n, build_s, build_mb, got, emb, ratio, peaks in rows:
        cells = "  ".join(f"{name} {got[name] * 1000:.0f} ({peaks[name]:.0f})" for name in peaks)
        print(f"{n:>10} {build_s:8.1f} {n / build_s:9.0f} {build_mb:9.0f}  {cells}")
        print(
            f"{'':>10} selective / embedded: {ratio:.2f}x, median of 3 rounds"
            f" (embedded {emb * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
