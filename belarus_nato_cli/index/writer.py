"""Inserting statement batches into the index, here or in a second process.

A large build is two kinds of work of about the same size: Python validating records and
building rows, and SQLite inserting them (B-trees and the full-text index). A second process
that only inserts lets them run side by side on two cores. Threads cannot: the sqlite3 module
takes the GIL back for every row.

The batches go through a short queue and a sending thread (which waits for the pipe without
the GIL): with the pipe alone, the validating process could run only one batch ahead, and
stalled whenever one batch took the writer longer than the next took it.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import signal
import sqlite3
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

# One batch: rows for statements, statement_actors, statement_topics, statement_sources,
# links and fts, in that order.
Batch = tuple[list[tuple[Any, ...]], ...]

INSERTS = (
    "INSERT INTO statements(rowid, id, speaker, lo, hi, match_lo, match_hi, said_lo, said_hi,"
    " said_match_lo, said_match_hi, said_day, certainty, attribution, located,"
    " about_lo, sort_day, about, said, speaker_name, title, cue, text, record, file, line)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT OR IGNORE INTO statement_actors VALUES (?,?,?)",
    # topics and sources are de-duplicated per statement already
    "INSERT INTO statement_topics VALUES (?,?)",
    "INSERT INTO statement_sources VALUES (?,?)",
    "INSERT INTO links VALUES (?,?,?,?)",
    "INSERT INTO fts(rowid, text, quotes, names, context) VALUES (?,?,?,?,?)",
)
BUILD_PRAGMAS = (
    # a build writes a private temporary file: no journal, no syncs, a generous cache
    "PRAGMA journal_mode = OFF",
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -65536",
)
_END = b""  # after the last batch; a pipe closed without it means the builder went away
# batches waiting to be sent, at about 1 MB each: enough to ride out uneven batches
_AHEAD = 4


def insert(conn: sqlite3.Connection, batch: Batch) -> None:
    for sql, rows in zip(INSERTS, batch, strict=True):
        if rows:
            conn.executemany(sql, rows)


def parallel_available() -> bool:
    """Two processes help only with two cores this process may use (not merely exist)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class ProcessWriter:
    """Sends batches to a child process that inserts them into the database file at `path`.

    The caller must not write to that file until `close` returns. Errors in the child come
    back from `write` or `close` as sqlite3.OperationalError."""

    def __init__(self, path: str) -> None:
        # fork: the child needs nothing but this module, and starts in a millisecond. What
        # is still buffered for stdout and stderr goes out first, or the child would repeat it.
        sys.stdout.flush()
        sys.stderr.flush()
        ctx = multiprocessing.get_context("fork")
        batches_in, self._batches_out = ctx.Pipe(duplex=False)
        self._result_in, result_out = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(
            target=_serve,
            args=(path, batches_in, self._batches_out, result_out),
            name="belarus-nato index writer",
            daemon=True,
        )
        # Ctrl-C in the middle of the fork would be raised inside the fork's own handlers,
        # which print it and carry on: hold it back until the fork is done, then take it.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._proc.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        batches_in.close()
        result_out.close()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
        self._broken = threading.Event()  # the child stopped reading: its report says why
        self._sender = threading.Thread(target=self._send_all, name="index batches", daemon=True)
        self._sender.start()

    def write(self, batch: Batch) -> None:
        if self._broken.is_set():
            raise sqlite3.OperationalError(self._report())
        # marshal: the rows are plain tuples of str, int, bool and None, between two
        # processes of the same interpreter; about twice as fast as pickle for them
        self._queue.put(marshal.dumps(batch))

    def close(self) -> None:
        """Wait until every batch is written and committed."""
        self._queue.put(_END)
        self._sender.join()
        report = self._report()
        self._proc.join()
        if report != "ok":
            raise sqlite3.OperationalError(report)

    def abort(self) -> None:
        """Stop the child now (the build is being abandoned)."""
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
        self._broken.set()  # (a send under way fails now; the sender sends no more)
        while True:  # what is queued is dropped, so the stop always fits
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._sender.join()
        self._batches_out.close()

    def _send_all(self) -> None:
        """The sending thread: each queued batch into the pipe, until the end or a stop
        (None); after a failed send, only empties the queue, so `write` never blocks."""
        while (data := self._queue.get()) is not None:
            if not self._broken.is_set():
                try:
                    self._batches_out.send_bytes(data)
                except OSError:
                    self._broken.set()
            if data == _END:
                return

    def _report(self) -> str:
        """The child's last word: "ok", or what went wrong."""
        try:
            return self._result_in.recv_bytes().decode("utf-8", "replace")
        except (EOFError, OSError):
            return "the index writer process stopped unexpectedly"


def _serve(path: str, batches: Connection, sender: Connection, result: Connection) -> None:
    # Ctrl-C is the builder's to handle (it stops this process); the builder's end of the
    # pipe is closed here, so a builder that dies leaves this process reading end-of-file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sender.close()
    try:
        conn = sqlite3.connect(path)
        for pragma in BUILD_PRAGMAS:
            conn.execute(pragma)
        while (data := batches.recv_bytes()) != _END:
            insert(conn, marshal.loads(data))
        conn.commit()
        conn.close()
        result.send_bytes(b"ok")
    except EOFError:
        return  # the builder went away: nothing to finish
    except Exception as exc:  # reported to the builder, which raises it
        result.send_bytes(f"{type(exc).__name__}: {exc}".encode())
