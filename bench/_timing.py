"""Whole-process timing with public tools: hyperfine for medians, /usr/bin/time -v for peak RSS."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BIN = Path(sys.executable).parent


@contextlib.contextmanager
def work_folder(keep: Path | None, prefix: str) -> Iterator[Path]:
    """The folder a benchmark works in: `keep` if given (left for later), else a temporary
    one removed at the end."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


def tool(name: str) -> str:
    """The installed command, next to this python."""
    _warn_if_not_installed()
    return str(BIN / name)


@functools.cache
def _warn_if_not_installed() -> None:
    """Once a run: an editable install's import hooks add start-up time a normal install
    does not have, so its figures would be higher than users see."""
    where = subprocess.run(
        [sys.executable, "-I", "-c", "import belarus_nato_cli; print(belarus_nato_cli.__file__)"],
        capture_output=True,
        text=True,
    ).stdout
    if "site-packages" not in where:
        print(
            "warning: belarus-nato is not a normal install here (an editable one?); "
            "start-up times will be higher than users see",
            file=sys.stderr,
        )


def require(program: str, package: str) -> str:
    found = shutil.which(program)
    if not found:
        sys.exit(f"{program} is needed for this benchmark (Debian package: {package})")
    return found


def medians(
    commands: dict[str, str], runs: int = 20, warmup: int = 3, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Median wall seconds of each command, from one hyperfine run (which times the commands
    one after another, not interleaved)."""
    hyperfine = require("hyperfine", "hyperfine")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    args = [
        hyperfine,
        "-N",
        # exit 1 is "no results" here, an answer like any other (a small pack may have none)
        "--ignore-failure",
        "--style",
        "none",
        "-w",
        str(warmup),
        "-r",
        str(runs),
        "--export-json",
        out,
    ]
    for name, command in commands.items():
        args += [f"--command-name={name}", command]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    results = json.loads(Path(out).read_text())["results"]
    os.unlink(out)
    return {r["command"]: float(r["median"]) for r in results}


def peak_rss_mb(command: str, env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run, from GNU time's own accounting."""
    gnu_time = require("/usr/bin/time", "time")
    proc = subprocess.run(
        [gnu_time, "-v", *shlex.split(command)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if not m:
        sys.exit(f"could not read the peak memory of: {command}\n{proc.stderr[-500:]}")
    return int(m.group(1)) / 1024


def timed_run(command: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak MB) of one run, both from GNU time."""
    gnu_time = require("/usr/bin/time", "time")
    proc = subprocess.run(
        [gnu_time, "-v", *shlex.split(command)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        sys.exit(f"failed: {command}\n{proc.stderr[-800:]}")
    wall = re.search(
        r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", proc.stderr
    )
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    assert wall and rss
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) / 1024
