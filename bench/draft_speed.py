"""How long `draft` takes on a 100 kB article (goal: under 2 s), with baselines in the same
run: the tool's start-up (`belarus-nato --version`) and `draft` on the 3 kB dev article.

The 100 kB text is the dev article and the first article, alternated until it passes
100,000 bytes (../shared/eval/draft-dev/article-b.txt and ../shared/seeds). Each command is
timed with GNU time, one run after another; the figures are medians of --runs runs (the
machine is shared, so the spread and the CPU time are printed too), with the peak memory of
the large draft.

    python bench/draft_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import require, tool

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEV = SHARED / "eval" / "draft-dev" / "article-b.txt"
SEED = SHARED / "seeds" / "000_2a882158b83417ea.txt"
GOAL_SECONDS = 2.0
SIZE = 100_000


def large_text(folder: Path) -> Path:
    parts = [DEV.read_text(encoding="utf-8").strip(), SEED.read_text(encoding="utf-8").strip()]
    text = ""
    while len(text.encode()) < SIZE:
        text += parts[0] + "\n" + parts[1] + "\n"
    path = folder / "large-article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def timed(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one run, from GNU time's own accounting. The
    CPU time (user + system) moves less than the wall time when other work shares the
    machine."""
    gnu_time = require("/usr/bin/time", "time")
    proc = subprocess.run(
        [gnu_time, "-f", "%e %U %S %M", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{proc.stderr[-800:]}")
    m = re.search(r"^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$", proc.stderr.strip(), re.M)
    assert m, proc.stderr
    wall, user, system, rss = m.groups()
    return float(wall), float(user) + float(system), int(rss) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not DEV.is_file() or not SEED.is_file():
        sys.exit(f"the articles are not at hand: {DEV} and {SEED} are needed")
    cli = tool("belarus-nato")
    with tempfile.TemporaryDirectory(prefix="bn-draft-") as folder:
        large = large_text(Path(folder))
        commands = {
            "start-up (--version)": [cli, "--version"],
            f"draft, dev article ({DEV.stat().st_size / 1000:.1f} kB)": [cli, "draft", str(DEV)],
            f"draft, {large.stat().st_size / 1000:.0f} kB": [cli, "draft", str(large)],
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        peak = 0.0
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu, rss = timed(command)
                walls[name].append(wall)
                cpus[name].append(cpu)
                if command[-1] == str(large):
                    peak = max(peak, rss)
    base = statistics.median(walls["start-up (--version)"])
    print(f"{'command':<28} {'median s':>9} {'min-max s':>12} {'x start-up':>11} {'CPU s':>7}")
    for name, values in walls.items():
        med = statistics.median(values)
        spread = f"{min(values):.2f}-{max(values):.2f}"
        cpu = statistics.median(cpus[name])
        print(f"{name:<28} {med:>9.2f} {spread:>12} {med / base:>10.1f}x {cpu:>7.2f}")
    large_median = statistics.median(walls[list(commands)[-1]])
    verdict = "meets" if large_median < GOAL_SECONDS else "MISSES"
    print(f"peak memory of the large draft: {peak:.0f} MB")
    print(f"goal: under {GOAL_SECONDS:.0f} s on 100 kB; median {large_median:.2f} s: {verdict}")
    return 0 if large_median < GOAL_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
