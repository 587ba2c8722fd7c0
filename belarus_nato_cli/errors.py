"""Domain exceptions. Core code raises these; only the CLI maps them to messages and exit codes."""

# no `from __future__ import annotations`: a named tuple would compile each field's
# type from a string at start-up
from typing import NamedTuple


class BelarusNatoError(Exception):
    """Base of every error the tool reports to a user."""


class BadInput(BelarusNatoError):
    """A user's argument or option is unusable (exit 2)."""


class BadDate(BadInput):
    pass


class UnknownName(BadInput):
    def __init__(self, what: str, name: str, suggestions: list[str]) -> None:
        hint = ""
        if suggestions:
            hint = "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        super().__init__(f"unknown {what} {name!r}{hint}")
        self.suggestions = suggestions


class AmbiguousName(BadInput):
    def __init__(self, what: str, name: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:8]) + (", ..." if len(candidates) > 8 else "")
        super().__init__(f"ambiguous {what} {name!r}: could be {shown}")
        self.candidates = candidates


class UnknownId(BadInput):
    pass


class DamagedIndex(BelarusNatoError):
    """The cached index cannot be read (exit 3); it has been removed so the next run rebuilds."""


class Problem(NamedTuple):
    """One thing wrong with the fact data: where it is and what is wrong."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.file or "-", self.record or "-", self.field or "-", self.message]
        return ": ".join(parts)


class InvalidFacts(BelarusNatoError):
    """The fact data is invalid or unreadable (exit 3 for queries, 1 for validate)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the fact data")


class OutputClosed(Exception):
    """Whoever reads our output stopped reading (a closed pipe): not an error to report."""
