"""A normal (non-editable) install into a fresh virtual environment works from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow  # builds and installs the wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        cwd=work,
    )
    wheel = next(wheels.glob("belarus_nato-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, cwd=work)
    return env_dir


def run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(cwd / "cache")
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_installed_tool_runs_from_another_folder(installed: Path, tmp_path: Path):
    exe = str(installed / "bin" / "belarus-nato")
    result = run(installed, exe, "query", "--actor", "NATO", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert any(r["id"] == "a000-relations-suspended" for r in records)


def test_installed_package_carries_its_facts(installed: Path, tmp_path: Path):
    python = str(installed / "bin" / "python")
    code = (
        "from belarus_nato_cli.model.discovery import embedded_facts_dir\n"
        "print(embedded_facts_dir())"
    )
    result = run(installed, python, "-c", code, cwd=tmp_path)
    facts = Path(result.stdout.strip())
    assert facts.is_dir() and str(installed) in str(facts)
    assert list(facts.rglob("*.toml"))
    validate = run(installed, str(installed / "bin" / "belarus-nato"), "validate", cwd=tmp_path)
    assert validate.returncode == 0, validate.stdout + validate.stderr


def test_python_dash_m_works(installed: Path, tmp_path: Path):
    python = str(installed / "bin" / "python")
    result = run(installed, python, "-m", "belarus_nato_cli", "--version", cwd=tmp_path)
    assert result.returncode == 0 and "belarus-nato" in result.stdout
