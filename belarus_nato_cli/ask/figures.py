"""What a "how many" question counts, and whether a statement gives that count; the same for
questions that ask for an amount ("how much did X spend", "what was the value of ...").

An answer to "how many X" must put a figure on X: "more than 1,000 troops" answers "how many
soldiers did Poland move", while a statement that names the fighters and gives some other
figure ("Defender 2024", "1,000 troops ... Wagner fighters") does not answer "how many Wagner
fighters". The figure may be in digits or in words, a few words before the counted noun
("28 accredited military attachés").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from belarus_nato_cli.ask.parse import DATE_WORDS, STOPWORDS, tokens
from belarus_nato_cli.ask.words import Term, base_forms

NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions dozen dozens""".split()
)
# between "how many" and what it counts: "how many of its six checkpoints"
_BEFORE_NOUN = frozenset("of its the their his her these those a an".split())
# how many words of the counted phrase are looked for; how far before them a figure may stand
_PHRASE_WORDS = 3
_REACH = 3


# questions whose answer is an amount: a figure, whatever else is said ("how much contact"
# asks for a degree, so "how much" counts only before its verb)
_AMOUNT = re.compile(
    r"^how many\b|^how much (?:do|does|did|has|have|had|is|was|are|were|will|would)\b"
    r"|\bwhat (?:is|was|are|were) the (?:value|cost|price|amount|number|total|sum)\b"
)


def asks_for_figure(lowered: str) -> bool:
    return bool(_AMOUNT.search(lowered))


def is_figure(token: str) -> bool:
    return token in NUMBER_WORDS or bool(re.fullmatch(r"\d[\d.,]*", token))


def _counts_at(toks: list[str], i: int) -> bool:
    """Whether token i is a figure that counts something: not a year, nor a day beside its
    month ("18 August 2023")."""
    token = toks[i]
    if not is_figure(token) or re.fullmatch(r"(19|20)\d\d", token):
        return False
    beside = toks[max(0, i - 1) : i] + toks[i + 1 : i + 2]
    return not (token.isdigit() and any(t in DATE_WORDS for t in beside))


def counted_words(question_tokens: list[str]) -> list[str]:
    """The words of the phrase after "how many", up to the first grammar word: "troops took
    part" in "how many troops took part in ...". Empty when it is not such a question."""
    words = list(question_tokens)
    for i in range(len(words) - 1):
        if words[i : i + 2] == ["how", "many"]:
            rest = words[i + 2 :]
            break
    else:
        return []
    while rest and (rest[0] in _BEFORE_NOUN or is_figure(rest[0])):
        rest = rest[1:]
    phrase = []
    for token in rest:
        if token in STOPWORDS:
            break
        phrase.append(token)
    return phrase[:_PHRASE_WORDS]


def counted_forms(words: list[str], terms: Iterable[Term]) -> set[str]:
    """The base forms of the counted words and of every form the facts use for them."""
    by_word = {t.word: t for t in terms}
    forms: set[str] = set()
    for word in words:
        term = by_word.get(word)
        for form in [word, *(term.every_form if term else ())]:
            forms.update(base_forms(form))
    return forms


def gives_figure_for(text: str, forms: set[str]) -> bool:
    """Whether a figure stands at most a few words before one of these words in `text`; when
    none of them is there (the facts word it otherwise), whether it gives any count."""
    toks = tokens(text)
    found = [i for i, token in enumerate(toks) if not forms.isdisjoint(base_forms(token))]
    if not found:
        return any(_counts_at(toks, i) for i in range(len(toks)))
    return any(_counts_at(toks, j) for i in found for j in range(max(0, i - _REACH), i))


def which_counted(question_tokens: list[str]) -> list[str]:
    """ "which two crossings did Lithuania close": the words of what it asks to be named, a
    figure of them given ("crossings"); empty when it is not such a question."""
    toks = question_tokens
    for i in range(len(toks) - 2):
        if toks[i] in ("which", "what") and is_figure(toks[i + 1]):
            phrase = []
            for token in toks[i + 2 :]:
                if token in STOPWORDS:
                    break
                phrase.append(token)
            return phrase[:_PHRASE_WORDS]
    return []


def only_counts(text: str, forms: set[str]) -> bool:
    """Whether the statement counts these things ("two of its six border crossings") without
    naming them."""
    toks = tokens(text)
    counted = [i for i, token in enumerate(toks) if not forms.isdisjoint(base_forms(token))]
    gives = any(_counts_at(toks, j) for i in counted for j in range(max(0, i - _REACH), i))
    return gives and not names_them(text, forms)


def names_them(text: str, forms: set[str]) -> bool:
    """Whether names follow these words after a comma, colon, dash or bracket ("two
    crossings, Medininkai and ...")."""
    words = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return bool(re.search(rf"\b(?i:{words})\w*\s*[,:(\u2013\u2014-]\s*[A-Z]", text))
