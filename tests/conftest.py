"""Shared fixtures: run the CLI as a user does, with an isolated cache; find the seed texts."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from belarus_nato_cli.cli import run

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
ARTICLE = SEEDS / "000_2a882158b83417ea.txt"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets its own index cache and no stray packs from the environment."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BELARUS_NATO_CACHE", str(cache))
    monkeypatch.delenv("BELARUS_NATO_FACTS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return cache


@pytest.fixture
def cli():
    """Run `belarus-nato ARGS` in-process through the real entry point's error handling."""

    def invoke(
        *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        with runner.isolation(input=input, env=env) as (out, err, _):
            code = run(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            return Result(
                code,
                out.getvalue().decode("utf-8", "replace"),
                err.getvalue().decode("utf-8", "replace"),
            )

    return invoke


@pytest.fixture
def sh(tmp_path: Path):
    """Run the installed `belarus-nato` as a separate process (real pipes, real exit)."""
    exe = Path(sys.executable).parent / "belarus-nato"

    def invoke(command: str, input: bytes | None = None, env: dict[str, str] | None = None):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            command.replace("belarus-nato", str(exe)),
            shell=True,
            executable="/bin/bash",  # for pipefail
            input=input,
            capture_output=True,
            cwd=tmp_path,
            env=full_env,
            timeout=120,
        )

    return invoke


@pytest.fixture
def article_text() -> str:
    if not ARTICLE.is_file():
        pytest.skip(f"source text not at hand: {ARTICLE} is absent (needs ../shared/seeds)")
    return ARTICLE.read_text(encoding="utf-8")
