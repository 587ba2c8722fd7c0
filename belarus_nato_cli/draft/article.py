"""Drafting one article: sentence by sentence, reporting acts become draft statements.

The article's memory (titles, the last speaker, the dates stated so far) moves forward with
the sentences, so "he", "the minister" and "earlier in July" read as the article means them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from belarus_nato_cli.draft import evidence, hedges, names, people, quotes
from belarus_nato_cli.draft.acts import Act, find_acts, has_quote
from belarus_nato_cli.draft.aliases import AliasTable, Mention
from belarus_nato_cli.draft.dates import (
    DateContext,
    DateFinder,
    Stated,
    lead_date,
    parse_published,
)
from belarus_nato_cli.draft.memory import Memory, View
from belarus_nato_cli.draft.rules import Rules, load_rules
from belarus_nato_cli.draft.sentences import Sentence, split_sentences
from belarus_nato_cli.draft.speakers import SpeakerFinder
from belarus_nato_cli.draft.tokens import Token, tokenize
from belarus_nato_cli.text import sentence_spans

_OFFICIAL_KINDS = frozenset(["government", "alliance", "organisation", "state"])
# a verb of the reported clause: a "that" after it is that clause's own ("said the plan
# was so weak that ...")
_CLAUSE_VERBS = frozenset("is are was were has have had will would can could may might".split())


@dataclass
class Claim:
    """One drafted statement, before it is written out."""

    sentence: Sentence
    speaker: str | None
    title: str | None
    attribution: str
    cue: str | None
    certainty: str
    hedges: list[str]
    about: str | None
    actors: list[tuple[str, str]]  # (entity id, role)
    topics: list[str]
    evidence: list[evidence.Phrase]
    notes: list[str] = field(default_factory=list)


class Drafter:
    def __init__(self, table: AliasTable, published: str | None, rules: Rules | None = None):
        self.table = table
        self.rules = rules or load_rules()
        self.memory = Memory()
        self.finder = SpeakerFinder(table, self.rules, self.memory)
        self.dates = DateFinder(self.rules, DateContext(published=parse_published(published)))
        self._sentences: set[tuple[int, int]] = set()

    def draft(self, text: str) -> list[Claim]:
        # validate refuses a phrase that is a whole sentence as it splits them: check the
        # phrases against its splitting too, which cuts after every ". " before a capital
        self._sentences = set(sentence_spans(text))
        sentences = split_sentences(text)
        first = [tokenize(text, s.start, s.end) for s in sentences if s.paragraph == 1]
        self.dates.context.lead = lead_date(self.rules, first)
        per_sentence = [self._sentence(text, sentence) for sentence in sentences]
        self._quoted(text, sentences, per_sentence)
        return [claim for claims in per_sentence for claim in claims]

    def _quoted(self, text: str, sentences: list[Sentence], claims: list[list[Claim]]) -> None:
        """A quoted sentence that reports no one takes its neighbour's speaker."""
        states = quotes.quote_states(text, sentences)
        voiced = [any(c.speaker is not None for c in found) for found in claims]
        for n, found in enumerate(claims):
            if states[n].starts_inside:  # '... blackmailed," he told the Seimas.'
                for claim in found:
                    if claim.attribution == "indirect_speech":
                        claim.attribution = "direct_quote"
            source = quotes.neighbour(n, states, sentences, voiced)
            if source is None or len(found) != 1:
                continue
            said = next(c for c in claims[source] if c.speaker is not None)
            entity = self.table.entities[str(said.speaker)]
            claim = found[0]
            claim.speaker, claim.title = entity.id, said.title
            claim.attribution = "direct_quote" if entity.kind == "person" else said.attribution
            name = entity.name
            claim.notes.append(
                f"Speaker: quoted words of {name}, who speaks in a neighbouring sentence; check."
            )

    def _sentence(self, text: str, sentence: Sentence) -> list[Claim]:
        tokens = tokenize(text, sentence.start, sentence.end)
        if not any(t.is_word for t in tokens):
            return []
        view = View(text, tokens, self.table.find(tokens))
        stated = self.dates.find(tokens)
        acts = find_acts(view, self.finder, self.rules)
        claims = [self._claim(view, sentence, act, stated) for act in acts]
        introduced = people.note_people(view, self.finder)
        self._remember(view, acts, introduced)
        return [c for c in claims if c.evidence]

    def _claim(self, view: View, sentence: Sentence, act: Act, stated: list[Stated]) -> Claim:
        toks, text = view.tokens, view.text
        speaker = act.speaker
        taken = [(act.cue_start, act.cue_end)]
        if speaker is not None:
            taken.append((speaker.start, speaker.end))
        if act.cue is not None:
            # "told the attachés that ...", "said on Monday that ...": the claim starts after
            that = _that_after(toks, act.cue_end)
            if that is not None:
                taken.append((act.cue_end, that + 1))
        found_hedges = hedges.find_hedges(text, toks, act.start, act.end, self.rules)
        dates = [d for d in stated if act.start <= d.start < act.end]
        if not dates:  # "On Monday, X said ... and Y said ...": an opening date is both's
            dates = [d for d in stated if d.end <= self._opening_end(toks)]
        entity = self.table.entities[speaker.entity] if speaker else None
        title = None
        if speaker is not None:
            title = speaker.title or self.memory.titles.get(speaker.entity)
        claim = Claim(
            sentence=sentence,
            speaker=speaker.entity if speaker else None,
            title=title if entity is not None and entity.kind == "person" else None,
            attribution=self._attribution(act, entity.kind if entity else None, toks),
            cue=view.words(act.cue_start, act.cue_end) if act.cue_end > act.cue_start else None,
            certainty=hedges.certainty(found_hedges, self.rules),
            hedges=found_hedges,
            about=dates[0].edtf if dates else None,
            actors=self._actors(view, act),
            topics=self._topics(toks, act),
            evidence=self._evidence(text, toks, act, taken),
        )
        self._notes(claim, act, dates)
        return claim

    def _opening_end(self, toks: list[Token]) -> int:
        """Where an opening adverbial ("On Monday,", "In November 2021,") ends; 0 if none."""
        if not toks or toks[0].key not in self.rules.adverbial_openers:
            return 0
        return next((k for k, t in enumerate(toks) if t.text == ","), 0)

    def _attribution(self, act: Act, kind: str | None, tokens: list[Token]) -> str:
        if act.cue is None:
            return "author_analysis"
        if kind is None:
            return act.cue.attribution
        if kind == "media":
            return "media_report"
        if kind in _OFFICIAL_KINDS:
            if act.cue.attribution == "official_announcement":
                return "official_announcement"
            return "official_statement"
        if has_quote(tokens, act.start, act.end):
            return "direct_quote"
        if act.cue.attribution == "official_announcement" and kind == "group":
            return "official_announcement"
        return "indirect_speech"

    def _actors(self, view: View, act: Act) -> list[tuple[str, str]]:
        speaker = act.speaker.entity if act.speaker else None
        seen: list[str] = []
        for m in view.mentions:
            if act.start <= m.start < act.end and m.id != speaker and m.id not in seen:
                seen.append(m.id)
        return [(e, "subject" if n == 0 else "mentioned") for n, e in enumerate(seen)]

    def _topics(self, tokens: list[Token], act: Act) -> list[str]:
        found: list[str] = []
        for m in self.table.find(tokens[act.start : act.end], "topic"):
            if m.id not in found:
                found.append(m.id)
        return found

    def _evidence(
        self, text: str, toks: list[Token], act: Act, taken: list[tuple[int, int]]
    ) -> list[evidence.Phrase]:
        out: list[evidence.Phrase] = []
        after = None
        if act.cue is not None and act.cue.speaker in {"before", "subject"}:
            after = act.cue_end  # "X said [the claim]": the claim follows the cue
        content = evidence.content_phrase(text, toks, (act.start, act.end), taken, after)
        if content is not None:
            out.append(content)
        if act.cue is not None:
            said_by = [(a, b) for a, b in taken[:2] if b > a]  # the speaker and the cue
            lo, hi = min(a for a, _ in said_by), max(b for _, b in said_by)
            said = evidence.phrase(text, toks, lo, hi, trim=False)
            if said is not None and not _overlaps(said, out):
                out.append(said)
        for quoted in evidence.quoted_phrases(text, toks, act.start, act.end):
            if not _overlaps(quoted, out):
                out.append(quoted)
        return [
            p
            for p in out
            if not evidence.is_whole(p, toks) and (p.start, p.end) not in self._sentences
        ]

    def _notes(self, claim: Claim, act: Act, dates: list[Stated]) -> None:
        speaker = act.speaker
        if speaker is not None and speaker.how:
            claim.notes.append(f"Speaker: {speaker.how}; check.")
        if speaker is not None and self.table.entities[speaker.entity].new:
            claim.notes.append(f"Speaker {speaker.entity!r} is a new draft entity; check it.")
        if act.channel is not None:
            channel = self.table.entities[act.channel.entity].name
            claim.notes.append(f"The article reports this through {channel}.")
        if dates and dates[0].how:
            claim.notes.append(f"Date: {dates[0].how}; check.")
        if len(dates) > 1:
            others = ", ".join(d.edtf for d in dates[1:])
            claim.notes.append(f"The sentence states other dates too ({others}); check 'about'.")

    def _remember(self, view: View, acts: list[Act], introduced: list[tuple[int, str]]) -> None:
        memory = self.memory
        persons = list(introduced)
        for m in view.mentions:
            entity = self.table.entities[m.id]
            memory.recent.append(m.id)
            if entity.kind != "person":
                continue
            persons.append((m.start, m.id))
            self._remember_title(view, m)
        first_person = min(persons)[1] if persons else None
        memory.last_body = None
        for act in acts:
            if act.speaker is None:
                continue
            if self.table.entities[act.speaker.entity].kind != "person":
                memory.last_body = act.speaker.entity
            if act.speaker.entity not in memory.recent:
                memory.recent.append(act.speaker.entity)
            if self.table.entities[act.speaker.entity].kind == "person":
                if act.speaker.title:
                    memory.titles[act.speaker.entity] = act.speaker.title
                memory.last_speaker = act.speaker.entity
                first_person = first_person or act.speaker.entity
        memory.first_person = first_person

    def _remember_title(self, view: View, m: Mention) -> None:
        toks = view.tokens
        start = names.title_before(toks, m.start, self.rules)
        if start is not None:
            self.memory.titles[m.id] = view.words(start, m.start)
            return
        after = names.title_after(toks, m.end, self.rules)
        if after is not None:
            self.memory.titles[m.id] = view.words(*after)


def _that_after(tokens: list[Token], at: int, window: int = 10) -> int | None:
    """Where "that" follows a cue within a few words ("said on Friday, 14 March 2025,
    that"), before any quote, semicolon or verb of the reported clause itself."""
    for k in range(at, min(at + window, len(tokens))):
        if tokens[k].key == "that":
            return k
        verb = tokens[k].key in _CLAUSE_VERBS and not tokens[k].is_capital  # not "May"
        if tokens[k].text in {";", ":", '"', "“", "”"} or verb:
            return None
    return None


def _overlaps(p: evidence.Phrase, phrases: list[evidence.Phrase]) -> bool:
    return any(p.start < q.end and q.start < p.end for q in phrases)


def draft_claims(text: str, table: AliasTable, published: str | None = None) -> list[Claim]:
    """The draft statements of an article's text."""
    return Drafter(table, published).draft(text)
