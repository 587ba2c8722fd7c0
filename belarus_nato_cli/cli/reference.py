"""The README's reference sections, generated from the code with cog (`cog -r README.md`):
the command list and each command's help, option tables, the exit codes and the record's
fields. A test fails when the README and these drift apart."""

from __future__ import annotations

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli import COMMANDS, cli
from belarus_nato_cli.record import RECORD_KEYS_DOC, STATEMENT_FIELDS

WIDTH = 100  # the help is laid out for a terminal this wide


def _command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, name
    return command


def help_text(*args: str) -> str:
    """`belarus-nato ARGS --help` as a terminal WIDTH columns wide shows it."""
    from click.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(cli, [*args, "--help"], prog_name="belarus-nato", terminal_width=WIDTH)
    return result.output


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def commands_table() -> str:
    rows = [f"| `{name}` | {_cell(entry[2])} |" for name, entry in COMMANDS.items()]
    return "\n".join(["| command | what it does |", "|---|---|", *rows]) + "\n"


def command_reference() -> str:
    """Every command's --help, each under its own heading."""
    parts = ["### belarus-nato --help\n", "```text", help_text().rstrip(), "```\n"]
    for name in COMMANDS:
        parts += [f"### belarus-nato {name}\n", "```text", help_text(name).rstrip(), "```\n"]
    return "\n".join(parts)


OUTPUT_OPTIONS = ("--format", "--fields", "--color")  # the same on every listing command


def options_table(
    name: str, only: tuple[str, ...] | None = None, leave_out: tuple[str, ...] = ()
) -> str:
    """The command's options with their help: all, or `only` these, but not `leave_out`."""
    rows = []
    for param in _command(name).params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        flag = max(param.opts, key=len)
        if flag in leave_out or (only is not None and flag not in only):
            continue
        metavar = "" if param.is_flag else " " + param.make_metavar(click.Context(cli))
        rows.append(f"| `{_cell(flag + metavar)}` | {_cell(param.help or '')} |")
    return "\n".join(["| option | what it does |", "|---|---|", *rows]) + "\n"


def exit_codes_table() -> str:
    rows = [f"| {code} | {meaning} |" for code, meaning in exitcodes.MEANINGS.items()]
    return "\n".join(["| code | meaning |", "|---|---|", *rows]) + "\n"


def fields_table() -> str:
    rows = [
        f"| `{name}` | {_cell(field.help)} | {'yes' if field.flat else ''} |"
        for name, field in STATEMENT_FIELDS.items()
    ]
    head = ["| field | what it shows | plain column |", "|---|---|:-:|"]
    return "\n".join([*head, *rows]) + "\n"


def record_keys_table() -> str:
    rows = [f"| {', '.join(f'`{k}`' for k in keys)} | {text} |" for keys, text in RECORD_KEYS_DOC]
    return "\n".join(["| key | value |", "|---|---|", *rows]) + "\n"
