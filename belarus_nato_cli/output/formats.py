"""Machine and plain-text output: tsv, csv, json, jsonl, ids and text (tables: table.py).

Every listing is a `Listing`: JSON records plus the flat fields tabular formats show.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TextIO, TypeVar

from belarus_nato_cli.record import FlatRecord, SourceRecord, StatementRecord, join
from belarus_nato_cli.text import csv_cell, inert, json_inert

R = TypeVar("R")  # a record: a statement record (record.py) or a catalogue row
Row = Mapping[str, object]  # a catalogue row, read by field name


def simple_fields(names: Iterable[str]) -> dict[str, Callable[[Row], str]]:
    """Fields that print a catalogue row's value of the same name."""

    def getter(name: str) -> Callable[[Row], str]:
        def get(r: Row) -> str:
            value = r.get(name)
            if value is None:
                return ""
            if isinstance(value, list):
                return join(value, " | ")
            return str(value)

        return get

    return {n: getter(n) for n in names}


class Listing(Generic[R]):
    """Records to print, with the fields (columns) the tabular formats can show.
    `text` writes the records for `--format text`, `markdown` for `--format markdown`;
    without them, text is aligned columns of the fields and markdown a table of them."""

    def __init__(
        self,
        records: Iterable[R],
        fields: Mapping[str, Callable[[R], str]],
        default_fields: list[str],
        kind: str = "statement",  # statement | entity | topic | source | timeline
        text: Callable[[Iterable[R], TextIO], int] | None = None,
        markdown: Callable[[Iterable[R], TextIO], int] | None = None,
        marks: Callable[[R], frozenset[str]] | None = None,
    ) -> None:
        self.records = records
        self.fields = fields
        self.default_fields = default_fields
        self.kind = kind
        self.text = text
        self.markdown = markdown
        # a record's words to highlight on a terminal (lower case): what --text matched
        self.marks = marks

    def with_fields(self, fields: Mapping[str, Callable[[R], str]]) -> Listing[R]:
        return Listing(
            self.records,
            fields,
            self.default_fields,
            self.kind,
            self.text,
            self.markdown,
            self.marks,
        )


# Date fields that read better with words beside the EDTF on a terminal, and whether the
# date is a moment (a `said` range bounds one moment: "between ... and ...").
_DATE_FIELDS = {"date": None, "about": False, "said": True, "published": True}


def with_date_words(fields: Mapping[str, Callable[[R], str]]) -> dict[str, Callable[[R], str]]:
    """The fields, their dates shown as "2021-11/.. (since Nov 2021)": for tables and
    text columns; tsv, csv and json keep the bare EDTF."""
    from belarus_nato_cli.edtf import short_date

    def worded(read: Callable[[R], str], moment: bool | None) -> Callable[[R], str]:
        def read_worded(r: R) -> str:
            value = read(r)
            if not value or " | " in value:  # several sources' dates: left as they are
                return value
            # `date` is `about`, or else `said`, a moment
            is_moment = not r.get("about") if moment is None else moment  # type: ignore[attr-defined]
            words = short_date(value, is_moment)
            return f"{value} ({words})" if words else value

        return read_worded

    return {
        name: worded(read, _DATE_FIELDS[name]) if name in _DATE_FIELDS else read
        for name, read in fields.items()
    }


def write_json(records: Iterable[object], out: TextIO) -> int:
    n = 0
    out.write("[")
    for r in records:
        out.write(",\n" if n else "\n")
        out.write(json_inert(json.dumps(r, ensure_ascii=False)))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[object], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json_inert(json.dumps(r, ensure_ascii=False)))
        out.write("\n")
        n += 1
    return n


def write_tsv(listing: Listing[R], fields: list[str], out: TextIO) -> int:
    n = 0
    fns = [listing.fields[f] for f in fields]
    write = out.write
    for r in listing.records:  # runs for every row of a large listing: kept to one write
        write("\t".join([inert(fn(r)) for fn in fns]) + "\n")
        n += 1
    return n


def write_csv(listing: Listing[R], fields: list[str], out: TextIO, terminal: bool) -> int:
    import csv

    fns = [listing.fields[f] for f in fields]
    # RFC 4180 line ends: a cell holding a bare carriage return is then quoted too
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    n = 0
    for r in listing.records:
        cells = [csv_cell(fn(r)) for fn in fns]
        writer.writerow([inert(c) for c in cells] if terminal else cells)
        n += 1
    return n


def write_ids(listing: Listing[R], out: TextIO) -> int:
    n = 0
    get_id = listing.fields["id"]
    for r in listing.records:
        out.write(inert(get_id(r)) + "\n")
        n += 1
    return n


def write_text(listing: Listing[R], fields: list[str] | None, out: TextIO) -> int:
    if listing.text is not None:  # statements and timelines: --fields does not apply
        return listing.text(listing.records, out)
    return write_columns(listing, fields or listing.default_fields, out)


_WORDS = re.compile(r"\w+")
Marks = Callable[[R], frozenset[str]]  # a record's words to highlight, in lower case


def mark_words(text: str, words: frozenset[str]) -> str:
    """The given words of an (inert) text in reverse video, which keeps any colour around it."""
    if not words:
        return text
    return _WORDS.sub(lambda m: _reverse(m[0]) if m[0].casefold() in words else m[0], text)


def _reverse(word: str) -> str:
    return f"\x1b[7m{word}\x1b[27m"


