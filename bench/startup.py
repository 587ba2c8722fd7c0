"""Start-up cost of the CLI, as ratios to `python -I -c pass` measured in the same run.

Goals (issue: fast from the first keystroke): a piped query at most 5x, the same query
rendered as a table at most 8x, --help at most 5x. The index is warm (built before timing).
"On a terminal" is measured as `--format table --color always`: the code path a terminal takes,
without a pseudo-terminal in the way of the timing.

    python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from _timing import medians, tool

GOALS = {"query (piped, tsv)": 5.0, "query (table)": 8.0, "belarus-nato --help": 5.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {"BELARUS_NATO_CACHE": tempfile.mkdtemp(prefix="bn-startup-")}
    cli = tool("belarus-nato")
    subprocess.run([cli, "index"], check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
    commands = {
        "python -I -c pass": f"{sys.executable} -I -c pass",
        # the floor any click program pays, for reference (no goal)
        "python -c 'import click'": f"{sys.executable} -c 'import click'",
        "query (piped, tsv)": f"{cli} query --actor NATO",
        "query (table)": f"{cli} query --actor NATO --format table --color always",
        "belarus-nato --help": f"{cli} --help",
    }
    got = medians(commands, runs=args.runs, env=env)
    base = got["python -I -c pass"]
    print(f"{'command':24}{'median ms':>12}{'ratio':>8}{'goal':>8}")
    for name in commands:
        ratio = got[name] / base
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("  ok" if ratio <= goal else "  over")
        goal_text = f"{goal:.0f}x" if goal else ""
        print(f"{name:24}{got[name] * 1000:12.1f}{ratio:7.2f}x{goal_text:>8}{verdict}")


if __name__ == "__main__":
    main()
