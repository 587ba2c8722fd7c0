"""Machine output: tsv, csv, json, jsonl and ids (the views for people, drawn with rich:
tables.py and cards.py).

Every listing is a `Listing`: JSON records plus the flat fields tabular formats show.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from belarus_nato_cli.record import SourceRecord, join
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
    `text` draws the records for `--format text`; without it, text is aligned columns of
    the fields."""

    def __init__(
        self,
        records: Iterable[R],
        fields: Mapping[str, Callable[[R], str]],
        default_fields: list[str],
        kind: str = "statement",  # statement | entity | topic | source | timeline
        text: Callable[[Iterable[R], Screen], int] | None = None,
    ) -> None:
        self.records = records
        self.fields = fields
        self.default_fields = default_fields
        self.kind = kind
        self.text = text


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


def source_summary(src: SourceRecord | None) -> str:
    """A source's title, publisher, date, address and reliability note, for people."""
    from belarus_nato_cli.edtf import human_edtf

    if src is None:
        return ""
    parts = [src["title"] or "untitled"]
    parts.append(f"publisher: {src['publisher'] or 'unknown'}")
    published = src["published"]
    parts.append(f"published: {human_edtf(published) if published else 'unknown'}")
    if src["url"]:
        parts.append(src["url"])
    text = "; ".join(parts)
    if src["reliability"]:
        text += f"\nreliability: {src['reliability']}"
    return text
