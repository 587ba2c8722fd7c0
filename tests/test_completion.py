"""Completion as bash runs it: the script `completion bash` prints is loaded into a real bash,
its completion function is called as bash calls it on TAB, and the words it would insert are
checked (and, for values with spaces, run as part of a command)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.slow  # a bash and a process per completion


def completions(*words: str) -> list[str]:
    """The words bash would offer for the last of `words` (the one being completed)."""
    line = ["belarus-nato", *words]
    script = (
        'eval "$(belarus-nato completion bash)"\n'
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in line)})\n"
        f"COMP_CWORD={len(line) - 1}\n"
        "_belarus_nato_completion belarus-nato\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    proc = subprocess.run(
        ["bash", "--norc", "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    return [w for w in proc.stdout.splitlines() if w]


def test_surnames_and_alias_words_complete_to_ids():
    assert completions("query", "--speaker", "Rev") == ["valery-revenko"]
    assert "valery-revenko" in completions("query", "--actor", "valery")
    assert "alexander-lukashenko" in completions("query", "--actor", "Lukash")
    # a speaker's completion offers only those who make statements
    assert "cuba" not in completions("query", "--speaker", "c")


def test_topics_sources_statements_and_fields_complete():
    assert "border-security" in completions("query", "--topic", "border")
    assert completions("query", "--source", "tass-2021") == ["tass-2021-11-23"]
    assert "a000-revenko-describes-approach" in completions("show", "a000-rev")
    assert completions("query", "--fields", "id,da") == ["id,date"]
    assert "description" in completions("actors", "--fields", "desc")


def test_a_value_with_spaces_arrives_quoted_and_runs(tmp_path):
    offered = completions("query", "--publisher", "SB")
    assert offered == ["'SB. Belarus Today'"]
    # the word as bash inserts it, run as the user would run the line
    line = f"belarus-nato query --publisher {offered[0]} --format ids"
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-c", line], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and proc.stdout.strip(), proc.stderr


@pytest.mark.parametrize("words", [("query", "--actor", ""), ("show", "")])
def test_an_empty_word_offers_candidates(words):
    assert len(completions(*words)) > 5
