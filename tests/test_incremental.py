"""Incremental index updates: after a series of edits (add, change, delete, rename, a broken
reference, its fix) the updated index holds exactly what a whole build of the same files
holds, and problems are reported as a whole build reports them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from packs import dump, write_jsonl

from belarus_nato_cli.index import update

BASE = """\
[[sources]]
id = "s1"
title = "Weekly frontier digest"
language = "en"
publisher = "First Agency"
length = 500

[[sources]]
id = "s2"
language = "en"
publisher = "Second Agency (English edition)"

[[entities]]
id = "e1"
kind = "state"
name = "Ruritania"
aliases = ["Rur"]

[[entities]]
id = "e2"
kind = "person"
name = "Anna Quill"
description = "Envoy of Ruritania to the pact."

[[entities]]
id = "e3"
kind = "alliance"
name = "Northern Pact"
aliases = ["the pact"]

[[topics]]
id = "t1"
label = "Border talks"

[[topics]]
id = "t2"
label = "Crossing points"
parent = "t1"

[[topics]]
id = "t3"
label = "Grain trade"
aliases = ["wheat exports"]
"""


def statement(sid: str, text: str, **extra: object) -> dict[str, object]:
    return {
        "type": "statement",
        "id": sid,
        "text": text,
        "attribution": "media_report",
        "certainty": "certain",
        "evidence": [{"source": "s1", "quote": "border talks"}],
    } | extra


def statements(prefix: str, n: int, **extra: object) -> list[dict[str, object]]:
    words = ["border", "grain", "pact", "crossing", "talks", "quill", "wheat"]
    return [
        statement(
            f"{prefix}-{i}",
            f"Statement {i} of {prefix} about {words[i % 7]} and {words[(i * 3) % 7]}.",
            speaker="e2" if i % 3 == 0 else None,
            speaker_title="envoy" if i % 3 == 0 else None,
            actors=[
                {"entity": "e1", "role": "subject"},
                {"entity": f"e{1 + i % 3}", "role": "partner"},
            ],
            topics=[f"t{1 + i % 3}"],
            **extra,
        )
        for i in range(n)
    ]


def clean(record: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in record.items() if v is not None}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "00-base.toml").write_text(BASE)
    a = statements("a", 30)
    a[5]["links"] = [{"kind": "contradicts", "target": "b-2", "reason": "they differ"}]
    # every part of a statement's full-text entry, so that an update deletes it exactly
    a[3] |= {"cue": "is described by", "notes": ["A curator's note on millet."]}
    a[6] |= {"cue": "reportedly says", "notes": ["Checked against the digest."]}
    # Anna Quill under two titles, in two sources: which is disputed depends on their trust
    a[6]["links"] = [{"kind": "contradicts", "target": "b-3", "reason": "another title"}]
    write_jsonl(folder / "10-a.jsonl", *[clean(r) for r in a])
    b = statements("b", 30)
    b[7]["links"] = [{"kind": "corroborates", "target": "a-1", "reason": "the same"}]
    b[3] |= {"speaker_title": "trade envoy", "evidence": [{"source": "s2", "quote": "envoy"}]}
    write_jsonl(folder / "20-b.jsonl", *[clean(r) for r in b])
    (folder / "30-c.toml").write_text(
        '[[lexicon]]\nid = "syn-grain"\nkind = "synonym"\nterms = ["grain", "cereal"]\n\n'
        '[[statements]]\nid = "c-1"\ntext = "Grain moved over the pact border."\n'
        'attribution = "author_assertion"\ncertainty = "probable"\nhedges = ["reportedly"]\n'
        'topics = ["t3", "t2"]\nevidence = [{ source = "s2", locator = "p. 2" }]\n'
        'actors = [{ entity = "e3", role = "subject" }]\n'
    )
    return folder


def test_an_updated_index_equals_a_whole_build_after_each_edit(cli, pack, tmp_path, monkeypatch):
    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)  # never fall back to a whole build
    updated_cache, whole_cache = tmp_path / "updated", tmp_path / "whole"

    def index(cache: Path, *extra: str):
        return cli(
            "--no-embedded",
            "--facts",
            str(pack),
            "index",
            *extra,
            env={"BELARUS_NATO_CACHE": str(cache)},
        )

    def compare(read: str) -> None:
        result = index(updated_cache)
        assert result.code == 0, result.stderr
        assert f"state\trebuilt in part ({read} files read again)" in result.lines
        whole = index(whole_cache, "--rebuild")
        assert whole.code == 0 and "state\trebuilt" in whole.lines
        assert result.lines[2:] == whole.lines[2:]  # the counts
        (mine,) = updated_cache.glob("index-*.sqlite")
        (theirs,) = whole_cache.glob("index-*.sqlite")
        assert dump(mine) == dump(theirs)

    assert index(updated_cache).code == 0
    # a file added, with a link into another file
    write_jsonl(
        pack / "40-d.jsonl",
        *[
            clean(r)
            for r in statements(
                "d", 12, links=[{"kind": "context", "target": "a-1", "reason": "background"}]
            )
        ],
    )
    compare("1 of 5")
    # a file changed: a statement edited, one removed, one added
    a = [json.loads(line) for line in (pack / "10-a.jsonl").read_text().splitlines()]
    a[2]["text"] = "An edited statement about wheat exports."
    del a[3]
    a.append(clean(statement("a-99", "A new statement on crossing points.", topics=["t2"])))
    write_jsonl(pack / "10-a.jsonl", *a)
    compare("1 of 5")
    # entities, topics and sources changed: names, the topic tree, a publisher
    base = BASE.replace('name = "Anna Quill"', 'name = "Anna Quill-Brook"\naliases = ["Brook"]')
    base = base.replace("Envoy of Ruritania", "Former envoy of Ruritania")
    base = base.replace("Weekly frontier digest", "Daily frontier digest")
    base = base.replace('label = "Grain trade"', 'label = "Grain trade"\nparent = "t1"')
    base = base.replace("Second Agency (English edition)", "Third Agency")
    (pack / "00-base.toml").write_text(base)
    compare("1 of 5")
    # the second source now doubtful: only its title of Anna Quill stays disputed (b-3), and
    # the statement of a file not read again that contradicts it (a-6) is no longer disputed
    base = base.replace(
        'publisher = "Third Agency"', 'publisher = "Third Agency"\nreliability = "Low."'
    )
    (pack / "00-base.toml").write_text(base)
    compare("1 of 5")
    disputed = cli(
        "--no-embedded",
        "--facts",
        str(pack),
        "query",
        "--disputed",
        "--format",
        "ids",
        env={"BELARUS_NATO_CACHE": str(updated_cache)},
    ).lines
    assert "b-3" in disputed and "a-6" not in disputed
    # a file deleted (its lexicon entry goes with it), another renamed
    (pack / "30-c.toml").unlink()
    compare("0 of 4")
    (pack / "20-b.jsonl").rename(pack / "25-b.jsonl")
    compare("1 of 4")


def test_a_broken_reference_is_reported_as_a_whole_build_reports_it(
    cli, pack, tmp_path, monkeypatch
):
    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)
    env = {"BELARUS_NATO_CACHE": str(tmp_path / "updated")}
    base = ["--no-embedded", "--facts", str(pack)]
    assert cli(*base, "index", env=env).code == 0
    before = cli(*base, "query", "--actor", "Ruritania", "--format", "ids", env=env).lines
    # b-2 is removed, but a-5 (in an unchanged file) still contradicts it; and a statement
    # in the changed file names an entity that does not exist
    b = [json.loads(line) for line in (pack / "20-b.jsonl").read_text().splitlines()]
    b = [r for r in b if r["id"] != "b-2"]
    b[0]["actors"] = [{"entity": "nobody", "role": "subject"}]
    write_jsonl(pack / "20-b.jsonl", *b)
    broken = cli(*base, "query", "--topic", "t2", env=env)
    whole = cli(*base, "query", "--topic", "t2", env={"BELARUS_NATO_CACHE": str(tmp_path / "w")})
    assert broken.code == whole.code == 3
    assert broken.stderr == whole.stderr
    assert (
        f"{pack / '10-a.jsonl'}:6: statement a-5: links[0].target: unknown statement 'b-2'"
        in broken.stderr
    )
    assert "statement b-0: actors[0].entity: unknown entity 'nobody'" in broken.stderr
    # the index was left as it was, and is not taken for fresh
    (index,) = (tmp_path / "updated").glob("index-*.sqlite")
    assert sqlite3.connect(index).execute(
        "SELECT count(*) FROM statements WHERE id = 'b-2'"
    ).fetchone() == (1,)
    assert cli(*base, "query", "--topic", "t2", env=env).code == 3
    # fixed: the entity exists and the link goes elsewhere
    b[0]["actors"] = [{"entity": "e1", "role": "subject"}]
    write_jsonl(pack / "20-b.jsonl", *b)
    a = (pack / "10-a.jsonl").read_text().replace('"target": "b-2"', '"target": "b-3"')
    (pack / "10-a.jsonl").write_text(a)
    fixed = cli(*base, "index", env=env)
    assert "state\trebuilt in part (2 of 4 files read again)" in fixed.lines
    after = cli(*base, "query", "--actor", "Ruritania", "--format", "ids", env=env).lines
    assert set(before) - set(after) == {"b-2"}
    whole = cli(*base, "index", "--rebuild", env={"BELARUS_NATO_CACHE": str(tmp_path / "w")})
    assert whole.code == 0
    (mine,) = (tmp_path / "updated").glob("index-*.sqlite")
    (theirs,) = (tmp_path / "w").glob("index-*.sqlite")
    assert dump(mine) == dump(theirs)


def test_a_duplicate_id_across_files_is_found_by_an_update(cli, pack, tmp_path, monkeypatch):
    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)
    base = ["--no-embedded", "--facts", str(pack)]
    assert cli(*base, "index").code == 0
    write_jsonl(pack / "40-d.jsonl", clean(statement("a-4", "Another a-4.")))
    result = cli(*base, "index")
    assert result.code == 3
    assert (
        f"{pack / '40-d.jsonl'}:1: statement a-4: id: duplicate id (first defined in"
        f" {pack / '10-a.jsonl'}:5)" in result.stderr
    )


def _changing_while_read(monkeypatch, path: Path, new_text: str) -> None:
    """Reading `path`'s statements rewrites it after the first record is read."""
    from belarus_nato_cli.model import validation

    original = validation.read_records

    def reading(file, problems, statements=None):
        for i, record in enumerate(original(file, problems, statements)):
            yield record
            if i == 0 and statements and file == str(path):
                path.write_text(new_text)

    monkeypatch.setattr(validation, "read_records", reading)


