"""Property-based tests (hypothesis) for dates, names, query filters and renderers."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from belarus_nato_cli.edtf import days_in_month, parse_edtf, parse_query_date
from belarus_nato_cli.errors import AmbiguousName, BadDate, BelarusNatoError
from belarus_nato_cli.index.cache import PackSet, open_index
from belarus_nato_cli.index.store import Filters, Store
from belarus_nato_cli.output.formats import Listing, simple_fields, write_csv, write_json, write_tsv
from belarus_nato_cli.text import csv_cell, inert, norm

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

pytestmark = pytest.mark.slow  # hypothesis: many generated cases each


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BELARUS_NATO_CACHE", str(tmp_path_factory.mktemp("props-cache")))
        return Store(open_index(PackSet()).conn)


# -- dates ---------------------------------------------------------------------------------


@st.composite
def dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(0, 9999))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = f"{year:04d}"
    if precision != "year":
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if precision == "day":
            text += f"-{draw(st.integers(1, days_in_month(year, month))):02d}"
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@st.composite
def edtf_values(draw: st.DrawFn) -> str:
    a = draw(dates())
    shape = draw(st.sampled_from(["date", "open end", "unknown end", "open start", "closed"]))
    if shape == "date":
        return a
    if shape == "open end":
        return f"{a}/.."
    if shape == "unknown end":
        return f"{a}/"
    if shape == "open start":
        return f"../{a}"
    b = draw(dates())
    assume(parse_edtf(a).earliest <= parse_edtf(b).latest)
    return f"{a}/{b}"


@SETTINGS
@given(edtf_values())
def test_valid_dates_round_trip_and_are_ordered(text):
    value = parse_edtf(text)
    assert value.text == text
    assert value.earliest <= value.latest
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.earliest)


@SETTINGS
@given(dates())
def test_precision_is_kept_never_turned_into_a_day(text):
    value = parse_edtf(text)
    bare = text.rstrip("?~%")
    if len(bare) == 7:  # month precision spans the whole month
        assert value.earliest.endswith("-01") and value.earliest[:7] == value.latest[:7] == bare
        assert value.earliest != value.latest
    if len(bare) == 4:
        assert (value.earliest, value.latest) == (f"{bare}-01-01", f"{bare}-12-31")


@SETTINGS
@given(st.text())
def test_any_string_either_parses_or_is_a_bad_date(text):
    for parse in (parse_edtf, parse_query_date):
        try:
            parse(text)
        except BadDate:
            pass


# -- names ---------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_normalising_is_idempotent(text):
    assert norm(norm(text)) == norm(text)


def _variants(draw: st.DrawFn, name: str) -> str:
    chars = [c.upper() if draw(st.booleans()) else c.lower() for c in name]
    out = "".join(chars).replace("'", draw(st.sampled_from(["'", "\u2019", "\u02bc"])))
    return draw(st.sampled_from(["", " ", "  "])) + out + draw(st.sampled_from(["", " "]))


@SETTINGS
@given(st.data())
def test_every_alias_resolves_to_its_entity_whatever_its_case_or_apostrophe(store, data):
    eid = data.draw(st.sampled_from([r[0] for r in store.conn.execute("SELECT id FROM entities")]))
    aliases = json.loads(
        store.conn.execute("SELECT record FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    )
    name = data.draw(st.sampled_from([aliases["name"], eid, *aliases.get("aliases", [])]))
    try:
        assert store.resolve("actor", _variants(data.draw, name)) == eid
    except AmbiguousName as exc:
        assert eid in exc.candidates


@SETTINGS
@given(st.text(max_size=300))
def test_any_name_resolves_or_fails_cleanly(store, text):
    try:
        store.resolve("actor", text)
    except BelarusNatoError:
        pass


# -- query filters -------------------------------------------------------------------------


def _ids(store: Store, f: Filters) -> set[str]:
    return {r["id"] for r in store.query(f).records}


@st.composite
def filters(draw: st.DrawFn, store: Store) -> Filters:
    entities = [r[0] for r in store.conn.execute("SELECT id FROM entities")]
    topics = [r[0] for r in store.conn.execute("SELECT id FROM topics")]
    start, end = None, None
    if draw(st.booleans()):
        start, end = parse_query_date(str(draw(st.integers(1990, 2026))))
    return Filters(
        actors=tuple(draw(st.lists(st.sampled_from(entities), max_size=2))),
        topics=tuple(draw(st.lists(st.sampled_from(topics), max_size=2))),
        texts=tuple(
            draw(
                st.lists(
                    st.sampled_from(["border", "NATO", "military", "dialogue", "Wagner"]),
                    max_size=1,
                )
            )
        ),
        start=start,
        end=end,
        disputed=draw(st.booleans()),
    )


@SETTINGS
@given(st.data())
def test_adding_a_filter_never_adds_results(store, data):
    f = data.draw(filters(store))
    before = _ids(store, f)
    extra = data.draw(st.sampled_from(["actor", "topic", "date", "corroborated"]))
    if extra == "actor":
        if f.actors:
            return  # a second --actor widens (OR); the AND is across different options
        entities = [r[0] for r in store.conn.execute("SELECT id FROM entities")]
        narrower = f._replace(actors=(data.draw(st.sampled_from(entities)),))
    elif extra == "topic":
        if f.topics:
            return
        topics = [r[0] for r in store.conn.execute("SELECT id FROM topics")]
        narrower = f._replace(topics=(data.draw(st.sampled_from(topics)),))
    elif extra == "date":
        window = parse_query_date(str(data.draw(st.integers(1990, 2026))))
        narrower = f._replace(
            start=max(f.start or window[0], window[0]),
            end=min(f.end or window[1], window[1]),
        )
    else:
        narrower = f._replace(corroborated=True)
    assert _ids(store, narrower) <= before


@SETTINGS
@given(st.data())
def test_a_wider_date_window_never_loses_results(store, data):
    f = data.draw(filters(store))
    a, b = sorted(data.draw(st.lists(st.integers(1990, 2026), min_size=2, max_size=2)))
    c, d = data.draw(st.integers(1980, a)), data.draw(st.integers(b, 2030))
    narrow = f._replace(start=parse_query_date(str(a))[0], end=parse_query_date(str(b))[1])
    wide = f._replace(start=parse_query_date(str(c))[0], end=parse_query_date(str(d))[1])
    assert _ids(store, narrow) <= _ids(store, wide)


# -- renderers -------------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_any_string_survives_json(text):
    out = io.StringIO()
    write_json([{"id": "x", "text": text}], out)
    assert json.loads(out.getvalue()) == [{"id": "x", "text": text}]
    assert not re.search("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out.getvalue())


def _one_row(values: list[str]) -> tuple[list[str], Listing]:
    fields = [f"f{i}" for i in range(len(values))]
    return fields, Listing([dict(zip(fields, values, strict=True))], simple_fields(fields), fields)


@SETTINGS
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_strings_survive_csv(values):
    fields, listing = _one_row(values)
    out = io.StringIO()
    write_csv(listing, fields, out, terminal=False)
    header, row = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert header == fields
    assert row == [csv_cell(v) for v in values]
    for original, cell in zip(values, row, strict=True):
        assert (cell[1:] if cell != original else cell) == original
        assert not cell.startswith(("=", "+", "-", "@"))


@SETTINGS
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_strings_survive_tsv_as_one_line(values):
    fields, listing = _one_row(values)
    out = io.StringIO()
    write_tsv(listing, fields, out)
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    cells = text[:-1].split("\t")
    assert cells == [inert(v) for v in values]
    assert not any(UNSAFE.search(c) for c in cells)


@SETTINGS
@given(st.text())
def test_nothing_inert_can_drive_a_terminal(text):
    shown = inert(text)
    assert not UNSAFE.search(shown)
    assert "\n" not in shown
