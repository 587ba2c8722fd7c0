"""The views for people, through the public entry point with an environment of the test's own
(a terminal of a given width, colour or not) instead of patched globals."""

from __future__ import annotations

import io
import re

from rich.cells import cell_len

from belarus_nato_cli.cli import run
from belarus_nato_cli.environment import Environment

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def terminal(*args: str, columns: int = 100, **settings: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdout=out,
        stderr=err,
        stdin=None,
        stdout_isatty=True,
        stderr_isatty=True,
        terminal_columns=columns,
    ).but(**settings)
    code = run(list(args), env=env)
    return code, out.getvalue(), err.getvalue()


def plain(*args: str, **settings: object) -> str:
    """What the terminal shows, without the colour escapes."""
    return ANSI.sub("", terminal(*args, **settings)[1])


def test_a_terminal_gets_a_table_and_a_pipe_gets_tsv():
    table = plain("query", "--actor", "Cuba")
    header = ["id", "date", "speaker", "certainty", "text"]
    assert table.splitlines()[0].split() == header
    code, tsv, _ = terminal("query", "--actor", "Cuba", stdout_isatty=False)
    assert code == 0 and all(len(line.split("\t")) == 5 for line in tsv.splitlines())


def test_colour_only_when_asked_and_only_around_text():
    _, auto, _ = terminal("query", "--actor", "Cuba")
    _, plain, _ = terminal("query", "--actor", "Cuba", "--color", "never")
    _, never_env, _ = terminal("query", "--actor", "Cuba", no_color=True)
    _, dumb, _ = terminal("query", "--actor", "Cuba", term="dumb")
    assert "\x1b[" in auto and ANSI.sub("", auto) == plain
    assert "\x1b" not in plain and never_env == plain and dumb == plain
    _, forced, _ = terminal(
        "query", "--actor", "Cuba", "--format", "table", stdout_isatty=False, force_color=True
    )
    assert "\x1b[" in forced and ANSI.sub("", forced) == plain


def test_columns_overrides_the_terminal_and_zero_means_80():
    for columns, override, expected in [(0, "", 80), (200, "60", 60), (0, "0", 80)]:
        shown = plain("query", "--actor", "NATO", columns=columns, columns_override=override)
        widest = max(cell_len(line) for line in shown.splitlines())
        assert expected - 15 <= widest <= expected, (columns, override, widest)


def _pack(tmp_path, text: str, speaker: str = "Mx [bold]Test[/bold]"):
    pack = tmp_path / "odd.toml"
    pack.write_text(
        '[[sources]]\nid = "odd"\nlanguage = "en"\n\n'
        f'[[entities]]\nid = "mx"\nkind = "person"\nname = "{speaker}"\n\n'
        f'[[statements]]\nid = "odd-1"\ntext = "{text}"\nspeaker = "mx"\n'
        'attribution = "author_assertion"\ncertainty = "certain"\n'
        '[[statements.evidence]]\nsource = "odd"\n',
        encoding="utf-8",
    )
    return str(pack)


def test_data_text_is_never_read_as_markup_and_control_characters_stay_escaped(tmp_path):
    pack = _pack(tmp_path, "A [red]claim[/red] with a bell \\u0007 and [link=x]y[/link].")
    for fmt in ("table", "text"):
        code, shown, _ = terminal("--facts", pack, "show", "odd-1", "--format", fmt)
        assert code == 0
        assert "[red]claim[/red]" in shown and "[link=x]y[/link]" in shown
        assert "[bold]Test[/bold]" in shown
        assert "\x07" not in shown and "\\x07" in shown
        assert "\x1b" in shown  # colour is on, yet only our own styles are escapes


def test_wide_characters_are_measured_as_two_columns(tmp_path):
    text = "北大西洋公约组织" * 6 + " 与白俄罗斯 and NATO"
    pack = _pack(tmp_path, text, speaker="Mx")
    shown = plain("--facts", pack, "query", "--actor", "mx", columns=60)
    assert all(cell_len(line) <= 60 for line in shown.splitlines())
    assert "".join(text.split()) in "".join(shown.split())  # read in order, the text is whole


def test_show_piped_as_text_keeps_each_field_on_one_line():
    code, shown, _ = terminal("show", "a000-revenko-describes-approach", stdout_isatty=False)
    assert code == 0
    lines = shown.splitlines()
    assert lines[0] == "a000-revenko-describes-approach !"
    assert any(line.startswith("  links:       contradicted by revenko-") for line in lines)
    assert any('"the deputy minister of defense for Belarus"' in line for line in lines)


def test_a_mistyped_command_gets_a_suggestion():
    code, _, err = terminal("querry")
    assert code == 2 and "no such command 'querry'; did you mean 'query'?" in err
    code, _, err = terminal("sohw")
    assert code == 2 and "did you mean 'show'?" in err
    code, _, err = terminal("zzzzzz")
    assert code == 2 and "no such command 'zzzzzz'" in err and "did you mean" not in err