def test_a_file_changed_while_it_is_read_is_read_again_next_time(pack, monkeypatch):
    from belarus_nato_cli.index.cache import PackSet, open_index

    packs = PackSet((str(pack),), embedded=False)
    d = pack / "40-d.jsonl"
    write_jsonl(d, clean(statement("d-1", "First.")))
    grown = "".join(json.dumps(clean(statement(f"d-{i}", "Later."))) + "\n" for i in (1, 2))
    with monkeypatch.context() as m:
        _changing_while_read(m, d, grown)
        first = open_index(packs)
    assert first.rebuilt  # from a mix of the old text and the new, maybe
    again = open_index(packs)  # the index built from the old text does not pass for fresh
    assert again.rebuilt and again.read is not None and again.read[0] == 1
    assert again.conn.execute("SELECT text FROM statements WHERE id = 'd-2'").fetchone() == (
        "Later.",
    )
    assert not open_index(packs).rebuilt


def test_a_same_size_change_within_the_clock_tick_is_caught_by_the_racy_hash(pack, monkeypatch):
    """A file system with a coarse clock: a rewrite of the same size leaves the same stamp
    (simulated: stamps of size alone). The file was stamped racy, so its hash is checked."""
    from belarus_nato_cli.index import stamps
    from belarus_nato_cli.index.cache import PackSet, open_index

    monkeypatch.setattr(stamps, "plain_stamp", lambda p: str(Path(p).stat().st_size))
    monkeypatch.setattr(
        stamps, "build_stamp", lambda p: stamps.plain_stamp(p) + "#racy:" + stamps.content_hash(p)
    )
    packs = PackSet((str(pack),), embedded=False)
    d = pack / "40-d.jsonl"
    write_jsonl(d, clean(statement("d-1", "Aaaaa.")))
    with monkeypatch.context() as m:
        _changing_while_read(m, d, json.dumps(clean(statement("d-1", "Bbbbb."))) + "\n")
        open_index(packs)
    again = open_index(packs)
    assert again.read is not None and again.read[0] == 1
    assert again.conn.execute("SELECT text FROM statements WHERE id = 'd-1'").fetchone() == (
        "Bbbbb.",
    )


