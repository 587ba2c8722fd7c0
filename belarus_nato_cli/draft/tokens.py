"""Words and punctuation of a text, with their code-point offsets, and the folded form the
rule tables and alias tables are matched on."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from belarus_nato_cli.text import norm

# a number with its separators (1,000 / 3.5 / 12:30), a word, or one punctuation mark
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+|\w+|\S")
OPEN_QUOTES = frozenset('"“‘«„')
CLOSE_QUOTES = frozenset('"”’»')
CLAUSE_PUNCT = frozenset(",;:—–()")
_fold = functools.lru_cache(maxsize=1 << 16)(norm)  # an article repeats its words


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # folded: lower case, no accents, one apostrophe style

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capital(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of text[start:end], offsets into the whole text."""
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        out.append(Token(word, m.start(), m.end(), _fold(word)))
    return out


def fold_phrase(phrase: str) -> tuple[str, ...]:
    """A rule or alias phrase as the folded token keys it matches."""
    return tuple(norm(m.group()) for m in _TOKEN.finditer(phrase))


def match_at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's folded words start at tokens[i]."""
    if i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].key == word for k, word in enumerate(phrase))


def span_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    """The exact text from token i to token j - 1."""
    return text[tokens[i].start : tokens[j - 1].end]
