"""A question's content words and what else they may be written as in the facts.

Three sources, in falling trust: the curators' lexicon (spellings and domain synonyms, in the
fact packs), the table derived from WordNet 3.0 (synonyms and derived forms of the words that
occur in the facts: data/wordnet.tsv, made by scripts/derive_wordnet.py), and spelling
correction against the facts' own words and the alias table.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files

from belarus_nato_cli.ask.parse import is_content

# inflection endings stripped to find a word in the lexicon or the WordNet table
_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)


@dataclass
class Term:
    """A content word (or two-word phrase) of the question, its variants and its weight."""

    word: str
    exact: list[str]  # the word and its spellings
    synonyms: list[str]  # and the curators' synonyms
    related: list[str] = field(default_factory=list)  # and WordNet's relatives in the facts
    df: int = 0
    idf: float = 0.0

    @property
    def every_form(self) -> list[str]:
        return list(dict.fromkeys([*self.synonyms, *self.related]))


def base_forms(word: str) -> list[str]:
    """The word, its base forms when it is irregular ("kept": "keep"), and plain
    inflection-stripped forms of it."""
    keys = [word, *irregular_bases().get(word, ())]
    for suffix, repl in _ENDINGS:
        base = word[: -len(suffix)] + repl
        if word.endswith(suffix) and len(base) >= 3:  # ("died": "die")
            keys.append(base)
            if not repl and suffix in ("ed", "ing") and base[-1] == base[-2]:
                keys.append(base[:-1])  # a doubled consonant: "stopped", "planning"
    return list(dict.fromkeys(keys))


def stems(text: str) -> set[str]:
    """The content words of a text, inflections stripped: what two texts share when they
    speak of the same things ("ambassadors" and "ambassador")."""
    return {base_forms(w)[-1] for w in re.findall(r"[a-z]+", text.lower()) if is_content(w)}


@functools.cache
def irregular_bases() -> dict[str, tuple[str, ...]]:
    """WordNet's irregular inflections of the table's words -> their base forms
    (data/irregular.tsv, made by scripts/derive_wordnet.py)."""
    text = files("belarus_nato_cli.ask").joinpath("data", "irregular.tsv").read_text("utf-8")
    rows = (line.partition("\t") for line in text.splitlines() if line and line[0] != "#")
    return {form: tuple(bases.split("|")) for form, _, bases in rows}


@dataclass(frozen=True)
class WordTable:
    """WordNet's relatives of the facts' words, read backwards: a word a user may type ->
    the facts' words it stands for. `vocabulary` is every word of the facts."""

    standing_for: dict[str, tuple[str, ...]]
    vocabulary: frozenset[str]


@functools.cache
def word_table() -> WordTable:
    standing_for: dict[str, list[str]] = defaultdict(list)
    vocabulary = set()
    text = files("belarus_nato_cli.ask").joinpath("data", "wordnet.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, related = line.partition("\t")
        vocabulary.add(word)
        for other in related.split("|") if related else ():
            standing_for[other].append(word)
    return WordTable({k: tuple(v) for k, v in standing_for.items()}, frozenset(vocabulary))


def relatives(word: str) -> list[str]:
    """The facts' words that WordNet relates to `word` (empty for a word of the facts that
    needs none, and for words WordNet does not know)."""
    table = word_table()
    for key in base_forms(word):
        found = table.standing_for.get(key)
        if found:
            return list(found)
    return []


@functools.cache
def common_words() -> frozenset[str]:
    """Frequent English verbs, adjectives and adverbs, and the most frequent nouns
    (data/common-words.txt, from WordNet's corpus counts): words that say how something is
    asked, or say it in general words ("view", "size"), rather than what it is about."""
    text = files("belarus_nato_cli.ask").joinpath("data", "common-words.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


@functools.cache
def real_words() -> frozenset[str]:
    """English words the facts do not use that lie within a slip of a word they do
    (data/real-words.txt, from WordNet by scripts/derive_wordnet.py): never read as another."""
    text = files("belarus_nato_cli.ask").joinpath("data", "real-words.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def is_common(word: str) -> bool:
    return any(key in common_words() for key in base_forms(word))


Lexicon = Callable[[str], list[tuple[str, str]]]


def inflections(word: str) -> list[str]:
    """The regular inflected forms of a base word ("stop": "stops", "stopped", "stopping"):
    the lexicon lists the forms its curators met, not every form a question may use."""
    stem = word[:-1] if word.endswith("e") else word
    doubled = word + word[-1] if re.fullmatch(r".*[^aeiou][aeiou][bdgklmnprt]", word) else word
    forms = [word + "s", word + "es", stem + "ed", stem + "ing", doubled + "ed", doubled + "ing"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return list(dict.fromkeys(f for f in forms if f != word))


def lexicon_forms(lexicon: Lexicon, word: str) -> tuple[list[str], list[str]]:
    """(word and its spellings, word and all its synonyms); empty when not in the lexicon."""
    for key in [*base_forms(word), *inflections(word)]:
        rows = lexicon(key)
        if rows:
            spellings = [t for t, kind in rows if kind == "spelling"]
            return (
                list(dict.fromkeys([word, *spellings])),
                list(dict.fromkeys([word, *(t for t, _ in rows)])),
            )
    return [], []


def terms(tokens: list[str], used: set[int], lexicon: Lexicon, most: int = 12) -> list[Term]:
    """The question's content words (those no name took), each with its variants; a phrase
    the lexicon or WordNet knows ("armed forces", "calm down") is one term."""
    out: list[Term] = []
    i = 0
    while i < len(tokens):
        if i in used or not is_content(tokens[i]):
            i += 1
            continue
        term = None
        if i + 1 < len(tokens) and i + 1 not in used:
            term = _phrase(tokens[i], tokens[i + 1], lexicon)
        if term is not None:
            i += 2
        else:
            term = _word(tokens[i], lexicon)
            i += 1
        if term.word not in {t.word for t in out}:
            out.append(term)
    return out[:most]


def _phrase(first: str, second: str, lexicon: Lexicon) -> Term | None:
    pair = f"{first} {second}"
    exact, synonyms = lexicon_forms(lexicon, pair)
    related = relatives(pair)
    if not synonyms and not related:
        return None
    return Term(pair, exact or [pair], synonyms or exact or [pair], related)


def _word(word: str, lexicon: Lexicon) -> Term:
    exact, synonyms = lexicon_forms(lexicon, word)
    return Term(word, exact or [word], synonyms or exact or [word], relatives(word))