def test_a_run_that_finds_racy_stamps_does_not_wait_on_a_slow_reader(pack, tmp_path, sh):
    """Files written within the clock tick of a build leave "racy" stamps; the next run checks
    the files' contents and would record settled stamps. A reader that holds its read open (a
    listing blocked on a full pipe) must not make that run wait and then fall back to a
    temporary index: the settling is skipped and the index answers as it is."""
    cache = tmp_path / "cache-racy"
    env = {"BELARUS_NATO_CACHE": str(cache)}
    command = f"belarus-nato --no-embedded --facts {pack} query --topic 'Border talks' --format ids"
    first = sh(command, env=env)  # built right after the pack was written: its stamps are racy
    assert first.returncode == 0, first.stderr
    (index,) = cache.glob("index-*.sqlite")
    reader = sqlite3.connect(index)
    rows = reader.execute("SELECT id FROM statements")
    assert rows.fetchone() is not None  # the read stays open, holding its lock
    try:
        fingerprint = reader.execute("SELECT value FROM meta WHERE key = 'fingerprint'")
        assert "#racy:" in fingerprint.fetchone()[0]  # else this test tests nothing
        second = sh(command, env=env)
    finally:
        rows.close()
        reader.close()
    assert second.returncode == 0
    assert second.stderr == b""  # no "using a temporary index" note
    assert second.stdout == first.stdout


