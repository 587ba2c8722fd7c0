"""`ask` answers for people, drawn with rich: the answer, then each supporting statement as
a numbered block (text; who, how firmly and when; where it is stated; what disputes it; its
id with the disputed and corroborated marks). The wording comes from the ask package (its
`label` and `details`); this only draws it. On a terminal the prose wraps under its number;
piped, each part stays on one line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from belarus_nato_cli.environment import Environment
from belarus_nato_cli.output.console import Screen
from belarus_nato_cli.output.tables import STYLES, legend, mark_text
from belarus_nato_cli.text import inert

Record = dict[str, Any]  # a statement record as ask returns it (with score and disputes)


def write_answer(
    env: Environment,
    answer: str,
    results: Sequence[Record],
    label: Callable[[Record], str],
    details: Callable[[Record], list[str]] = lambda r: [],
    color_choice: str = "auto",
) -> None:
    """The answer line, then the numbered statements behind it."""
    screen = Screen(env, env.use_color(color_choice), wrap=env.stdout_isatty)
    head = Text("Answer: ", "bold")
    head.append(inert(answer))
    screen.print(head)
    screen.blank()
    for i, r in enumerate(results, 1):
        screen.print(result_block(i, r, label, details))
    key = legend(list(results))
    if key is not None:
        screen.blank()
        screen.print(key)


def result_block(
    number: int, r: Record, label: Callable[[Record], str], details: Callable[[Record], list[str]]
) -> Table:
    """One supporting statement under its number, wrapped with a hanging indent."""
    sp = r["speaker"]
    who = "the source's own analysis"
    if sp:
        who = sp["name"] + (f", {sp['title']}" if sp.get("title") else "")
    when = r["about"] or r["said"] or "undated"
    lines = [
        Text(inert(r["text"])),
        Text(f"{inert(who)} · {label(r)} · {inert(when)}", "dim"),
    ]
    lines += [Text("source: " + inert(where), "dim") for where in evidence_lines(r)]
    lines += [Text(inert(line), "red") for line in details(r)]
    ident = Text("id: ") + Text(inert(r["id"]), STYLES["id"]) + mark_text(r)
    if r.get("score") is not None:
        ident.append(f" · score {r['score']:.2f}")
    lines.append(ident)
    grid = Table.grid()
    prefix = f"{number}. "
    grid.add_column(width=max(3, len(prefix)), no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(prefix, Group(*lines))
    return grid


def evidence_lines(r: Record, at_most: int = 2) -> list[str]:
    out = []
    for ev in r["evidence"][:at_most]:
        parts = [ev["source"]]
        if ev["start"] is not None:
            parts.append(f"{ev['start']}-{ev['end']}")
        elif ev["locator"]:
            parts.append(f"({ev['locator']})")
        if ev["quote"]:
            parts.append(f'"{ev["quote"]}"')
        out.append(" ".join(parts))
    return out
