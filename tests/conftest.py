"""Shared fixtures: run the CLI as a user does, with an isolated cache; find the seed texts."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def embedded_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded facts' index, built once a session for the caches below to start from."""
    from belarus_nato_cli.index.cache import PackSet, open_index

    cache = tmp_path_factory.mktemp("embedded-index")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BELARUS_NATO_CACHE", str(cache))
        open_index(PackSet()).conn.close()
    (index,) = cache.glob("index-*.sqlite")
    return index


@pytest.fixture(autouse=True)
def isolated_cache(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Each test gets its own index cache and no stray packs from the environment. The cache
    starts with the embedded facts' index already built (a copy: building it for every test
    was most of the suite's time), unless the test is marked `empty_cache`."""
    cache = tmp_path_factory.mktemp("cache")
    if request.node.get_closest_marker("empty_cache") is None:
        index = request.getfixturevalue("embedded_index")
        shutil.copyfile(index, cache / index.name)
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


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_shared(path: Path) -> Path:
    """A file or folder beside the checkout (../shared/...). Where it is absent the test is
    skipped, saying so; in CI, where it must be there, the test fails instead."""
    if not path.exists():
        message = f"{path} is absent (the source texts live in ../shared beside the checkout)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seeds() -> Path:
    """The seed source texts (../shared/seeds)."""
    return require_shared(SEEDS)


@pytest.fixture
def article_text() -> str:
    return require_shared(ARTICLE).read_text(encoding="utf-8")