@pytest.mark.slow
def test_an_update_that_a_reader_holds_up_answers_from_a_temporary_index(pack, tmp_path, sh):
    """A real change must be applied; when another process holds its read open past the
    wait, the run says so and answers from a temporary index, with the change in it."""
    cache = tmp_path / "cache-held"
    env = {"BELARUS_NATO_CACHE": str(cache)}
    command = f"belarus-nato --no-embedded --facts {pack} query --text wheat --format ids"
    assert sh(command, env=env).returncode == 0
    (index,) = cache.glob("index-*.sqlite")
    extra = statement("e-1", "A new statement about wheat.", topics=["t3"])
    write_jsonl(pack / "50-e.jsonl", clean(extra))
    reader = sqlite3.connect(index)
    rows = reader.execute("SELECT id FROM statements")
    assert rows.fetchone() is not None  # the read stays open, holding its lock
    try:
        held = sh(command, env=env)
    finally:
        rows.close()
        reader.close()
    assert held.returncode == 0
    assert b"using a temporary index" in held.stderr and len(held.stderr.splitlines()) == 1
    assert b"e-1" in held.stdout.split()
    after = sh(command, env=env)  # with the reader gone, the update lands in the index file
    assert after.returncode == 0 and after.stderr == b"" and after.stdout == held.stdout
