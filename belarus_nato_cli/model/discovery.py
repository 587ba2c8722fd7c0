"""Finding the fact files under the paths a run is given, refusing what is not a plain file.

Plain os.path strings, not pathlib: this runs at the start of every query.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from belarus_nato_cli.errors import Problem

FACT_SUFFIXES = (".toml", ".jsonl")

# Reading a named pipe, a device or a socket blocks for ever or never ends (/dev/zero):
# such paths are refused by what they are, before anything opens them.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a file is when it is not a regular file or a folder ("a named pipe"), else None."""
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def refusal(kind: str) -> str:
    return f"{kind}, not a regular file or folder: refused"


def embedded_facts_dir() -> str:
    """The facts shipped inside the installed package (or the checkout's, when run from it)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the package root
    installed = os.path.join(here, "facts")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), "facts")


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[Problem]]:
    """Every fact file under the given files and folders, in a stable order."""
    files: list[str] = []
    problems: list[Problem] = []
    for p in paths:
        path = os.fspath(p)
        try:
            _add_path(path, files, problems)
        except OSError as exc:
            problems.append(Problem(path, "", "", f"cannot read: {exc.strerror or exc}"))
    return files, problems


def _add_path(path: str, files: list[str], problems: list[Problem]) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        gone = "broken or looping symbolic link" if os.path.islink(path) else None
        problems.append(Problem(path, "", "", gone or "no such file or folder"))
        return
    except OSError as exc:
        if os.path.islink(path):  # ELOOP
            problems.append(Problem(path, "", "", "broken or looping symbolic link"))
            return
        raise exc
    kind = special_kind(mode)
    if kind is not None:
        problems.append(Problem(path, "", "", refusal(kind)))
    elif stat.S_ISDIR(mode):
        files.extend(_walk(path, problems))
    elif not path.endswith(FACT_SUFFIXES):
        problems.append(Problem(path, "", "", "not a fact file (expected .toml or .jsonl)"))
    else:
        files.append(path)


def _walk(root: str, problems: list[Problem]) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()

    def onerror(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or root), "", "", f"cannot read: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        real = os.path.realpath(dirpath)
        if real in seen:
            problems.append(Problem(dirpath, "", "", "symbolic link loop; folder skipped"))
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(FACT_SUFFIXES) and not name.startswith("."):
                _add_found(os.path.join(dirpath, name), found, problems)
    return found


def _add_found(path: str, found: list[str], problems: list[Problem]) -> None:
    """A fact file found in a folder, unless it is a pipe or device dressed up as one."""
    try:
        kind = special_kind(os.stat(path).st_mode)
    except OSError:
        kind = None  # a broken link: reading it reports what is wrong
    if kind is None:
        found.append(path)
    else:
        problems.append(Problem(path, "", "", refusal(kind)))
