"""The cache folder: `index --list`, `index --prune`, and the bound on how many it keeps."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from belarus_nato_cli.index import hygiene

# these tests count what the cache holds: it starts empty
pytestmark = pytest.mark.empty_cache


def tiny_pack(folder: Path, name: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(f'[[entities]]\nid = "{name}"\nkind = "group"\nname = "{name.title()}"\n')
    return path


def build(cli, pack: Path) -> None:
    result = cli("--no-embedded", "--facts", str(pack), "index")
    assert result.code == 0, result.stderr


def listing(cli) -> list[list[str]]:
    result = cli("index", "--list")
    return [line.split("\t") for line in result.lines]


def age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_list_shows_each_index_with_its_packs_size_and_last_use(cli, tmp_path, isolated_cache):
    assert cli("index", "--list").code == 1  # nothing cached yet
    one, two = tiny_pack(tmp_path, "one"), tiny_pack(tmp_path, "two")
    build(cli, one)
    build(cli, two)
    assert cli("query", "--actor", "NATO").code == 0  # the embedded facts' own index
    rows = listing(cli)
    assert len(rows) == 3
    assert {row[3] for row in rows} == {str(one), str(two), "(embedded facts)"}
    files = {p.name: p.stat().st_size for p in isolated_cache.glob("index-*.sqlite")}
    for used, size, path, _packs in rows:
        assert time.strptime(used, "%Y-%m-%d %H:%M")
        assert size == f"{files[Path(path).name] / 1e6:.1f} MB"
    age(Path(rows[0][2]), 3)
    assert listing(cli)[-1][2] == rows[0][2]  # most recently used first


def test_a_query_records_its_use(cli, tmp_path, isolated_cache):
    pack = tiny_pack(tmp_path, "one")
    build(cli, pack)
    (index,) = isolated_cache.glob("index-*.sqlite")
    age(index, 10)
    assert cli("--no-embedded", "--facts", str(pack), "actors").code == 0
    assert time.time() - index.stat().st_mtime < 60


def test_prune_removes_the_unused_and_the_orphaned_and_keeps_the_rest(cli, tmp_path):
    old, gone, fresh = (tiny_pack(tmp_path, n) for n in ("old", "gone", "fresh"))
    for pack in (old, gone, fresh):
        build(cli, pack)
    paths = {row[3]: Path(row[2]) for row in listing(cli)}
    age(paths[str(old)], 40)
    gone.unlink()
    leftover = paths[str(fresh)].with_name(paths[str(fresh)].name + ".tmp-99999")
    leftover.write_bytes(b"half a build")
    age(leftover, 2)
    result = cli("index", "--prune")
    assert result.code == 0
    assert sorted(result.lines) == sorted(
        [
            f"removed\t{paths[str(old)]}\tunused for 40 days",
            f"removed\t{paths[str(gone)]}\tpack gone: {gone}",
            f"removed\t{leftover}\tleft by a stopped build",
        ]
    )
    assert result.stderr.endswith("removed 3 files from " + str(paths[str(old)].parent) + "\n")
    assert [row[3] for row in listing(cli)] == [str(fresh)]
    again = cli("index", "--prune", "--unused-days", "0")
    assert again.lines == [f"removed\t{paths[str(fresh)]}\tunused for 0 days"]


def test_an_index_being_built_is_not_pruned(cli, tmp_path):
    from belarus_nato_cli.index.lock import build_lock

    pack = tiny_pack(tmp_path, "busy")
    build(cli, pack)
    (row,) = listing(cli)
    with build_lock(row[2][: -len(".sqlite")] + ".lock"):
        assert cli("index", "--prune", "--unused-days", "0").lines == []
    assert cli("index", "--prune", "--unused-days", "0").lines != []


def test_the_cache_keeps_a_bounded_number_of_indexes(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(hygiene, "MAX_INDEXES", 3)
    packs = [tiny_pack(tmp_path, f"p{i}") for i in range(5)]
    for i, pack in enumerate(packs):
        build(cli, pack)
        (built,) = (Path(row[2]) for row in listing(cli) if row[3] == str(pack))
        age(built, 5 - i)  # an unambiguous order of use: p0 longest ago
        assert len(listing(cli)) == min(i + 1, 3)
    kept = [row[3] for row in listing(cli)]
    assert kept == [str(packs[4]), str(packs[3]), str(packs[2])]
