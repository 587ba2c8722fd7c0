"""Machine output: tsv, csv, json, jsonl and ids (the views for people, drawn with rich:
tables.py and cards.py).

Every listing is a `Listing`: JSON records plus the flat fields tabular formats show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TextIO, TypeVar

from belarus_nato_cli.record import FlatRecord, SourceRecord, join
from belarus_nato_cli.text import csv_cell, inert, json_inert

if TYPE_CHECKING:
    from belarus_nato_cli.output.console import Screen

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
    `text` draws the records for `--format text`, `markdown` writes them for `--format
    markdown`; without them, text is aligned columns of the fields and markdown a table."""

    def __init__(
        self,
        records: Iterable[R],
        fields: Mapping[str, Callable[[R], str]],
        default_fields: list[str],
        kind: str = "statement",  # statement | entity | topic | source | timeline
        text: Callable[[Iterable[R], Screen], int] | None = None,
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
    import json  # here: TSV, the piped default, does without it

    n = 0
    out.write("[")
    for r in records:
        out.write(",\n" if n else "\n")
        out.write(json_inert(json.dumps(r, ensure_ascii=False)))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[object], out: TextIO) -> int:
    import json

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


Marks = Callable[[R], frozenset[str]]  # a record's words to highlight, in lower case


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


def title_groups(titles: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """A profile's titles, one per title and source (ask's profile lists one per statement):
    the first statement giving it, or the first disputed one, and how many statements there
    carry it. A title disputed in any of them is disputed."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for t in titles:
        groups.setdefault((t["title"], t["source"]), []).append(t)
    return [
        (next((t for t in same if t["disputed"]), same[0]), len(same)) for same in groups.values()
    ]
