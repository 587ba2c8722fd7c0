"""Answering a question: read it, correct its spelling, find what it names, then either answer
from a person's or body's record, or rank statements and answer or abstain."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from belarus_nato_cli.ask import compose as wording
from belarus_nato_cli.ask import confidence, contradictions, factuality, figures, person, rank
from belarus_nato_cli.ask.parse import (
    VOICED,
    Question,
    hyphen_parts,
    is_content,
    parse,
    party_kinds,
    question_kind,
    tokens,
)
from belarus_nato_cli.ask.people import People
from belarus_nato_cli.ask.spelling import Speller
from belarus_nato_cli.ask.weights import WEIGHTS, Weights
from belarus_nato_cli.ask.words import Term, is_common, lexicon_forms, stems, terms
from belarus_nato_cli.index.search import Search, any_of, quote_fts
from belarus_nato_cli.index.store import Store
from belarus_nato_cli.text import norm


class Answer:
    def __init__(self, question: str) -> None:
        self.question = question
        self.answer: str | None = None
        self.results: list[dict[str, Any]] = []
        self.reason: str | None = None  # why it abstained
        self.kind = "what"
        self.notes: list[str] = []  # how the question was read (spelling corrections)
        self.profile: dict[str, Any] | None = None
        self.support: confidence.Support | None = None  # what abstaining was decided from
        # the best statements' ids as ranked, before any abstention (for measuring the ranking
        # apart from abstaining); empty when it abstained before ranking
        self.ranked: list[str] = []


class Asker:
    def __init__(self, store: Store, weights: Weights = WEIGHTS) -> None:
        self.store = store
        self.search = Search(store.conn)
        self.weights = weights
        self.total = self.search.total() or 1
        self._speller: Speller | None = None
        self._owners: dict[str, list[str]] | None = None
        self.people = People(store, self.search, self.mentions)

    # -- reading the question --------------------------------------------------------------

    def mentions(self, toks: list[str]) -> tuple[dict[str, str], set[int]]:
        """Entities and topics named in the question: {id: what}, and the tokens they use."""
        grams: dict[str, tuple[int, int]] = {}
        for n in range(4, 0, -1):
            for i in range(len(toks) - n + 1):
                grams.setdefault(" ".join(toks[i : i + n]), (i, n))
        found: dict[str, str] = {}
        used: set[int] = set()
        rows = self.search.names_among(list(grams))
        for gram, what, ident in sorted(rows, key=lambda r: -grams[r[0]][1]):
            start, n = grams[gram]
            span = set(range(start, start + n))
            if span & used and ident not in found:
                continue
            if n == 1 and not is_content(toks[start]):
                continue
            found.setdefault(ident, what)
            if what == "entity":  # a topic's words stay content words: topics are soft hints
                used |= span
        for i, token in enumerate(toks):
            owner = None if i in used else self._lone_name(token)
            if owner:
                found.setdefault(owner, "entity")
                used.add(i)
        return found, used

    def _lone_name(self, token: str) -> str | None:
        """The entity a word names that is no word of English or of the facts, found only
        inside a longer alias ("gulevitch", of "Viktor Gulevitch"), when only one entity's
        aliases hold it."""
        if not token.isalpha() or not is_content(token) or is_common(token):
            return None
        # (the cheap checks first: the alias table is read only for a word no statement uses)
        if self.search.doc_count(f"{{text quotes}} : {quote_fts(token)}"):
            return None
        if token not in self.speller().name_words:
            return None
        owners = set(self._name_owners().get(token, ()))
        return next(iter(owners)) if len(owners) == 1 and "" not in owners else None

    def speller(self) -> Speller:
        if self._speller is None:
            self._speller = Speller(self._name_words, self._known)
        return self._speller

    def _known(self, word: str) -> bool:
        """A word of some statement, or a whole name or alias (both looked up by index)."""
        return bool(self.search.names_among([word])) or self.search.doc_count(quote_fts(word)) > 0

    def _name_words(self) -> dict[str, str]:
        """Every word of the alias table -> the first entity it names ("" for a topic's)."""
        return {word: owners[0] for word, owners in self._name_owners().items()}

    def _name_owners(self) -> dict[str, list[str]]:
        """Every word of the alias table -> the entities whose names hold it, in the table's
        order ("" for a topic)."""
        if self._owners is None:
            self._owners = defaultdict(list)
            for name, what, ident in self.search.all_names():
                for word in name.split():
                    self._owners[word].append(ident if what == "entity" else "")
        return self._owners

    def _split_compounds(self, q: Question) -> None:
        """A hyphenated word the facts never use, whole, is its words ("the lithuania-belarus
        border": Lithuania and Belarus); one they use keeps its hyphen ("non-Western")."""
        split = []
        for token in q.tokens:
            parts = hyphen_parts(token)
            split.extend([token] if len(parts) < 2 or self._known(token) else parts)
        q.tokens = split

    def correct(self, q: Question) -> None:
        """Read each unknown word as the closest known one, and say so. A capitalised word
        inside the question is a name: it is read only as a name's word."""
        capitalised = q.capitalised = {
            norm(m.group()).removesuffix("'s")
            for m in re.finditer(r"[A-Z][\w'’-]*", q.text)
            if m.start() > 0
        }
        capitalised |= {part for word in capitalised for part in hyphen_parts(word)}
        for i, token in enumerate(q.tokens):
            if not is_content(token) or token.isdigit():
                continue
            fix = self.speller().correct(token, names_only=token in capitalised)
            if fix is None:
                continue
            q.tokens[i] = fix.read_as
            q.corrections.append((token, fix.read_as))
            shown = self.store.entity_name(fix.name) if fix.name else repr(fix.read_as)
            q.text = re.sub(rf"\b{re.escape(token)}\b", fix.read_as, q.text, flags=re.IGNORECASE)
            # (a name read from a word of it shows the whole name)
            self._note(f"reading {token!r} as {shown}")

    def _note(self, text: str) -> None:
        self._notes.append(text)

    # -- answering -------------------------------------------------------------------------

    def ask(self, question: str, top: int = 3) -> Answer:
        ans = Answer(question)
        self._notes = ans.notes
        q = parse(question)
        self._split_compounds(q)
        self.correct(q)
        lowered = norm(q.text)  # as corrected
        q.kind = ans.kind = question_kind(lowered)
        if self._about_someone(lowered, ans, top):
            return ans
        found, used = self.mentions(q.tokens)
        stranger = self._unknown_name(q, used)
        if stranger:
            ans.reason = f"the facts know nothing of {stranger!r}"
            return ans
        words = terms(q.tokens, used, self.store.lexicon)
        w = self.weights
        unknown = rank.weigh(self.search, words, self.total, w, q.occasion)
        named = rank.named_weights(self.search, found, self.total, w, self.people.voices)
        if not words and not named:
            return self._in_period(q.window, ans, top)
        candidates = rank.pool(self.search, q, words, named, self.total, w)
        if not candidates:
            period = " in that period" if q.window else ""
            lacking = f"has {_listed(unknown, 'or')}" if unknown else "matches"
            ans.reason = f"no statement {lacking}{period}"
            return ans
        scored = rank.score(self.search, q, candidates, words, named, w)
        voiced = self._voiced_by(q, list(candidates))
        if voiced is not None:
            name, voices = voiced
            if not voices:
                ans.reason = f"the facts hold nothing said or done by {name}"
                return ans
            for rowid, spoke in voices.items():
                # "what did X say": X's own words first; "what did X do": what X did
                share = 1.0 if spoke or not q.about_saying else w.voiced_subject
                scored.scores[rowid] += w.voiced * share
        ranked = self._naming_first(q, words, sorted(scored.scores.items(), key=_by_score))
        best = ranked[0][0]
        ans.ranked = self.search.ids_of([rowid for rowid, _ in ranked[:top]])
        if words:  # (a question of names only is answered by the statements they are in)
            quoted = self._quotes(q, best)
            # (the words of its occasion, "during his Cuba trip", need not be in the answer)
            told = [t for t in words if t.word not in q.occasion]
            ans.support = sup = confidence.support(
                self.search, best, told, named, scored, q.kind, quoted
            )
            ans.reason = self._doubt(q, sup, scored, best, unknown, words)
        ans.reason = ans.reason or self._not_told(q, words, best)
        if ans.reason:
            return ans
        ids = [rowid for rowid, _ in ranked[: max(top, 6)]]
        results = self._records(ids, ranked)
        if figures.asks_for_figure(lowered) and not _counts(q, words, results[0]["text"]):
            ans.reason = "the facts give no figure for this"
            return ans
        contradictions.mark_disputes(self.search, results)
        results = contradictions.lead_with_the_more_reliable(self.store, self.search, results)
        asked = wording.Asked(
            speech=q.about_saying,
            named=frozenset(i for i, what in found.items() if what == "entity"),
            words=frozenset(stems(" ".join(t for i, t in enumerate(q.tokens) if i not in used))),
            party_kinds=party_kinds(lowered),
        )
        parties = self.search.kinds_and_descriptions(a["id"] for r in results for a in r["actors"])
        ans.answer = wording.compose(q.kind, results, asked, parties)
        ans.results = results[:top]
        return ans

    def _in_period(self, window: tuple[str, str] | None, ans: Answer, top: int) -> Answer:
        """A question that names nothing the facts know but a date: what they hold of that
        time, earliest first."""
        if window is None:
            ans.reason = "the question names nothing the facts know"
            return ans
        ids = self.search.in_period(window, max(top, 6))
        if not ids:
            ans.reason = "no statement is dated in that period"
            return ans
        results = self._records(ids, [])  # listed by date, not scored
        contradictions.mark_disputes(self.search, results)
        ans.ranked = [r["id"] for r in results[:top]]
        ans.answer = wording.compose("what", results, wording.Asked(), {})
        ans.results = results[:top]
        return ans

    def _unknown_name(self, q: Question, used: set[int]) -> str | None:
        """A name the question gives (a capitalised word inside it) that is no known name
        and occurs in no statement's own words: the question is about something else."""
        for i, token in enumerate(q.tokens):
            if i in used or token not in q.capitalised or not is_content(token):
                continue
            # (in any spelling the lexicon gives it: "Hrodna" is found as "Grodno")
            spellings = lexicon_forms(self.store.lexicon, token)[0] or [token]
            if self.search.doc_count(any_of(spellings)) == 0:
                return token
        return None

    def _naming_first(
        self, q: Question, words: list[Term], ranked: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """ "Which two crossings": of the best three statements, those that name the things
        counted come first."""
        counted = figures.which_counted(q.tokens)
        if not counted:
            return ranked
        forms = figures.counted_forms(counted, words)
        naming = [r for r in ranked[:3] if figures.names_them(self.search.text_of(r[0]), forms)]
        return [*naming, *(r for r in ranked if r not in naming)]

    def _doubt(
        self,
        q: Question,
        sup: confidence.Support,
        scored: rank.Scored,
        best: int,
        unknown: list[Term],
        words: list[Term],
    ) -> str | None:
        """Why the best statement does not support the question (None when it does)."""
        if not scored.matched[best]:
            doubt: str | None = "coverage"
        else:
            doubt = confidence.doubt(q.kind, sup, self.weights, q.asks_what_is)
        return self._doubted(doubt, sup, unknown, words) if doubt else None

    def _quotes(self, q: Question, best: int) -> bool:
        """Whether the question quotes words ("'half an army'") that the statement's text or
        evidence holds as they stand."""
        quoted = re.findall(r"(?:^|\s)['\"‘“]([^'\"’”]{3,}?)['\"’”](?=\W|$)", q.text)
        return any(
            self.search.matching(f"{{text quotes}} : {quote_fts(phrase)}", [best])
            for phrase in quoted
        )

    def _not_told(self, q: Question, words: list[Term], best: int) -> str | None:
        """What the best statement does not tell that the question asks (None when it tells
        all): an event asked about that it tells of only as a possibility, the things "which
        two" asks to be named, or a name."""
        text = self.search.text_of(best)
        if q.kind in confidence.SLOT_KINDS:
            maybe = factuality.only_possible(text, q.tokens, words)
            if maybe:
                return f"the facts tell of it only as a possibility ({maybe!r})"
        counted = figures.which_counted(q.tokens)
        if counted and figures.only_counts(text, figures.counted_forms(counted, words)):
            return f"the facts give how many {' '.join(counted)}, not which"
        unnamed = self._names_missed(q, words, best)
        return f"no statement that answers it names {unnamed!r}" if unnamed else None

    def _names_missed(self, q: Question, words: list[Term], best: int) -> str | None:
        """A name the question gives (capitalised, not a known entity's) that the best
        statement does not hold in any form: the answer would be about something else."""
        for term in words:
            named = term.df and all(part in q.capitalised for part in term.word.split())
            if named and not confidence.holds(self.search, term, best):
                return term.word
        return None

    def _doubted(
        self, doubt: str, sup: confidence.Support, unknown: list[Term], words: list[Term]
    ) -> str:
        """The abstention message: what was not found."""
        if doubt == "absent":
            names = ", ".join(repr(self.store.entity_name(e)) for e in sup.absent)
            return f"the statement that best matches its words does not involve {names}"
        if doubt == "slot":
            return f"no statement that matches it tells of {_listed(sup.uncovered)}"
        if unknown:
            return f"the facts say nothing of {_listed(unknown)}"
        return f"no statement covers enough of {_listed(words)}"

    def _records(self, ids: list[int], ranked: list[tuple[int, float]]) -> list[dict[str, Any]]:
        scores = dict(ranked)
        return [
            _plain(self.store.enrich(record, links, scores.get(rowid), standing))
            for rowid, record, links, standing in self.search.records(ids)
        ]

    def _voiced_by(self, q: Question, ids: list[int]) -> tuple[str, dict[int, bool]] | None:
        """For "what did X say/think/claim ...": X and the candidates in which X speaks or acts
        as the subject. X is a name, or a title ("the defence minister": whoever the sources
        give that title). None when the question is not of that form or X is not clear."""
        m = VOICED.match(norm(q.text))
        if not m:
            return None
        who = m.group("who")
        toks = tokens(who)
        found, used = self.mentions(toks)
        entities = [ident for ident, what in found.items() if what == "entity"]
        leftover = [t for i, t in enumerate(toks) if i not in used and is_content(t)]
        if leftover:
            if not entities and not all(self.speller().knows(t) for t in leftover):
                return who, {}  # nobody the facts know
            titled, someone_elses = self.people.titled(leftover, entities)
            if not titled and someone_elses:
                return who, {}  # the title is held, but only by another party's official
            # ("the Iranian side": no title has "side"; it is Iran)
            entities = titled or entities
        if not entities:
            return None
        voices: dict[int, bool] = {}
        for entity in [e for ident in entities for e in (ident, *self.people.voices(ident))]:
            for rowid, spoke in self.search.voiced(entity, ids).items():
                voices[rowid] = voices.get(rowid, False) or spoke
        return who, voices

    def _about_someone(self, lowered: str, ans: Answer, top: int) -> bool:
        """Answer "who is X" and the like from X's record, or say that nobody holds the post
        it asks about; False when the question is not about one person or body itself."""
        found = self.people.about(lowered, top)
        if isinstance(found, str):
            ans.reason = found
        elif found is not None:
            ans.kind = "profile"
            ans.profile = found.profile
            ans.answer = person.describe(found.profile, found.asked_title)
            ans.results = [_plain(r) for r in self.store.statements(found.statements)]
            ans.ranked = [r["id"] for r in ans.results]
        return found is not None


def _by_score(item: tuple[int, float]) -> tuple[float, int]:
    return -item[1], item[0]


def _plain(record: Any) -> dict[str, Any]:
    """A statement record as a plain dict: an answer adds its "disputes" to it."""
    return dict(record)


def _listed(words: list[Term], last: str = "") -> str:
    """The first few words, quoted; with `last` ("or"), the last one joined by it."""
    shown = [repr(t.word) for t in words[:4]]
    if last and len(shown) > 1:
        return f"{', '.join(shown[:-1])} {last} {shown[-1]}"
    return ", ".join(shown)


def _counts(q: Question, words: list[Term], text: str) -> bool:
    """Whether the statement puts a figure on what the question counts (any count, when it
    asks for an amount)."""
    forms = figures.counted_forms(figures.counted_words(q.tokens), words)
    return figures.gives_figure_for(text, forms)
