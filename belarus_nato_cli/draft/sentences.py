"""Splitting an article into sentences, with code-point spans and paragraph numbers.

A sentence ends at . ! or ? (and any closing quotes or brackets) followed by white space,
except after a title or initial with a full stop (Maj.-Gen., U.S., J.), and at a line end.
Decimal numbers never split: their full stop is not followed by white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that take a full stop inside a sentence (matched ignoring case).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen maj lt col capt sgt adm cmdr gov sen rep st jr sr vs etc "
    "e.g i.e cf approx dept univ corp inc ltd co jan feb mar apr jun jul aug sep sept oct "
    "nov dec u.s u.k u.n e.u u.s.s.r p.m a.m mt ft pres amb".split()
)
# Abbreviations that may also end a sentence: one there when a capital follows ("etc. The"),
# while a title never does ("Gen. Petrov").
ENDING = frozenset(
    "etc inc ltd co corp approx dept univ jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    number: int  # 1-based, in the whole article
    paragraph: int  # 1-based
    start: int
    end: int  # exclusive; the closing punctuation included


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the full stop at text[stop] closes a title, initial or abbreviation."""
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(
        text, max(0, stop - 40), stop
    )  # a window: the search is anchored at its end
    if m is None:
        return False
    word = m.group(1).lstrip(".-")
    last = re.split(r"[-]", word)[-1]
    if len(last) == 1 and last.isalpha() and last.isupper():
        return True  # an initial: "J. Smith", "U.S."
    found = word.casefold() if word.casefold() in ABBREVIATIONS else last.casefold()
    if found not in ABBREVIATIONS:
        return False
    if found in ENDING:  # "tanks, artillery, etc. The ministry said": a new sentence
        nxt = re.match(r"\s*(\S)", text[stop + 1 : stop + 8])
        return nxt is None or not nxt.group(1).isupper()
    return True


def _paragraph_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    at = start
    for m in _END.finditer(text, start, end):
        if _abbreviation_before(text, m.start()):
            continue
        spans.append((at, m.end()))
        at = m.end()
        while at < end and text[at].isspace():
            at += 1
    if at < end:
        spans.append((at, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a plain-text article, in order."""
    out: list[Sentence] = []
    paragraph = 0
    for para in re.finditer(r"[^\n]+", text):
        start, end = para.start(), para.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        paragraph += 1
        for s, e in _paragraph_sentences(text, start, end):
            out.append(Sentence(len(out) + 1, paragraph, s, e))
    return out
