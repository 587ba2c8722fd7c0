"""Whether a statement tells of an event as a fact or only as a possibility.

FactBank's distinction: "Poland, Latvia and Lithuania would close every crossing if a critical
situation arises" tells of no closing. It answers "what did Kaminski threaten", not "when did
Latvia close its crossings". A question that asks for one fact of an event (when, where, who)
is answered only by a statement that tells of the event as having happened, unless the question
itself asks about the possibility ("when did Poland threaten to close ...").
"""

from __future__ import annotations

import re

from belarus_nato_cli.ask.words import Term, base_forms

# words that put what follows them in the conditional, the future or the hypothetical
MARKERS = frozenset(
    """would could might may can able if threaten threatens threatened threatening threat
    warn warns warned ready prepared willing plan plans planned planning propose proposes
    proposed consider considers considered considering intend intends intended possible
    possibly""".split()
)
# how many words before an event word a marker reaches ("threatened to close")
_REACH = 3


def only_possible(text: str, question: list[str], terms: list[Term]) -> str | None:
    """The phrase ("would close") by which the statement tells of a word of the question only
    as a possibility, wherever it uses it; None when the question asks about a possibility
    too, or the statement tells of each word it shares with the question as a fact."""
    if any(token in MARKERS for token in question):
        return None
    words = re.findall(r"[a-z]+", text.lower())
    bases = [set(base_forms(w)) for w in words]
    for term in terms:
        forms = {b for form in term.every_form for b in base_forms(form)}
        hits = [i for i, known in enumerate(bases) if forms & known]
        if hits and all(_marker(words, i) is not None for i in hits):
            return " ".join(words[_marker(words, hits[0]) or 0 : hits[0] + 1])
    return None


def _marker(words: list[str], at: int) -> int | None:
    """Where a marker stands within reach before the word at `at`, or None."""
    for i in range(at - 1, max(0, at - _REACH) - 1, -1):
        if words[i] in MARKERS:
            return i
    return None
