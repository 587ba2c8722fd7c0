"""Whether the best statement answers the question, or `ask` should abstain.

A few general signals, not rules for particular questions, with their thresholds in `Weights`
(fitted on all the development sets together and checked by leaving one set out):

- coverage: the share of the question's weight (its words by rarity, its named entities) that
  the best statement holds in some form;
- absent names: every person, body or place the question names must be in the best statement,
  as an actor or in some field's words; an answer about someone else answers another question;
- the slot: a question that asks for one fact about an event ("when", "who", "where") is
  answered only if the event itself is there: the share of its words the best statement lacks
  in every form must stay small ("when did X reopen" needs a reopening). A "how many" question
  is checked more directly, after ranking: the answer must give a figure; its counted noun
  is often worded otherwise ("500 officers" for "law enforcement officers sent");
- words the question quotes ("'half an army'") that the best statement holds as they stand tell
  of the event, whatever other words the question uses ("which leader");
- the thing asked about: "what was in the agreement Belarus signed with Cuba" asks about an
  agreement, so a word of a "what is/was" question that is not common English ("agreement",
  "journalist") must be in the best statement in some form.
"""

from __future__ import annotations

from dataclasses import dataclass

from belarus_nato_cli.ask.parse import hyphen_parts
from belarus_nato_cli.ask.rank import Named, Scored
from belarus_nato_cli.ask.weights import Weights
from belarus_nato_cli.ask.words import Term, is_common
from belarus_nato_cli.index.search import Search, any_of, quote_fts

# question types that ask for one fact about an event the question itself describes
SLOT_KINDS = frozenset({"when", "who", "where"})


@dataclass(frozen=True)
class Support:
    coverage: float  # share of the question's weight the best statement holds
    uncovered: list[Term]  # the question's words it lacks in every form
    uncovered_share: float  # their share of the question's weight
    absent: list[str]  # entities the question names that it does not involve or name
    quoted: bool = False  # it holds words the question quotes, as they stand


def support(
    search: Search,
    best: int,
    terms: list[Term],
    named: list[Named],
    scored: Scored,
    kind: str = "what",
    quoted: bool = False,
) -> Support:
    """How well the best statement supports the question."""
    # "when": its date dates what the statement itself says, not what its context (an
    # actor's description, a note) tells
    where = "{text quotes names} : " if kind == "when" else ""
    uncovered = [t for t in terms if not holds(search, t, best, where)]
    absent = [
        n.ident
        for n in named
        if n.what == "entity"
        and not search.involving(n.what, n.ident, [best], n.voices)
        and not search.matching(any_of(search.names_of(n.ident)), [best])
    ]
    weight = scored.question_weight or 1.0
    return Support(
        coverage=(scored.matched[best] + scored.covered[best]) / weight,
        uncovered=uncovered,
        uncovered_share=sum(t.idf for t in uncovered) / weight,
        absent=absent,
        quoted=quoted,
    )


def doubt(kind: str, s: Support, w: Weights, asks_what_is: bool = False) -> str | None:
    """What keeps the best statement from answering, or None when it answers (`asks_what_is`:
    "what is/was ..." asks what a thing is or holds)."""
    if s.absent:
        return "absent"
    if s.coverage < w.min_coverage:
        return "coverage"
    if s.quoted:
        return None  # the words it quotes are the statement's own: it tells of the event
    if kind in SLOT_KINDS and s.uncovered_share > w.slot_uncovered:
        return "slot"
    if asks_what_is and any(not is_common(t.word) for t in s.uncovered):
        return "slot"
    return None


def holds(search: Search, term: Term, best: int, where: str = "") -> bool:
    """Whether the statement holds the word in some form (in the columns `where` names); a
    hyphenated word, also apart ("Belarusian-Wagner training": the training of Belarusian
    troops with Wagner)."""
    if term.df and search.matching(f"{where}({any_of(term.every_form)})", [best]):
        return True
    parts = hyphen_parts(term.word)
    return len(parts) > 1 and bool(
        search.matching(" AND ".join(f"{where}{quote_fts(p)}" for p in parts), [best])
    )
