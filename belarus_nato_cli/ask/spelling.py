"""Spelling correction: a question word the facts do not know, read as the closest word they
do know (Damerau-Levenshtein distance, from rapidfuzz), among the facts' own words, the words
WordNet relates to them, and every word of the alias table (names and transliterations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from belarus_nato_cli.ask.parse import is_content
from belarus_nato_cli.ask.words import base_forms, word_table


@dataclass(frozen=True)
class Correction:
    typed: str
    read_as: str
    name: str | None  # the entity or topic it names, when it is a name's word


def max_edits(word: str) -> int:
    """Words tolerate one slip (a transposition is one); long ones two; under four letters,
    none."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 9 else 2


class Speller:
    def __init__(self, name_words: dict[str, str], known: Callable[[str], bool]) -> None:
        """`name_words`: every word of the alias table -> the name it belongs to;
        `known`: whether the index has a word (for words of packs the table does not cover)."""
        self.name_words = name_words
        self.known_in_index = known

    def knows(self, word: str) -> bool:
        table = word_table()
        return (
            word in self.name_words
            or any(k in table.vocabulary or k in table.standing_for for k in base_forms(word))
            or self.known_in_index(word)
        )

    def correct(self, word: str, names_only: bool = False) -> Correction | None:
        """The closest known word within the allowed edits; names first, then (unless only a
        name will do) the facts' words, then WordNet's; None when nothing is close or the word
        is known."""
        limit = max_edits(word)
        if not limit or self.knows(word):
            return None
        from rapidfuzz.distance import DamerauLevenshtein
        from rapidfuzz.process import extract

        table = word_table()
        pools = (self.name_words,) if names_only else (self.name_words, table.vocabulary, table.standing_for)
        for pool in pools:
            close = extract(
                word, list(pool), scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8
            )
            # a slip never turns a word into grammar ("weather" is not "whether")
            close = [c for c in close if is_content(c[0])]
            if close:
                # the fewest edits; among equals, the one sharing the longest start
                best = min(close, key=lambda c: (c[1], -_shared_start(word, c[0]), c[0]))[0]
                name = self.name_words.get(best) if pool is self.name_words else None
                return Correction(word, best, name)
        return None


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
