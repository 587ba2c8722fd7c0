"""Where the platform lacks what the build prefers: no fcntl (Windows has none) and no fork
(Windows and, by default, macOS). Both are forced here, since CI runs on Linux only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from packs import big_pack

# Runs a command as the installed tool does, with fcntl unimportable and fork unavailable;
# a writer process being started at all fails the run.
WITHOUT_FCNTL_AND_FORK = """
import sys
sys.modules["fcntl"] = None  # import fcntl now raises ImportError, as on Windows
import multiprocessing
multiprocessing.get_all_start_methods = lambda: ["spawn"]
import belarus_nato_cli.index.build as build

class NoProcesses:
    def __init__(self, *args, **kwargs):
        raise AssertionError("a writer process was started")

build.ProcessWriter = NoProcesses
from belarus_nato_cli.cli import run
code = run(sys.argv[1:])
sys.stdout.flush()
print("fcntl" in sys.modules and sys.modules["fcntl"] is not None, file=sys.stderr)
sys.exit(code)
"""

pytestmark = pytest.mark.slow  # forces other platforms' locking and builds


def run_without(args: list[str], cache: Path, cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(cache)
    return subprocess.Popen(
        [sys.executable, "-c", WITHOUT_FCNTL_AND_FORK, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,  # not the checkout: the installed package is the one tested
    )


def test_builds_without_fcntl_or_fork_take_turns_and_use_one_process(tmp_path, sh):
    pack = big_pack(tmp_path / "pack", n=12_000)  # more than one batch: two processes if it could
    cache = tmp_path / "c"
    args = ["--facts", str(pack), "query", "--actor", "Example", "--format", "ids"]
    procs = [run_without(args, cache, tmp_path) for _ in range(3)]  # concurrent builders
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    assert [e for _, e in outs] == ["False\n"] * 3  # no warning, no note; fcntl never loaded
    assert len({o for o, _ in outs}) == 1 and len(outs[0][0].splitlines()) == 12_000
    # the index they left is the one a normal run reads, whole and fresh
    normal = sh(f"belarus-nato --facts {pack} index", env={"BELARUS_NATO_CACHE": str(cache)})
    assert normal.returncode == 0 and b"state\tup to date" in normal.stdout
    assert not list(cache.glob("*.tmp-*"))
