"""Every command explains itself: the command list's line is the first paragraph of the
command's own help (the list is kept apart so that --help imports no command)."""

from __future__ import annotations

import pytest

from belarus_nato_cli.cli import COMMANDS


def _first_paragraph(help_text: str) -> str:
    lines = help_text.split("\n\n", 1)[0]
    return " ".join(lines.split())


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_command_list_line_is_the_commands_own_help(cli, name):
    listed = cli("--help")
    assert listed.code == 0
    own = cli(name, "--help")
    assert own.code == 0
    usage, summary = own.stdout.split("\n\n", 2)[:2]
    assert usage.startswith(f"Usage: belarus-nato {name}")
    line = COMMANDS[name][2]
    assert _first_paragraph(summary) == line
    assert f"  {name}  " in listed.stdout
    # the list shows that line (however the terminal wraps it)
    assert " ".join(line.split()) in " ".join(listed.stdout.split())
