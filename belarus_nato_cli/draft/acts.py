"""Reporting acts: where a sentence reports someone's claim, who, and with which cue.

"X said ..., but Y described it as ..." is two acts; a sentence with none is one claim in the
article's own voice. "According to X" beside another act names where the report comes from
(a channel), not a claim of its own.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from belarus_nato_cli.draft import clauses
from belarus_nato_cli.draft.memory import Speaker, View
from belarus_nato_cli.draft.rules import Cue, Rules
from belarus_nato_cli.draft.speakers import SpeakerFinder
from belarus_nato_cli.draft.tokens import CLAUSE_PUNCT, CLOSE_QUOTES, OPEN_QUOTES, Token

_DETERMINERS = frozenset(
    "a an the this that these those its his her their our my your no any every each "
    "another such stark final clear new first last".split()
)


@dataclass
class Act:
    cue: Cue | None  # None: the article's own voice
    cue_start: int
    cue_end: int
    speaker: Speaker | None
    start: int = 0  # the act's tokens in the sentence
    end: int = 0
    channel: Speaker | None = None

    @property
    def anchor(self) -> int:
        """Where the act's own words begin (its speaker, when written before the cue)."""
        if self.speaker is not None and self.speaker.start < self.cue_start:
            return self.speaker.start
        return self.cue_start


def find_cues(tokens: list[Token], rules: Rules) -> list[tuple[int, int, list[Cue]]]:
    """Cue phrases in the sentence, longest first, left to right, not overlapping."""
    out = []
    i = 0
    while i < len(tokens):
        if tokens[i].key not in rules.cue_starts:
            i += 1
            continue
        skip = _not_cue(tokens, i, rules)
        if skip:
            i += skip
            continue
        for n in range(min(rules.longest_cue, len(tokens) - i), 0, -1):
            options = rules.cues.get(tuple(t.key for t in tokens[i : i + n]))
            usable = [c for c in options or () if _usable(tokens, i, i + n, c, rules)]
            if usable:
                out.append((i, i + n, usable))
                i += n
                break
        else:
            i += 1
    return out


