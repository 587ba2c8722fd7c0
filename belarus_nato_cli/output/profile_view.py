"""An actor's profile for people, drawn with rich: who they are by the curated record, then
the titles the sources give them, the disputed ones marked with what disputes them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from belarus_nato_cli.output.console import Screen
from belarus_nato_cli.output.formats import title_groups
from belarus_nato_cli.output.tables import STYLES, indented, labelled
from belarus_nato_cli.text import counted, inert

LABEL_WIDTH = 12
INDENT = 2
Profile = dict[str, Any]


def write_profiles(profiles: Iterable[Profile], screen: Screen) -> int:
    n = 0
    for p in profiles:
        if n:
            screen.blank()
        screen.print(profile_card(p, screen.width))
        n += 1
    return n


def _count(n: int, what: str) -> str:
    return counted(n, what) if n else "none"


def profile_card(p: Profile, width: int) -> Group:
    heading = Text(inert(p["name"]), "bold")
    heading.append(" [")
    heading.append(inert(p["id"]), STYLES["id"])
    heading.append("]")
    rows: list[tuple[str, Text]] = []

    def row(label: str, value: str | None) -> None:
        if value:
            rows.append((label + ":", Text(inert(value))))

    row("kind", p["kind"])
    row("aliases", ", ".join(p["aliases"]))
    row("description", p["description"])
    row("wikidata", p["qid"])
    row("speaks in", _count(p["statements_spoken"], "statement"))
    row("spoken of", _count(p["statements_named"], "statement"))  # as subject, partner, ...
    parts: list[RenderableType] = [heading, labelled(rows, width, INDENT, LABEL_WIDTH)]
    titles = title_groups(p["titles"])
    if titles:
        parts.append(indented(Text("titles the sources give:", "dim"), INDENT, width))
        parts += [title_block(first, count, width) for first, count in titles]
    return Group(*parts)


def title_block(t: dict[str, Any], count: int, width: int) -> RenderableType:
    """The title as the source gives it; beneath, where and when, and what disputes it."""
    title = Text(inert(t["title"]), "bold red" if t["disputed"] else "")
    if t["disputed"]:
        title.append(" ! disputed", "bold red")
    when = t["date"] or "undated"
    more = f" and {count - 1} more" if count > 1 else ""
    lines = [indented(title, INDENT * 2, width)]
    source = Text(inert(f"{t['source']}, {when}: {t['statement']}{more}"), "dim")
    lines.append(indented(source, INDENT * 3, width))
    d = t["disputed"]
    if d:
        where = ", ".join(x for x in (d["source"], d["date"]) if x)
        text = Text(inert(f"disputed by {d['statement']} ({where}): {d['reason']}"), "red")
        lines.append(indented(text, INDENT * 3, width))
    return Group(*lines)
