"""The README's examples are real: each `$ belarus-nato ...` in a console block is run and its
output compared with what the README shows. `UPDATE_README=1 pytest tests/test_readme.py`
rewrites the blocks from real runs (review the diff before committing)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SEEDS, require_shared

README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    out = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ (.*)\n", block, flags=re.M)
        for command, expected in zip(parts[1::2], parts[2::2], strict=True):
            out.append((command, expected))
    return out


def run(command: str, cache: Path, cwd: Path) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BELARUS_NATO_", "NO_COLOR", "FORCE_COLOR"))
    }
    env.update(
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        BELARUS_NATO_CACHE=str(cache),
        COLUMNS="100",
        TERM="xterm",
    )
    proc = subprocess.run(
        ["bash", "-c", command.replace("../shared/", f"{SEEDS.parent}/")],
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    return "\n".join(line.rstrip() for line in proc.stdout.splitlines()) + "\n"


@pytest.mark.slow
def test_readme_examples_show_real_output(tmp_path):
    require_shared(SEEDS)  # some examples read the source text
    text = README.read_text(encoding="utf-8")
    found = examples(text)
    assert len(found) >= 8
    if os.environ.get("UPDATE_README"):
        for command, expected in found:
            actual = run(command, tmp_path / "cache", tmp_path)
            text = text.replace(f"$ {command}\n{expected}", f"$ {command}\n{actual}", 1)
        README.write_text(text, encoding="utf-8")
        return
    for command, expected in found:
        expected = "\n".join(line.rstrip() for line in expected.splitlines()) + "\n"
        assert run(command, tmp_path / "cache", tmp_path) == expected, command
