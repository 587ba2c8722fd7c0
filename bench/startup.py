"""Start-up cost of the CLI, as ratios to `python -I -c pass` measured in the same run, and the
cost of drawing a 100-row table with rich against printing the same rows as TSV.

Goals (issue 13): a query drawn as a table at most 10x the baseline; a piped query and --help
at most 5x; a 100-row table less than 150 ms more than the piped TSV of the same rows. The index
is warm (built before timing). "On a terminal" is measured as `--format table --color always`:
the code path a terminal takes, without a pseudo-terminal in the way of the timing.

    python bench/startup.py [--runs 30] [--rounds 5]

Each round times every command (hyperfine medians, one command after another) with its own
baseline; the machines are shared and the baseline alone moves by a third between rounds, so
the figures are the lowest, median and highest over the rounds, and the goals are checked on
the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import medians, tool

BASELINE = "python -I -c pass"
GOALS = {"query (piped, tsv)": 5.0, "query (table)": 10.0, "belarus-nato --help": 5.0}
ROWS_GOAL_MS = 150.0  # a 100-row table over the piped TSV of the same rows
ROWS = ("100 rows (tsv)", "100 rows (table)")


def commands(cli: str, pack: Path) -> dict[str, str]:
    rows = f"{cli} --facts {pack} query --limit 100"
    return {
        BASELINE: f"{sys.executable} -I -c pass",
        # what any click program pays before doing anything, for reference (no goal)
        "import click": f"{sys.executable} -I -c 'import click'",
        # what drawing with rich adds to that, for reference (no goal)
        "import click, rich": f"{sys.executable} -I -c 'import click, rich.console, rich.table'",
        "query (piped, tsv)": f"{cli} query --actor NATO",
        "query (table)": f"{cli} query --actor NATO --format table --color always",
        "belarus-nato --help": f"{cli} --help",
        ROWS[0]: f"{rows} --format tsv",
        ROWS[1]: f"{rows} --format table --color always",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30, help="runs of each command per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each with its baseline")
    args = parser.parse_args()
    cli = tool("belarus-nato")
    ratios: dict[str, list[float]] = {}
    extra_ms: list[float] = []
    extra_ratio: list[float] = []  # the same, in baselines: steadier when the machine is busy
    with tempfile.TemporaryDirectory(prefix="bn-startup-") as work:
        pack = Path(work) / "pack"
        synth = Path(__file__).with_name("synth.py")
        subprocess.run([sys.executable, str(synth), "2000", str(pack)], check=True)
        env = {"BELARUS_NATO_CACHE": str(Path(work) / "cache"), "COLUMNS": "120"}
        for facts in ([], ["--facts", str(pack)]):  # both indexes warm before timing
            subprocess.run(
                [cli, *facts, "index"],
                check=True,
                stdout=subprocess.DEVNULL,
                env={**os.environ, **env},
            )
        timed = commands(cli, pack)
        for _ in range(args.rounds):
            got = medians(timed, runs=args.runs, env=env)
            base = got[BASELINE]
            print(
                f"round: baseline {base * 1000:.1f} ms; "
                + ", ".join(
                    f"{name} {got[name] * 1000:.0f} ms" for name in timed if name != BASELINE
                )
            )
            for name in timed:
                if name != BASELINE and name not in ROWS:
                    ratios.setdefault(name, []).append(got[name] / base)
            extra_ms.append((got[ROWS[1]] - got[ROWS[0]]) * 1000)
            extra_ratio.append((got[ROWS[1]] - got[ROWS[0]]) / base)
    print()
    print(f"ratio to the baseline over {args.rounds} rounds of {args.runs} runs")
    print(f"{'command':22}{'lowest':>8}{'median':>8}{'highest':>8}{'goal':>7}")
    for name, values in ratios.items():
        goal = GOALS.get(name)
        mid = statistics.median(values)
        verdict = "" if goal is None else ("  ok" if mid <= goal else "  over")
        goal_text = f"{goal:.0f}x" if goal else ""
        print(f"{name:22}{min(values):7.2f}x{mid:7.2f}x{max(values):7.2f}x{goal_text:>7}{verdict}")
    mid = statistics.median(extra_ms)
    verdict = "ok" if mid < ROWS_GOAL_MS else "over"
    print(
        f"\n100-row table minus the piped TSV of the same rows: lowest {min(extra_ms):.0f} ms, "
        f"median {mid:.0f} ms, highest {max(extra_ms):.0f} ms (goal < {ROWS_GOAL_MS:.0f} ms: "
        f"{verdict}); in baselines: {min(extra_ratio):.1f}x, {statistics.median(extra_ratio):.1f}x,"
        f" {max(extra_ratio):.1f}x"
    )


if __name__ == "__main__":
    main()
