"""The README's reference is the code's: its command help, option tables, field and record
tables and exit codes are written by cog from the CLI, and must be current."""

from __future__ import annotations

import re

import pytest

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli import COMMANDS
from belarus_nato_cli.record import RECORD_KEYS_DOC, StatementRecord

from .conftest import REPO

README = REPO / "README.md"


def test_the_readme_reference_matches_the_code(tmp_path):
    from cogapp import Cog

    copy = tmp_path / "README.md"
    copy.write_text(README.read_text(encoding="utf-8"), encoding="utf-8")
    status = Cog().main(["cog", "-r", str(copy)])
    assert status == 0
    if copy.read_text(encoding="utf-8") != README.read_text(encoding="utf-8"):
        pytest.fail("the README's generated sections are out of date: run `cog -r README.md`")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help_and_a_place_in_the_readme(cli, name):
    shown = cli(name, "--help")
    assert shown.code == 0
    assert COMMANDS[name][2] in " ".join(shown.stdout.split())
    readme = README.read_text(encoding="utf-8")
    assert f"\n### belarus-nato {name}\n" in readme
    assert f"| `{name}` | {COMMANDS[name][2]} |" in readme


def test_every_exit_code_has_a_meaning():
    codes = {v for k, v in vars(exitcodes).items() if k.isupper() and isinstance(v, int)}
    assert set(exitcodes.MEANINGS) == codes


def test_the_record_table_covers_every_key_of_the_record():
    documented = [key for keys, _ in RECORD_KEYS_DOC for key in keys]
    assert len(documented) == len(set(documented))
    assert set(documented) == StatementRecord.__required_keys__ | StatementRecord.__optional_keys__


def test_the_readme_fields_table_lists_what_fields_offers(cli):
    offered = cli("query", "--fields", "nonsense").stderr.split("choose from ", 1)[1].split(", ")
    readme = README.read_text(encoding="utf-8")
    table = readme.split("| field | what it shows | plain column |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", table, re.M)
    assert listed == [name.strip() for name in offered]
