"""Faults around the index, with real processes: corrupt and truncated files, an unusable
cache folder, concurrent builds, killed and interrupted builds, closed pipes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from packs import big_pack, dump
from terminals import read_until_closed

from belarus_nato_cli.index.writer import parallel_available

EXE = str(Path(sys.executable).parent / "belarus-nato")


def run(*args: str, cache: Path, **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(cache)
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=300, **kw)


def _processes_running(command_part: str) -> list[str]:
    """Processes whose command line contains the text (a forked child shares its parent's)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if proc.name.isdigit() and command_part in cmdline and int(proc.name) != os.getpid():
            found.append(cmdline)
    return found


def index_file(cache: Path) -> Path:
    (found,) = cache.glob("index-*.sqlite")
    return found


@pytest.mark.slow
def test_reused_when_nothing_changed_rebuilt_when_a_file_changes(tmp_path):
    pack = tmp_path / "pack.toml"
    pack.write_text('[[entities]]\nid = "x"\nkind = "group"\nname = "Xenon"\n')
    first = run("--facts", str(pack), "index", cache=tmp_path / "c")
    assert "state\trebuilt" in first.stdout
    again = run("--facts", str(pack), "index", cache=tmp_path / "c")
    assert "state\tup to date" in again.stdout
    pack.write_text('[[entities]]\nid = "x"\nkind = "group"\nname = "Xenon"\naliases = ["Xe"]\n')
    changed = run("--facts", str(pack), "index", cache=tmp_path / "c")
    assert "state\trebuilt" in changed.stdout
    assert run("--facts", str(pack), "query", "--actor", "Xe", cache=tmp_path / "c").returncode == 1


def test_piped_queries_import_neither_pydantic_nor_rich(tmp_path):
    cache = tmp_path / "c"
    assert run("index", cache=cache).returncode == 0
    code = (
        "import sys\nfrom belarus_nato_cli.cli import run\n"
        "code = run(['query', '--actor', 'NATO', '--format', 'FORMAT'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'rich'})\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "BELARUS_NATO_CACHE": str(cache)}

    def imported(fmt: str) -> str:
        # run from elsewhere: `python -c` puts the current folder on sys.path, and the
        # checkout's own package must not stand in for the installed one
        proc = subprocess.run(
            [sys.executable, "-c", code.replace("FORMAT", fmt)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        return proc.stderr.strip()

    for fmt in ("tsv", "csv", "json", "jsonl", "ids"):
        assert imported(fmt) == "0 []", fmt
    # the views for people are drawn with rich, still without pydantic
    assert imported("table") == "0 ['rich']"
    assert imported("text") == "0 ['rich']"


def test_a_query_that_finds_a_just_written_file_unchanged_stays_light(tmp_path):
    """A file written moments before an update is stamped "racy"; the next query hashes it
    and, finding it unchanged, only settles its stamp: without validation or pydantic."""
    pack = tmp_path / "pack.toml"
    pack.write_text('[[entities]]\nid = "x"\nkind = "group"\nname = "Xenon"\n')
    cache = tmp_path / "c"
    assert run("--no-embedded", "--facts", str(pack), "index", cache=cache).returncode == 0
    pack.write_text('[[entities]]\nid = "x"\nkind = "group"\nname = "Xenon"\naliases = ["Xe"]\n')
    ahead = time.time() + 60  # written "just now" for the next minute, however slow this runs
    os.utime(pack, (ahead, ahead))
    assert run("--no-embedded", "--facts", str(pack), "index", cache=cache).returncode == 0
    with closing(sqlite3.connect(index_file(cache))) as conn:
        (stamp,) = conn.execute("SELECT stamp FROM files").fetchone()
    assert "#racy:" in stamp  # else this test tests nothing
    code = (
        "import sys\nfrom belarus_nato_cli.cli import run\n"
        f"code = run(['--no-embedded', '--facts', {str(pack)!r}, 'actors', '--format', 'ids'])\n"
        "print(code, 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "BELARUS_NATO_CACHE": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert (proc.stdout, proc.stderr.strip()) == ("x\n", "0 False")


def test_help_opens_no_index(tmp_path):
    code = (
        "import sys\nfrom belarus_nato_cli.cli import run\n"
        "code = run(['--help'])\n"
        "heavy = [m for m in ('sqlite3', 'json', 'belarus_nato_cli.index.store')\n"
        "         if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "BELARUS_NATO_CACHE": str(tmp_path / "c")}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.stderr.strip() == "0 []" and "Commands" in proc.stdout
    assert not (tmp_path / "c").exists()


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_index_is_detected_and_rebuilt(tmp_path, damage):
    cache = tmp_path / "c"
    expected = run("query", "--actor", "NATO", cache=cache).stdout
    path = index_file(cache)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(b"")
    result = run("query", "--actor", "NATO", cache=cache)
    assert result.returncode == 0 and result.stdout == expected
    assert result.stderr == ""
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_damage_past_the_header_is_reported_and_the_index_rebuilt_next_time(tmp_path):
    cache = tmp_path / "c"
    expected = run("query", "--actor", "NATO", cache=cache).stdout
    path = index_file(cache)
    with sqlite3.connect(path) as conn:  # the pages that hold the schema and meta stay
        kept = {
            n
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name IN"
                " ('sqlite_schema', 'meta', 'sqlite_autoindex_meta_1')"
            )
        }
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // size + 1):  # header and meta intact, tables garbage
        if n not in kept:
            data[(n - 1) * size : n * size] = b"\xab" * size
    path.write_bytes(bytes(data))
    damaged = run("query", "--actor", "NATO", cache=cache)
    assert damaged.returncode == 3 and damaged.stdout == ""
    assert damaged.stderr == (
        "belarus-nato: error: the index is damaged (database disk image is malformed);"
        " it is rebuilt on the next run\n"
    )
    again = run("query", "--actor", "NATO", cache=cache)
    assert again.returncode == 0 and again.stdout == expected


@pytest.mark.slow
def test_unusable_cache_folder_falls_back_to_a_temporary_index(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("query", "--actor", "NATO", cache=blocker / "cache")
    assert result.returncode == 0 and "a000-relations-suspended" in result.stdout
    notes = result.stderr.splitlines()
    assert len(notes) == 1 and "using a temporary index" in notes[0]


@pytest.mark.slow
def test_missing_cache_folder_is_created(tmp_path):
    cache = tmp_path / "deep" / "er" / "cache"
    assert run("query", "--actor", "NATO", cache=cache).returncode == 0
    assert index_file(cache).is_file()


@pytest.mark.slow
def test_concurrent_builds_all_succeed_and_leave_a_whole_index(tmp_path):
    cache = tmp_path / "c"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(cache)
    procs = [
        subprocess.Popen(
            [EXE, "query", "--actor", "NATO"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(6)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6
    assert len({o for o, _ in outs}) == 1 and all(e == b"" for _, e in outs)
    path = index_file(cache)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list(cache.glob("*.tmp-*"))


@pytest.mark.slow
def test_a_two_process_build_writes_the_same_index_as_a_one_process_build(tmp_path, monkeypatch):
    from belarus_nato_cli.index import build as indexer
    from belarus_nato_cli.index.cache import PackSet, build

    started = []

    class Counting(indexer.ProcessWriter):
        def __init__(self, path: str) -> None:
            started.append(path)
            super().__init__(path)

    monkeypatch.setattr(indexer, "ProcessWriter", Counting)
    packs = PackSet((str(big_pack(tmp_path / "pack", n=12_000)),))
    one_path, two_path = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with closing(sqlite3.connect(one_path)) as one:
        build(one, packs, "fp")  # no file path given: one process
    assert started == []
    with closing(sqlite3.connect(two_path)) as two:
        build(two, packs, "fp", str(two_path))
    assert started == [str(two_path)]  # more than one batch of statements: a writer process
    contents = dump(two_path)  # checks the full-text index's integrity too
    assert contents == dump(one_path)
    assert len(contents["statements"]) == 12_000 + 81


def _stop_mid_build(proc: subprocess.Popen[bytes], cache: Path, pack: Path) -> None:
    """Wait until the build is under way (its temporary file exists and, where a second core
    lets it, its writer process runs), then freeze it with SIGSTOP: however long the signal
    the test sends next takes to arrive, the build cannot finish first."""
    writer = parallel_available()
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        begun = bool(list(cache.glob("*.tmp-*")))
        if begun and (not writer or len(_processes_running(f"{pack} index")) >= 2):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGSTOP)
    assert proc.poll() is None, "the build ended before it could be stopped"
    assert list(cache.glob("*.tmp-*")) and not list(cache.glob("index-*.sqlite")), (
        "the build must be stopped half-way"
    )


def _ctrl_c_as_on_a_terminal() -> None:
    """A test run started in the background (`pytest &`) inherits Ctrl-C ignored, as POSIX
    shells do for background jobs, and a program started so rightly ignores it: the build
    under test gets Ctrl-C's default, as from a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["interrupt", "kill"])
def test_a_stopped_build_leaves_no_broken_index(tmp_path, how):
    pack = big_pack(tmp_path / "pack")
    cache = tmp_path / "c"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(cache)
    proc = subprocess.Popen(
        [EXE, "--facts", str(pack), "index"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_ctrl_c_as_on_a_terminal,
    )
    _stop_mid_build(proc, cache, pack)
    proc.send_signal(signal.SIGINT if how == "interrupt" else signal.SIGKILL)
    proc.send_signal(signal.SIGCONT)  # the signal is taken as the build resumes
    _, err = proc.communicate(timeout=60)
    assert not list(cache.glob("index-*.sqlite")), "no half-built index in place"
    if how == "interrupt":
        assert proc.returncode == 130
        assert err.decode().strip() == "belarus-nato: interrupted"
        assert not list(cache.glob("*.tmp-*")), "an interrupted build cleans up"
    # nothing of the build is left running (a writer process reads end-of-file and stops)
    deadline = time.time() + 10
    while _processes_running(f"{pack} index") and time.time() < deadline:
        time.sleep(0.1)
    assert not _processes_running(f"{pack} index")
    result = run("--facts", str(pack), "query", "--actor", "Example", "--limit", "1", cache=cache)
    assert result.returncode == 0 and result.stdout.startswith("b-")
    assert not list(cache.glob("*.tmp-*")), "the next build removes what a killed one left"


@pytest.mark.slow
def test_closed_stdout_exits_quietly(tmp_path):
    cache = tmp_path / "c"
    run("index", cache=cache)
    env = {**os.environ, "BELARUS_NATO_CACHE": str(cache)}
    proc = subprocess.run(
        f"'{EXE}' query --actor NATO >&-", shell=True, capture_output=True, env=env
    )
    assert proc.returncode == 0 and proc.stderr == b""


@pytest.mark.slow
def test_a_long_listing_into_a_closed_pipe_ends_quietly(tmp_path):
    pack = big_pack(tmp_path / "pack", n=5000)
    cache = tmp_path / "c"
    env = {**os.environ, "BELARUS_NATO_CACHE": str(cache)}
    cmd = (
        f"set -o pipefail; '{EXE}' --facts '{pack}' query --actor Example --format jsonl"
        " | head -c 100"
    )
    proc = subprocess.run(cmd, shell=True, executable="/bin/bash", capture_output=True, env=env)
    assert proc.returncode == 0 and proc.stderr == b"" and len(proc.stdout) == 100


def test_a_failing_writer_process_is_reported_not_hidden(tmp_path):
    from belarus_nato_cli.index.writer import ProcessWriter

    path = str(tmp_path / "empty.sqlite")
    sqlite3.connect(path).close()  # a database without the index's tables
    writer = ProcessWriter(path)
    assert len(multiprocessing.active_children()) == 1
    row = (1, "x", None, None, None, "certain", "media_report", 0, None, None, "{}")
    with pytest.raises(sqlite3.OperationalError, match="no such table: statements"):
        writer.write(([row], [], [], [], [], []))
        writer.close()
    writer.abort()
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_an_invalid_large_pack_stops_its_writer_and_leaves_no_index(tmp_path):
    pack = big_pack(tmp_path / "pack", n=12_000)
    with (pack / "big.jsonl").open("a", encoding="utf-8") as fh:
        bad = {"type": "statement", "id": "bad", "text": "x", "attribution": "author_assertion"}
        bad |= {"certainty": "certain", "actors": [{"entity": "nobody", "role": "subject"}]}
        fh.write(json.dumps({**bad, "evidence": [{"source": "big"}]}) + "\n")
    cache = tmp_path / "c"
    result = run("--facts", str(pack), "query", "--actor", "Example", cache=cache)
    assert result.returncode == 3 and result.stdout == ""
    assert "unknown entity 'nobody'" in result.stderr
    assert not list(cache.glob("index-*.sqlite")) and not list(cache.glob("*.tmp-*"))
    assert not _processes_running(str(pack))


@pytest.mark.slow
def test_a_long_build_shows_its_progress_on_a_terminal_only(tmp_path):
    import pty

    pack = big_pack(tmp_path / "pack", n=12_000)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELARUS_NATO_")}
    env["BELARUS_NATO_CACHE"] = str(tmp_path / "c")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [EXE, "--facts", str(pack), "index"], stdout=subprocess.PIPE, stderr=terminal, env=env
    )
    os.close(terminal)
    shown = read_until_closed(controller, 4096)
    out, _ = proc.communicate(timeout=120)
    os.close(controller)
    assert proc.returncode == 0 and b"state\trebuilt" in out
    text = shown.decode()
    assert "building the index" in text
    assert "12,081 statements" in text  # the embedded 81 included
    assert text.endswith("\x1b[2K")  # the bar is erased before anything else is printed
    # piped (as in every other test here), nothing but results and errors is printed
    piped = run("--facts", str(pack), "index", "--rebuild", cache=tmp_path / "c")
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this OS")
def test_one_usable_core_means_one_process():
    code = (
        "import os\nfrom belarus_nato_cli.index.writer import parallel_available\n"
        "os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})\n"
        "print(parallel_available())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr
