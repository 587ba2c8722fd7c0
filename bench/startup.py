"""Start-up cost of the CLI, as ratios to `python -I -c pass` measured in the same run.

Goals (issue: fast from the first keystroke): a piped query at most 5x, the same query
rendered as a table at most 8x, --help at most 5x. The index is warm (built before timing).
"On a terminal" is measured as `--format table --color always`: the code path a terminal takes,
without a pseudo-terminal in the way of the timing.

    python bench/startup.py [--runs 30] [--rounds 5]

Each round times every command (hyperfine medians, one command after another) with its own
baseline; the machines are shared and the baseline alone moves by a third between rounds, so
the figures are the lowest, median and highest ratio over the rounds, and the goal is checked
on the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

from _timing import medians, tool

GOALS = {"query (piped, tsv)": 5.0, "query (table)": 8.0, "belarus-nato --help": 5.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30, help="runs of each command per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each with its baseline")
    args = parser.parse_args()
    cli = tool("belarus-nato")
    commands = {
        "python -I -c pass": f"{sys.executable} -I -c pass",
        # what any click program pays before doing anything, for reference (no goal)
        "import click": f"{sys.executable} -I -c 'import click'",
        "query (piped, tsv)": f"{cli} query --actor NATO",
        "query (table)": f"{cli} query --actor NATO --format table --color always",
        "belarus-nato --help": f"{cli} --help",
    }
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="bn-startup-") as cache:
        env = {"BELARUS_NATO_CACHE": cache}
        subprocess.run(
            [cli, "index"], check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env}
        )
        for _ in range(args.rounds):
            got = medians(commands, runs=args.runs, env=env)
            base = got["python -I -c pass"]
            print(
                f"round: baseline {base * 1000:.1f} ms; "
                + ", ".join(
                    f"{name} {got[name] * 1000:.0f} ms"
                    for name in commands
                    if name != "python -I -c pass"
                )
            )
            for name in commands:
                ratios[name].append(got[name] / base)
    print()
    print(f"ratio to the baseline over {args.rounds} rounds of {args.runs} runs")
    print(f"{'command':22}{'lowest':>8}{'median':>8}{'highest':>8}{'goal':>7}")
    for name, values in ratios.items():
        if name == "python -I -c pass":
            continue
        goal = GOALS.get(name)
        mid = statistics.median(values)
        verdict = "" if goal is None else ("  ok" if mid <= goal else "  over")
        goal_text = f"{goal:.0f}x" if goal else ""
        print(f"{name:22}{min(values):7.2f}x{mid:7.2f}x{max(values):7.2f}x{goal_text:>7}{verdict}")


if __name__ == "__main__":
    main()
