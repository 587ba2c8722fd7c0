"""The statement record is defined once (belarus_nato_cli/record.py): what the store fills,
the formats print, --fields offers and the README lists must all be that definition."""

from __future__ import annotations

import json

import pytest

from belarus_nato_cli.record import (
    STATEMENT_FIELDS,
    TIMELINE_FIELDS,
    FlatRecord,
    StatementRecord,
)


def test_json_records_have_exactly_the_defined_keys(cli):
    records = json.loads(cli("query", "--format", "json").stdout)
    assert records
    for r in records:
        assert set(r) == StatementRecord.__required_keys__
    ranked = json.loads(cli("query", "--text", "NATO", "--format", "json").stdout)
    assert ranked
    for r in ranked:
        assert set(r) == StatementRecord.__required_keys__ | {"score", "matched"}


def test_flat_fields_read_only_the_flat_keys():
    # a flat field must print from a record holding nothing but FlatRecord's keys
    record: FlatRecord = {
        "id": "x",
        "text": "t",
        "speaker": {"id": "s", "name": "S", "title": None},
        "attribution": "direct_quote",
        "cue": None,
        "certainty": "certain",
        "about": "2021-11",
        "said": None,
        "score": 1.5,
    }
    flat = {name: f for name, f in TIMELINE_FIELDS.items() if f.flat}
    assert {"id", "date", "speaker", "text", "score", "period"} <= set(flat)
    for field in flat.values():
        assert field.read_flat is not None
        assert isinstance(field.read_flat(record), str)


@pytest.mark.parametrize("command", ["query", "timeline"])
def test_fields_offers_every_defined_field(cli, command):
    wrong = cli(command, "--fields", "nonsense")
    assert wrong.code == 2
    offered = wrong.stderr.split("choose from ", 1)[1].strip().split(", ")
    known = TIMELINE_FIELDS if command == "timeline" else STATEMENT_FIELDS
    assert offered == list(known)
    every = cli(command, "--fields", ",".join(known), "--format", "tsv", "--limit", "3")
    assert every.code == 0
    assert all(len(line.split("\t")) == len(known) for line in every.lines)
