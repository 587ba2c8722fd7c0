"""The `text` views, drawn with rich: a card per statement (what `show` prints), the timeline
headed by year and month, and catalogues as aligned columns. On a terminal the prose wraps at
word boundaries under its label; piped, each field stays on one line."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Group, RenderableType
from rich.text import Text

from belarus_nato_cli.edtf import human_edtf
from belarus_nato_cli.output.console import Screen
from belarus_nato_cli.output.formats import Marks, dated, worded_date
from belarus_nato_cli.output.tables import STYLES, highlight, indented, labelled, legend, mark_text
from belarus_nato_cli.record import FlatRecord, StatementRecord
from belarus_nato_cli.text import inert

LABEL_WIDTH = 12
INDENT = 2
LINK_VERBS = {
    ("corroborates", "out"): "corroborates",
    ("corroborates", "in"): "corroborated by",
    ("contradicts", "out"): "contradicts",
    ("contradicts", "in"): "contradicted by",
    ("context", "out"): "gives context to",
    ("context", "in"): "context from",
}
REPORTED = ("indirect_speech", "media_report", "unattributed_framing")


def certainty_label(r: StatementRecord) -> str:
    """Certainty, with hedged and reported claims labelled so."""
    label = str(r["certainty"])
    if r.get("hedges"):
        label += " (hedged: " + "; ".join(r["hedges"]) + ")"
    if r["attribution"] in REPORTED:
        label += ", reported"
    return label


def standing(r: FlatRecord) -> str:
    """'disputed', 'corroborated', both or nothing, in words."""
    return ", ".join(k for k in ("disputed", "corroborated") if r.get(k))


def write_statements(
    records: Iterable[StatementRecord],
    screen: Screen,
    describe: Callable[[str], str],
    marks: Marks[StatementRecord] | None = None,
) -> int:
    """Statements in full, one card each, a blank line between; with `marks`, the words a
    --text search matched in reverse video (not in the id)."""
    n = 0
    for r in records:
        if n:
            screen.blank()
        words = marks(r) if marks is not None else frozenset()
        screen.print(statement_card(r, describe, screen.width, words))
        n += 1
    return n


def statement_card(
    r: StatementRecord,
    describe: Callable[[str], str],
    width: int,
    words: frozenset[str] = frozenset(),
) -> Group:
    """A statement in full: text, speaker and title, attribution and certainty, dates in
    words and EDTF, evidence with its source, links and notes."""
    rows: list[tuple[str, Text]] = []

    def row(label: str, value: str, style: str = "") -> None:
        if value:
            rows.append((label + ":" if label else "", Text(inert(value), style)))

    sp = r["speaker"]
    if sp:
        title = f", {sp['title']} (title as the source gives it)" if sp.get("title") else ""
        row("speaker", f"{sp['name']} [{sp['id']}]{title}")
    else:
        row("speaker", "none (the source's own analysis)")
    cue = f' (cue: "{r["cue"]}")' if r["cue"] else ""
    row("attribution", r["attribution"].replace("_", " ") + cue)
    row("certainty", certainty_label(r))
    row("standing", standing(r), "bold")
    row("about", worded_date(r["about"], moment=False))
    row("said", worded_date(r["said"], moment=True))
    row("actors", ", ".join(f"{a['name']} ({a['role']})" for a in r["actors"]))
    row("topics", ", ".join(t["label"] for t in r["topics"]))
    _evidence(r, describe, row)
    for i, link in enumerate(r["links"]):
        verb = LINK_VERBS[link["kind"], link["direction"]]
        when = f", {link['date']}" if link["date"] else ""
        text = f"{verb} {link['id']} ({link['source']}{when}): {link['reason']}"
        row("links" if i == 0 else "", text)
    for i, note in enumerate(r["notes"]):
        row("notes" if i == 0 else "", note)
    if r.get("score") is not None:
        row("score", f"{r['score']:.3f}")
    heading = Text(inert(r["id"]), STYLES["id"]) + mark_text(r)
    claim = Text(inert(r["text"]))
    for cell in [claim, *(value for _, value in rows)]:
        highlight(cell, words)
    return Group(
        heading, indented(claim, INDENT, width), labelled(rows, width, INDENT, LABEL_WIDTH)
    )


def _evidence(
    r: StatementRecord, describe: Callable[[str], str], row: Callable[[str, str], None]
) -> None:
    described: set[str] = set()
    for i, ev in enumerate(r["evidence"]):
        where = f"{ev['start']}-{ev['end']}" if ev["start"] is not None else ev["locator"] or ""
        quote = f' "{ev["quote"]}"' if ev["quote"] else ""
        row("evidence" if i == 0 else "", f"{ev['source']} {where}{quote}".strip())
        if ev["source"] not in described:  # each source's details once
            described.add(ev["source"])
            for line in describe(ev["source"]).splitlines():
                row("", line)


def write_timeline(
    records: Iterable[FlatRecord],
    screen: Screen,
    period_of: Callable[[FlatRecord], str],
    marks: Marks[FlatRecord] | None = None,
) -> int:
    """Headed by year and month, one entry a statement: when, who, what, and its id."""
    shown = list(records)
    current = None
    for n, r in enumerate(shown):
        filed = period_of(r)
        if filed != current:
            if n:
                screen.blank()
            heading = "undated" if filed == "undated" else human_edtf(filed)
            screen.print(Text(inert(heading), STYLES["period"]))
            current = filed
        screen.print(timeline_entry(r, screen.width, marks(r) if marks else frozenset()))
    key = legend(shown)
    if key is not None:
        screen.blank()
        screen.print(key)
    return len(shown)


def timeline_entry(
    r: FlatRecord, width: int, words: frozenset[str] = frozenset()
) -> RenderableType:
    """When (in words and EDTF), who, what, and the id, wrapped under one indent; the words
    a --text search matched in reverse video."""
    line = Text()
    line.append(inert(dated(r)), STYLES["date"])
    line.append("  ")
    said = Text()
    if r["speaker"]:
        said.append(inert(r["speaker"]["name"]), STYLES["speaker"])
        said.append(": ")
    said.append(inert(r["text"]))
    highlight(said, words)
    line.append_text(said)
    line.append(" [")
    line.append(inert(r["id"]), STYLES["id"])
    line.append("]")
    line.append_text(mark_text(r))
    return indented(line, INDENT, width)
