"""Quoted sentences whose reporting verb stands in a neighbouring sentence.

'"The decision stands. We will not be blackmailed," he told the Seimas.' is two sentences;
the first has no reporting verb of its own, yet its words are his. A sentence that opens
inside a quotation and reports no one keeps the speaker of the quotation: of the next
sentence when the quotation runs on into it, else of the sentence before, within the same
paragraph. Its cue stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from belarus_nato_cli.draft.sentences import Sentence

_OPEN = frozenset("“«„")
_CLOSE = frozenset("”»")


@dataclass(frozen=True, slots=True)
class QuoteState:
    starts_inside: bool  # the sentence opens inside a quotation
    open_at_end: bool  # a quotation is still open where it ends


def quote_states(text: str, sentences: list[Sentence]) -> list[QuoteState]:
    """Each sentence's place in the article's quotations, in order."""
    out: list[QuoteState] = []
    inside, paragraph = False, 0
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            inside, paragraph = False, sentence.paragraph  # a new paragraph reopens quotes
        words = text[sentence.start : sentence.end]
        starts = inside or words[:1] in _OPEN or words[:1] == '"'
        for ch in words:
            if ch in _OPEN:
                inside = True
            elif ch in _CLOSE:
                inside = False
            elif ch == '"':
                inside = not inside
        out.append(QuoteState(starts, inside))
    return out


def neighbour(
    n: int, states: list[QuoteState], sentences: list[Sentence], voiced: list[bool]
) -> int | None:
    """The sentence whose speaker the quoted sentence n takes, if any: the next one when
    the quotation runs on into it, else the one before; in the same paragraph."""
    if not states[n].starts_inside or voiced[n]:
        return None
    paragraph = sentences[n].paragraph
    after = n + 1 if n + 1 < len(sentences) and sentences[n + 1].paragraph == paragraph else None
    before = n - 1 if n > 0 and sentences[n - 1].paragraph == paragraph else None
    if states[n].open_at_end and after is not None and voiced[after]:
        return after
    if before is not None and voiced[before]:
        return before
    return None