def _not_cue(tokens: list[Token], i: int, rules: Rules) -> int:
    """The length of a phrase starting at i that holds a cue word but is none ("think
    tank", "called off"); 0 when there is none."""
    for phrase in rules.not_cues:
        if tuple(t.key for t in tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _usable(tokens: list[Token], i: int, j: int, cue: Cue, rules: Rules) -> bool:
    if cue.needs is None or clauses.needed_follows(tokens, j, cue.needs, rules, cue.window):
        return True
    return "clause" in cue.needs and clauses.parenthetical(tokens, i, j, rules)


def find_acts(view: View, finder: SpeakerFinder, rules: Rules) -> list[Act]:
    """The sentence's reporting acts, each with its span of tokens; at least one."""
    acts: list[Act] = []
    for i, j, options in find_cues(view.tokens, rules):
        act = _resolve(view, finder, i, j, options, acts)
        if act is not None:
            acts.append(act)
    acts = _channels(_voiced(acts), view.tokens, rules)
    if not acts:
        acts = [Act(None, 0, 0, None)]
    _spans(acts, view.tokens, rules)
    return acts


def _resolve(
    view: View, finder: SpeakerFinder, i: int, j: int, options: list[Cue], acts: list[Act]
) -> Act | None:
    toks = view.tokens
    for cue in options:
        speaker: Speaker | None = None
        media = cue.attribution == "media_report"  # an unknown name before it is an outlet
        if cue.speaker == "none":
            return Act(cue, i, j, None)
        if cue.speaker == "before" and clauses.passive(toks, i, finder.rules):
            # "was reported by X": the agent speaks; "were warned": nobody named does
            if j < len(toks) and toks[j].key == "by":
                speaker = finder.after(view, j + 1, media)
        elif cue.speaker == "before":
            speaker = finder.before(view, i, media)
            if speaker is None and _coordinated(toks, i, finder):
                # "X welcomed his fighters and said ...": the subject of the first verb
                speaker = _subject(view, finder, i, acts)
        elif cue.speaker == "after":
            speaker = finder.after(view, j, media)
        elif cue.speaker == "inverted" and _inverted(toks, i, j, finder.rules):
            speaker = finder.after(view, j, media, whole=True)
        elif cue.speaker == "subject":
            speaker = _participle(view, finder, i, acts)
        if speaker is not None:
            return Act(cue, i, j, speaker)
    return None


def _participle(view: View, finder: SpeakerFinder, i: int, acts: list[Act]) -> Speaker | None:
    """ "..., pointing to", "with Lukashenko saying", "after adding": the name before it,
    else the clause's subject. After a determiner or inside quotes ("a warning", "the
    saying") the word is a noun and reports nothing."""
    prev = view.tokens[i - 1] if i > 0 else None
    if prev is None or prev.key in _DETERMINERS or prev.text in OPEN_QUOTES:
        return None
    return finder.before(view, i) or _subject(view, finder, i, acts)


def _inverted(tokens: list[Token], i: int, j: int, rules: Rules) -> bool:
    """'..., said X' and '"...," said X': after a comma or a closing quote, with a name and
    no clause of its own after it ("..., said the visit changed nothing" is no such cue)."""
    if i == 0 or not (tokens[i - 1].text == "," or tokens[i - 1].text in CLOSE_QUOTES):
        return False
    for k in range(j, len(tokens)):
        tok = tokens[k]
        if tok.text in CLAUSE_PUNCT or tok.text in {".", "!", "?"}:
            break
        if tok.key == "that" or (tok.key in rules.finite and not tok.is_capital):
            return False
    return j < len(tokens) and tokens[j].key not in rules.stops


def _coordinated(tokens: list[Token], cue: int, finder: SpeakerFinder) -> bool:
    k = cue - 1
    while k >= 0 and tokens[k].key in finder.rules.between:
        k -= 1
    return k > 0 and tokens[k].key == "and"


def _subject(view: View, finder: SpeakerFinder, cue: int, acts: list[Act]) -> Speaker | None:
    """The speaker a participle or second verb hangs on: the sentence's last speaker so
    far, else its subject. The speaker's words are not repeated before the cue."""
    # not a channel's: "X was quoted by BelTA as saying" is X's
    voiced = [a.speaker for a in acts if a.speaker is not None and not (a.cue and a.cue.channel)]
    speaker = voiced[-1] if voiced else finder.subject(view, cue)
    if speaker is None:
        return None
    return Speaker(speaker.entity, cue, cue, speaker.title, speaker.how)


def _voiced(acts: list[Act]) -> list[Act]:
    """Speakerless cues ("reportedly") inside a sentence that names a speaker stay hedges."""
    if any(a.speaker is not None for a in acts):
        return [a for a in acts if a.speaker is not None]
    return acts[:1]


def _channels(acts: list[Act], tokens: list[Token], rules: Rules) -> list[Act]:
    """ "according to X" beside another act says where that act's report comes from, not a
    claim of its own: for the acts of its clause, or for all before it when it ends the
    sentence. "About 8,000 took part, according to the ministry, although Polish
    intelligence put the number higher" keeps it a claim: no act shares its clause."""
    claims = [a for a in acts if a.cue is None or not a.cue.channel]
    kept = list(claims)
    for channel in (a for a in acts if a.cue is not None and a.cue.channel):
        scope = [a for a in claims if _shares_clause(a, channel, tokens, rules)]
        for act in scope:
            act.channel = act.channel or channel.speaker
        if not scope:
            kept.append(channel)
    return kept


def _shares_clause(act: Act, channel: Act, tokens: list[Token], rules: Rules) -> bool:
    lo, hi = sorted((act.cue_start, channel.cue_start))
    between = any(t.key in rules.contrasts for t in tokens[lo:hi])
    if act.cue_start > channel.cue_start:  # "According to X, Y said": Y's clause
        return not between
    after = any(t.key in rules.contrasts for t in tokens[channel.cue_end :])
    return not after  # "..., according to X." ends the sentence: every act before it


def _spans(acts: list[Act], tokens: list[Token], rules: Rules) -> None:
    """Cut the sentence between acts, at the clause break nearest before each next act."""
    acts.sort(key=lambda a: a.anchor)
    cuts = [0]
    for previous, act in itertools.pairwise(acts):
        cut = act.anchor
        for k in range(act.anchor - 1, previous.cue_end - 1, -1):
            if tokens[k].text in CLAUSE_PUNCT or tokens[k].key in rules.clause_openers:
                cut = k
                break
        cuts.append(max(cut, cuts[-1]))
    cuts.append(len(tokens))
    for n, act in enumerate(acts):
        act.start, act.end = cuts[n], cuts[n + 1]


def has_quote(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the act quotes words: an opening and a closing quotation mark."""
    opened = False
    for tok in tokens[start:end]:
        if tok.text in {"“", "«", "„"} or (tok.text == '"' and not opened):
            opened = True
        elif opened and tok.text in {"”", "»", '"'}:
            return True
    return False
