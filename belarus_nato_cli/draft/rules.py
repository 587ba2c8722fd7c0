"""The drafter's rules as data: cues, hedges, date words and speaker words, read from the
TOML files beside this module, which curators extend without touching code."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belarus_nato_cli.draft.tokens import fold_phrase

RULES_DIR = Path(__file__).parent
CERTAINTY_ORDER = ("certain", "probable", "possible", "unknown")


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: tuple[str, ...]  # folded words
    speaker: str  # before | after | inverted | subject | none
    attribution: str
    needs: tuple[str, ...] | None  # any of these must follow ("as"; "clause": a reported clause)
    channel: bool = False
    window: int = 10  # how far the needed word may follow


@dataclass(frozen=True, slots=True)
class Relative:
    unit: str  # day | month | year
    shift: int
    deictic: bool  # read against the publication date first (else the last date stated)


@dataclass(frozen=True)
class Rules:
    cues: dict[tuple[str, ...], list[Cue]]
    channels: frozenset[tuple[str, ...]]
    hedges: dict[tuple[str, ...], str]  # phrase -> certainty
    hedge_exceptions: frozenset[tuple[str, ...]]
    months: dict[str, int]
    weekdays: dict[str, int]
    open_end: frozenset[str]
    open_start: frozenset[tuple[str, ...]]
    relative: dict[tuple[str, ...], Relative]
    titles: frozenset[str]
    groups: frozenset[str]
    media: frozenset[str]
    pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    between: frozenset[str]
    stops: frozenset[str]
    clause_openers: frozenset[str]
    not_names: frozenset[str]
    organisations: frozenset[str]
    channel_nouns: frozenset[str]
    not_cues: frozenset[tuple[str, ...]]
    finite: frozenset[str]
    be_forms: frozenset[str]
    not_as: frozenset[str]
    adverbial_openers: frozenset[str]
    outlets: frozenset[str]
    contrasts: frozenset[str]

    @functools.cached_property
    def cue_starts(self) -> frozenset[str]:
        """The first words of the cues: most words start none, and are passed at once."""
        return frozenset(p[0] for p in self.cues)

    @functools.cached_property
    def hedge_starts(self) -> frozenset[str]:
        return frozenset(p[0] for p in (*self.hedges, *self.hedge_exceptions))

    @functools.cached_property
    def relative_by_start(self) -> dict[str, list[tuple[tuple[str, ...], Relative]]]:
        out: dict[str, list[tuple[tuple[str, ...], Relative]]] = {}
        for phrase, rule in self.relative.items():
            out.setdefault(phrase[0], []).append((phrase, rule))
        return out

    @functools.cached_property
    def longest_cue(self) -> int:
        return max(len(p) for p in self.cues)

    @functools.cached_property
    def longest_hedge(self) -> int:
        return max(len(p) for p in (*self.hedges, *self.hedge_exceptions))


def _read(name: str) -> dict[str, Any]:
    with open(RULES_DIR / name, "rb") as fh:
        return tomllib.load(fh)


def _needs(value: str | list[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _phrases(words: list[str]) -> list[tuple[str, ...]]:
    return [fold_phrase(w) for w in words]


@functools.cache
def load_rules() -> Rules:
    """The rules, read once per run."""
    cues_doc, hedges_doc = _read("cues.toml"), _read("hedges.toml")
    dates_doc, words_doc = _read("dates.toml"), _read("words.toml")
    cues: dict[tuple[str, ...], list[Cue]] = {}
    for entry in cues_doc["cue"]:
        for phrase in _phrases(entry["words"]):
            cue = Cue(
                phrase,
                entry["speaker"],
                entry["attribution"],
                _needs(entry.get("needs")),
                bool(entry.get("channel", False)),
                int(entry.get("window", 10)),
            )
            cues.setdefault(phrase, []).append(cue)
    hedges: dict[tuple[str, ...], str] = {}
    for entry in hedges_doc["hedge"]:
        for phrase in _phrases(entry["words"]):
            hedges.setdefault(phrase, entry["certainty"])
    relative = {
        phrase: Relative(entry["unit"], int(entry["shift"]), entry.get("anchor") != "stated")
        for entry in dates_doc["relative"]
        for phrase in _phrases(entry["words"])
    }
    months = {name: i for i, names in enumerate(dates_doc["months"], 1) for name in names}

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in words_doc[key])

    return Rules(
        cues=cues,
        channels=frozenset(_phrases(cues_doc["channel"]["words"])),
        hedges=hedges,
        hedge_exceptions=frozenset(_phrases(hedges_doc["except"]["words"])),
        months=months,
        weekdays={name: i for i, name in enumerate(dates_doc["weekdays"])},
        open_end=frozenset(dates_doc["interval"]["open_end"]),
        open_start=frozenset(_phrases(dates_doc["interval"]["open_start"])),
        relative=relative,
        titles=words("titles"),
        groups=words("groups"),
        media=words("media"),
        pronouns=words("pronouns"),
        body_pronouns=words("body_pronouns"),
        between=words("between"),
        stops=words("stops"),
        clause_openers=words("clause_openers"),
        not_names=words("not_names") | frozenset(months) | frozenset(dates_doc["weekdays"]),
        organisations=words("organisations"),
        channel_nouns=words("channels"),
        not_cues=frozenset(_phrases(cues_doc["not_cues"]["words"])),
        finite=words("finite"),
        be_forms=words("be_forms"),
        not_as=words("not_as"),
        adverbial_openers=words("adverbial_openers"),
        outlets=words("outlets"),
        contrasts=words("contrasts"),
    )


def weakest(certainties: list[str]) -> str:
    """The least certain of several certainty levels ("certain" when there are none)."""
    return max(certainties, key=CERTAINTY_ORDER.index, default="certain")