def write_statements_text(
    records: Iterable[StatementRecord],
    out: TextIO,
    source_info: Callable[[str], str],
    marks: Marks[StatementRecord] | None = None,
) -> int:
    """Statements in full, one block each, a blank line between; with `marks`, the words a
    --text search matched highlighted (not in the id line)."""
    n = 0
    for r in records:
        if n:
            out.write("\n")
        block = statement_text(r, source_info)
        if marks is not None:
            first, _, rest = block.partition("\n")
            block = first + "\n" + mark_words(rest, marks(r))
        out.write(block)
        n += 1
    return n


def dated(r: FlatRecord) -> str:
    """A statement's date in words with its EDTF: "since Nov 2021 [2021-11/..]"."""
    return worded_date(r["about"] or r["said"], moment=not r["about"], none="undated")


def worded_date(when: str | None, moment: bool, none: str = "unknown") -> str:
    """A date in words with its EDTF: "since Nov 2021 [2021-11/..]"; `none` for no date."""
    from belarus_nato_cli.edtf import short_date

    if not when:
        return none
    words = short_date(when, moment)
    return f"{words} [{when}]" if words else when


def write_timeline_text(
    records: Iterable[FlatRecord],
    out: TextIO,
    period_of: Callable[[FlatRecord], str],
    marks: Marks[FlatRecord] | None = None,
) -> int:
    """Headed by year and month, one line a statement: when, who, what, and its id; with
    `marks`, the words a --text search matched highlighted."""
    from belarus_nato_cli.edtf import human_edtf

    n = 0
    current = None
    for r in records:
        period = period_of(r)
        if period != current:
            heading = "undated" if period == "undated" else human_edtf(period)
            out.write(("\n" if n else "") + inert(heading) + "\n")
            current = period
        said = (inert(r["speaker"]["name"]) + ": " if r["speaker"] else "") + inert(r["text"])
        if marks is not None:
            said = mark_words(said, marks(r))
        out.write(f"  {inert(dated(r))}  {said} [{inert(r['id'])}]\n")
        n += 1
    return n


def write_columns(listing: Listing[R], fields: list[str], out: TextIO) -> int:
    rows = [[inert(listing.fields[f](r)) for f in fields] for r in listing.records]
    widths = [max([len(f), *(len(row[i]) for row in rows)]) for i, f in enumerate(fields)]
    lines = [fields, *rows]
    for row in lines:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(rows)


def source_summary(src: SourceRecord | None) -> str:
    """A source's title, publisher, date, address and reliability note, for people."""
    if src is None:
        return ""
    parts = [src["title"] or "untitled"]
    parts.append(f"publisher: {src['publisher'] or 'unknown'}")
    parts.append(f"published: {worded_date(src['published'], moment=True)}")
    if src["url"]:
        parts.append(src["url"])
    text = "; ".join(parts)
    if src["reliability"]:
        text += f"\nreliability: {src['reliability']}"
    return text


def certainty_label(r: StatementRecord) -> str:
    """Certainty, with hedged and reported claims labelled so."""
    label = str(r["certainty"])
    if r["hedges"]:
        label += " (hedged: " + "; ".join(r["hedges"]) + ")"
    if r["attribution"] in ("indirect_speech", "media_report", "unattributed_framing"):
        label += ", reported"
    return label


def statement_text(r: StatementRecord, source_info: Callable[[str], str]) -> str:
    """A statement in full, for people."""
    lines = [inert(r["id"]), "  " + inert(r["text"])]

    def row(label: str, value: str) -> None:
        if value:
            head = label + ":" if label else ""
            lines.append(f"  {head:<13}{inert(value)}")

    sp = r["speaker"]
    if sp:
        title = f", {sp['title']} (title as the source gives it)" if sp.get("title") else ""
        row("speaker", f"{sp['name']} [{sp['id']}]{title}")
    else:
        row("speaker", "none (the source's own analysis)")
    cue = f' (cue: "{r["cue"]}")' if r["cue"] else ""
    row("attribution", r["attribution"].replace("_", " ") + cue)
    row("certainty", certainty_label(r))
    row("about", worded_date(r["about"], moment=False))
    row("said", worded_date(r["said"], moment=True))
    row("actors", join(f"{a['name']} ({a['role']})" for a in r["actors"]))
    row("topics", join(t["label"] for t in r["topics"]))
    described: set[str] = set()
    for i, ev in enumerate(r["evidence"]):
        where = f"{ev['start']}-{ev['end']}" if ev["start"] is not None else ev["locator"] or ""
        quote = f' "{ev["quote"]}"' if ev["quote"] else ""
        row("evidence" if i == 0 else "", f"{ev['source']} {where}{quote}".strip())
        if ev["source"] not in described:  # each source's details once
            described.add(ev["source"])
            for line in source_info(ev["source"]).splitlines():
                lines.append(f"  {'':13}{inert(line)}")
    for i, link in enumerate(r["links"]):
        verb = _LINK_VERBS[link["kind"], link["direction"]]
        when = f", {link['date']}" if link["date"] else ""
        row(
            "links" if i == 0 else "",
            f"{verb} {link['id']} ({link['source']}{when}): {link['reason']}",
        )
    for i, note in enumerate(r["notes"]):
        row("notes" if i == 0 else "", note)
    if r.get("score") is not None:
        row("score", f"{r['score']:.3f}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


_LINK_VERBS = {
    ("corroborates", "out"): "corroborates",
    ("corroborates", "in"): "corroborated by",
    ("contradicts", "out"): "contradicts",
    ("contradicts", "in"): "contradicted by",
    ("context", "out"): "gives context to",
    ("context", "in"): "context from",
}
