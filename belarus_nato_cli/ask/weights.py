"""Every number `ask` ranks and abstains by, in one place (the benchmark can sweep them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    # candidates read from the full-text index, and from the rarest named entity's statements
    candidates: int = 100
    # below this share of the question covered by the best statement, abstain
    min_coverage: float = 0.45
    # "when/who/where/how many": above this share of the question's weight missing from the
    # best statement in every form, it does not tell of the event asked about
    slot_uncovered: float = 0.15
    # how much a question word counts where it is found: as typed in the statement's text or
    # evidence; a curators' synonym there; a WordNet relative there; among its names, titles
    # and topics; in its notes, link reasons, source or its actors' descriptions
    exact: float = 1.0
    lexicon: float = 0.75
    wordnet: float = 0.5
    in_names: float = 0.5
    in_context: float = 0.4
    # abstaining: a question word found (in any form) among names or context, not in the text
    cover_elsewhere: float = 0.5
    # reporting verbs ("described", "said") count for little
    weak_word: float = 0.3
    # a word the facts never use weighs as this many times the rarest word they do use (1.5
    # answered more but abstained less; 2.0 and above answered fewer)
    unknown_word: float = 1.75
    # named topics are soft hints beside named entities
    topic: float = 0.3
    # asked what someone said: their own words over words about them
    speaker_speech: float = 1.0
    voiced: float = 2.0
    # asked what X said: the share of that boost for statements where X acts but does not speak
    voiced_subject: float = 0.5
    # a body named: the share of its boost for the words of those who speak for it
    voice: float = 0.5
    # BM25 on the question's own words, to break near ties
    closeness: float = 0.05
    # "which countries": per partner a statement names (at most two count)
    parties: float = 1.5
    # "where": a statement that names the place where it happened
    place: float = 1.0
    # evidence located in a source text we hold
    located: float = 0.2
    # a month named without a year: statements dated in that month
    month: float = 0.5


WEIGHTS = Weights()
