"""Spelling correction: a question word the facts do not know, read as the closest word they
do know (Damerau-Levenshtein distance, from rapidfuzz): first among the words of the alias
table (names and transliterations), then the facts' own words and the question words."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from belarus_nato_cli.ask.parse import STOPWORDS
from belarus_nato_cli.ask.words import base_forms, is_common, real_words, word_table


@dataclass(frozen=True)
class Correction:
    typed: str
    read_as: str
    name: str | None  # the entity or topic it names, when it is a name's word


def max_edits(word: str) -> int:
    """Long words tolerate two slips, others one; under four letters, none."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 9 else 2


def plausible_slip(typed: str, known: str) -> bool:
    """A short word (under six letters) is read as another only across a transposition or a
    doubled or dropped letter: one changed letter makes another real word too often ("camp",
    "came")."""
    if len(typed) >= 6:
        return True
    if len(typed) == len(known):
        return sorted(typed) == sorted(known)  # a transposition
    longer, shorter = (typed, known) if len(typed) > len(known) else (known, typed)
    return any(
        longer[:i] + longer[i + 1 :] == shorter and i > 0 and longer[i] == longer[i - 1]
        for i in range(len(longer))
    )


class Speller:
    def __init__(
        self, load_names: Callable[[], dict[str, str]], known: Callable[[str], bool]
    ) -> None:
        """`load_names`: every word of the alias table -> the entity it names ("" for a
        topic), read only when a word needs correcting; `known`: whether the index has a word
        (for words of packs the derived table does not cover)."""
        self._load_names = load_names
        self._names: dict[str, str] | None = None
        self._undoubled: dict[str, str] | None = None
        self.known_in_index = known

    @property
    def name_words(self) -> dict[str, str]:
        if self._names is None:
            self._names = self._load_names()
        return self._names

    def _same_but_doubles(self, word: str) -> str | None:
        """The name's word this one is but for its double letters (the first, in order)."""
        if self._undoubled is None:
            self._undoubled = {}
            for name in sorted(self.name_words):
                self._undoubled.setdefault(_undoubled(name), name)
        found = self._undoubled.get(_undoubled(word))
        return found if found != word else None

    def knows(self, word: str) -> bool:
        return self.is_word(word) or self.known_in_index(word) or word in self.name_words

    def is_word(self, word: str) -> bool:
        """A word of English or of the facts, as written (the derived tables; cheap: the alias
        table is read only when a word needs correcting)."""
        table = word_table()
        return is_common(word) or any(
            k in table.vocabulary or k in table.standing_for or k in real_words()
            for k in base_forms(word)
        )

    def correct(self, word: str, names_only: bool = False) -> Correction | None:
        """The closest known word within the allowed edits; names first, then (unless only a
        name will do) the facts' words and the question words; None when nothing is close or
        the word is known."""
        limit = max_edits(word)
        if not limit or self.is_word(word):
            return None
        # a name the index knows may still be a slip for another, when the index knows it only
        # by its stem ("Kaminsky" is found as "kaminski"); any other word it knows is known
        if self.known_in_index(word) and not names_only:
            return None
        if word in self.name_words:
            return None
        from rapidfuzz.distance import DamerauLevenshtein
        from rapidfuzz.process import extract

        # a name with its double letters written single or the other way ("Hofman" for
        # Hoffmann, "Kamminski"): the commonest slip in foreign names, however many
        same = self._same_but_doubles(word)
        if same is not None:
            return Correction(word, same, self.name_words[same])
        table = word_table()
        pools: tuple[Collection[str], ...] = (self.name_words,)
        if not names_only:
            # not WordNet's other words: they are real words the facts do not use, and a word
            # the facts do not use is better left unknown than read as another
            pools += (table.vocabulary, STOPWORDS)
        for pool in pools:
            close = extract(
                word, list(pool), scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8
            )
            # the derived table lists the embedded facts' words: a user's own packs may lack them
            close = [
                c
                for c in close
                if plausible_slip(word, c[0]) and (pool is STOPWORDS or self.known_in_index(c[0]))
            ]
            if close:
                # the fewest edits; among equals, the one sharing the longest start
                best = min(close, key=lambda c: (c[1], -_shared_start(word, c[0]), c[0]))[0]
                name = self.name_words.get(best) if pool is self.name_words else None
                return Correction(word, best, name)
        return None


def _undoubled(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
