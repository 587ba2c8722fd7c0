"""Scoring candidates: how much of the question each covers, and what it is about.

All numbers come from one `Weights` object.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from belarus_nato_cli.ask.parse import WEAK_WORDS, Question
from belarus_nato_cli.ask.weights import Weights
from belarus_nato_cli.ask.words import Term, is_common
from belarus_nato_cli.index.search import Search, any_of


@dataclass(frozen=True)
class Named:
    """An entity or topic the question names, and its weight (rarer weighs more)."""

    what: str  # "entity" or "topic"
    ident: str
    df: int
    weight: float
    voices: tuple[str, ...] = ()  # who speaks for it: a ministry's officials


@dataclass
class Scored:
    scores: dict[int, float]
    matched: dict[int, float]  # weight of the question's words each candidate has, in any form
    covered: dict[int, float]  # weight of the named entities each candidate involves
    question_weight: float  # weight of all the question's words and named entities


def weigh(
    search: Search,
    terms: list[Term],
    total: int,
    w: Weights,
    occasion: frozenset[str] = frozenset(),
) -> list[Term]:
    """Give each term its document count and weight (IDF); returns the terms the facts never
    use in any form. Such a word weighs as the rarest word they use (times `unknown_word`):
    what the question asks about and the facts lack is what an answer would miss. A common
    verb or adjective ("think", "willing") says how it is asked more than what about: it
    weighs as an average known word."""
    unknown = []
    rarest = math.log(1 + total)
    known_idf = []
    for term in terms:
        term.df = search.doc_count(any_of(term.every_form))
        if term.df:
            term.idf = math.log(1 + total / term.df)
            known_idf.append(term.idf)
        else:
            unknown.append(term)
    average = sum(known_idf) / len(known_idf) if known_idf else 1.0
    for term in unknown:
        term.idf = average if is_common(term.word) else rarest * w.unknown_word
    for term in terms:
        if term.word in WEAK_WORDS or term.word in occasion:
            term.idf *= w.weak_word
    return [t for t in unknown if not is_common(t.word)] or unknown


def named_weights(
    search: Search,
    found: dict[str, str],
    total: int,
    w: Weights,
    voices: Callable[[str], tuple[str, ...]] = lambda ident: (),
) -> list[Named]:
    """For each named entity or topic: its count and weight, rarest first, and who speaks
    for it."""
    named = []
    for ident, what in found.items():
        df = search.named_count(what, ident)
        if df:
            factor = 1.0 if what == "entity" else w.topic
            spoken = voices(ident) if what == "entity" else ()
            named.append(Named(what, ident, df, factor * math.log(1 + total / df), spoken))
    named.sort(key=lambda n: n.df)
    return named


def pool(
    search: Search, q: Question, terms: list[Term], named: list[Named], total: int, w: Weights
) -> dict[int, float]:
    """Candidate statements with their BM25 score (0 for those found by name only)."""
    found: dict[int, float] = {}
    known = [t for t in terms if t.df]
    if known:
        match = " OR ".join(f"({any_of(t.every_form)})" for t in known)
        found.update(search.ranked(match, q.window, w.candidates, q.about_saying))
    if named:
        # statements that involve the rarest named thing are candidates even without a word
        # in common ("Is Cuba a partner?")
        rarest = named[0]
        if rarest.df < total / 2 or not known:
            for rowid in search.named_statements(
                rarest.what, rarest.ident, q.window, w.candidates, q.about_saying, rarest.voices
            ):
                found.setdefault(rowid, 0.0)
    return found


def matched(
    search: Search, ids: list[int], terms: list[Term], w: Weights
) -> tuple[dict[int, float], dict[int, float]]:
    """How much of the question each candidate covers, for ranking and for abstaining.

    Ranking: a word in its text or evidence counts fully, a curators' synonym or a WordNet
    relative there less, any of them among its names and titles or its context (notes, link
    reasons, descriptions, source titles) less still. Abstaining asks only whether the word is
    there in some form: in the text or evidence fully, elsewhere `cover_elsewhere`."""
    ranking = dict.fromkeys(ids, 0.0)
    coverage = dict.fromkeys(ids, 0.0)
    for term in terms:
        if not term.df:
            continue
        best: dict[int, float] = {}
        covers: dict[int, float] = {}
        forms = term.every_form
        asked: set[str] = set()
        for query, weight, cover in (
            (f"{{text quotes}} : ({any_of(term.exact)})", w.exact, 1.0),
            (f"{{text quotes}} : ({any_of(term.synonyms)})", w.lexicon, 1.0),
            (f"{{text quotes}} : ({any_of(forms)})", w.wordnet, 1.0),
            (f"names : ({any_of(forms)})", w.in_names, w.cover_elsewhere),
            (f"context : ({any_of(forms)})", w.in_context, w.cover_elsewhere),
        ):
            if query in asked:  # no synonyms, or no WordNet relatives: asked already
                continue
            asked.add(query)
            for rowid in search.matching(query, ids):
                best[rowid] = max(best.get(rowid, 0.0), weight)
                covers[rowid] = max(covers.get(rowid, 0.0), cover)
        for rowid, weight in best.items():
            ranking[rowid] += term.idf * weight
            coverage[rowid] += term.idf * covers[rowid]
    return ranking, coverage


def involvement(
    search: Search, ids: list[int], named: list[Named], speech: bool, w: Weights
) -> tuple[dict[int, float], dict[int, float]]:
    """Per candidate: the boost for the named entities and topics it involves, and the weight
    of the named entities it covers."""
    boosts = dict.fromkeys(ids, 0.0)
    covered = dict.fromkeys(ids, 0.0)
    if not named:
        return boosts, covered
    # a statement about few parties is more about each of them than a list of many
    parties = search.party_counts(ids)
    for item in named:
        # (the words of those who speak for it count for less than its own)
        own = {r for r, _ in search.involving(item.what, item.ident, ids)} if item.voices else ()
        for rowid, speaks in search.involving(item.what, item.ident, ids, item.voices):
            focus = min(1.0, (2 / max(parties.get(rowid, 1), 1)) ** 0.5)
            if item.voices and rowid not in own:
                focus *= w.voice
            boosts[rowid] += item.weight * (w.speaker_speech if speaks and speech else 1.0) * focus
            if item.what == "entity":
                covered[rowid] += item.weight
    return boosts, covered


def score(
    search: Search,
    q: Question,
    candidates: dict[int, float],
    terms: list[Term],
    named: list[Named],
    w: Weights,
) -> Scored:
    ids = list(candidates)
    covers, coverage = matched(search, ids, terms, w)
    boosts, covered = involvement(search, ids, named, q.speech, w)
    closeness: dict[int, float] = {}
    if any(t.df for t in terms):
        # BM25 on the question's own words only: breaks ties toward the statement that says
        # it most directly (synonyms would favour statements that repeat a theme)
        match = " OR ".join(f"({any_of(t.exact)})" for t in terms)
        closeness = search.bm25_among(match, ids)
    traits = search.traits(ids)
    scores = {}
    for rowid in ids:
        lo, located, partners, placed = traits[rowid]
        value = covers[rowid] + boosts[rowid] + w.closeness * closeness.get(rowid, 0.0)
        value += _kind_bonus(q, lo, partners, placed, w)
        if located:
            # evidence checked against a source text we hold beats evidence known only
            # through notes, when the two are otherwise close
            value += w.located
        scores[rowid] = value
    question_weight = sum(t.idf for t in terms) + sum(n.weight for n in named if n.what == "entity")
    return Scored(scores, coverage, covered, question_weight)


def _kind_bonus(q: Question, lo: str | None, partners: int, placed: bool, w: Weights) -> float:
    """What the question's type and dates ask of a statement, beyond its words: partners for
    "which countries", a place for "where", a day in the month it names without a year."""
    bonus = 0.0
    if q.kind == "which_parties":
        bonus += w.parties * min(partners, 2)
    elif q.kind == "where" and placed:
        bonus += w.place
    if q.month_only and lo and lo[5:7] == f"{q.month_only:02d}":
        bonus += w.month
    return bonus
