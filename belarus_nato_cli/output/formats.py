"""Machine output: tsv, csv, json, jsonl and ids (the views for people: tables.py, cards.py).

Every listing is a `Listing`: JSON records plus the flat fields tabular formats show.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from belarus_nato_cli.text import csv_cell, inert, json_inert

Record = dict[str, Any]
FieldFn = Callable[[Record], str]

FORMATS = ("table", "text", "tsv", "csv", "json", "jsonl", "ids")


def _join(items: Iterable[Any], sep: str = ", ") -> str:
    return sep.join(str(i) for i in items if i)


STATEMENT_FIELDS: dict[str, FieldFn] = {
    "id": lambda r: r["id"],
    "date": lambda r: r["about"] or r["said"] or "",
    "about": lambda r: r["about"] or "",
    "said": lambda r: r["said"] or "",
    "speaker": lambda r: r["speaker"]["name"] if r["speaker"] else "",
    "speaker_id": lambda r: r["speaker"]["id"] if r["speaker"] else "",
    "title": lambda r: (r["speaker"] or {}).get("title") or "",
    "attribution": lambda r: r["attribution"],
    "cue": lambda r: r["cue"] or "",
    "certainty": lambda r: r["certainty"],
    "hedges": lambda r: _join(r["hedges"], "; "),
    "actors": lambda r: _join(a["id"] for a in r["actors"]),
    "topics": lambda r: _join(t["id"] for t in r["topics"]),
    "sources": lambda r: _join(dict.fromkeys(e["source"] for e in r["evidence"])),
    "quotes": lambda r: _join((e["quote"] for e in r["evidence"]), " | "),
    "text": lambda r: r["text"],
    "notes": lambda r: _join(r["notes"], " | "),
    "links": lambda r: _join(f"{x['kind']}:{x['direction']}:{x['id']}" for x in r["links"]),
    "score": lambda r: f"{r['score']:.3f}" if r.get("score") is not None else "",
}
STATEMENT_DEFAULT = ["id", "date", "speaker", "certainty", "text"]


def simple_fields(names: Iterable[str]) -> dict[str, FieldFn]:
    def getter(name: str) -> FieldFn:
        def get(r: Record) -> str:
            value = r.get(name)
            if value is None:
                return ""
            if isinstance(value, list):
                return _join(value, " | ")
            return str(value)

        return get

    return {n: getter(n) for n in names}


class Listing:
    """Records to print, with the flat fields the tabular formats can show."""

    def __init__(
        self,
        records: Iterable[Record],
        fields: dict[str, FieldFn],
        default_fields: list[str],
        kind: str = "statement",  # statement | entity | topic | source | timeline
    ) -> None:
        self.records = records
        self.fields = fields
        self.default_fields = default_fields
        self.kind = kind


def write_json(records: Iterable[Record], out: TextIO) -> int:
    n = 0
    out.write("[")
    for r in records:
        out.write(",\n" if n else "\n")
        out.write(json_inert(json.dumps(r, ensure_ascii=False)))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json_inert(json.dumps(r, ensure_ascii=False)))
        out.write("\n")
        n += 1
    return n


def write_tsv(listing: Listing, fields: list[str], out: TextIO) -> int:
    n = 0
    fns = [listing.fields[f] for f in fields]
    write = out.write
    for r in listing.records:  # runs for every row of a large listing: kept to one write
        write("\t".join([inert(fn(r)) for fn in fns]) + "\n")
        n += 1
    return n


def write_csv(listing: Listing, fields: list[str], out: TextIO, terminal: bool) -> int:
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


def write_ids(listing: Listing, out: TextIO) -> int:
    n = 0
    for r in listing.records:
        out.write(inert(str(r["id"])) + "\n")
        n += 1
    return n
