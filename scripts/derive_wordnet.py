"""Derive `ask`'s synonym and derivation table from WordNet 3.0, for the words of the facts.

For every word that occurs in the fact packs (statement text, evidence, notes, titles, link
reasons, entity descriptions, source titles and publishers, topic labels), the table lists the
words WordNet relates to it: the other words of its most common senses (synonyms) and its
derivationally related forms ("invade" for "invasion"). `ask` reads it backwards: a question
word found in a row stands for that row's fact word; the first column is also the vocabulary
that spelling correction reads. Only words of the facts have a row, so the table stays small;
re-run this when the facts grow.

WordNet's database files come with Debian's `wordnet-base` package (/usr/share/wordnet):

    apt-get install wordnet-base
    python scripts/derive_wordnet.py [--wordnet /usr/share/wordnet] [--facts facts]

It writes belarus_nato_cli/ask/data/wordnet.tsv (WordNet's licence is in LICENSE-WORDNET
beside it, as the licence asks), and common-words.txt: the verbs, adjectives and adverbs that
are frequent in WordNet's sense-tagged corpus counts (cntlist.rev) and used more as such than as
nouns, with their irregular forms, and the nouns more frequent still; and irregular.tsv,
WordNet's irregular inflections of those words ("kept" -> "keep"). A question word the facts
lack weighs little when it is one of these ("think", "bring", "willing", "view") and much when
it is not ("budget", "camp"): the first say how something is asked, or in general words, the
second what about.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "belarus_nato_cli" / "ask" / "data" / "wordnet.tsv"
COMMON = OUT.parent / "common-words.txt"
IRREGULAR = OUT.parent / "irregular.tsv"
REAL = OUT.parent / "real-words.txt"
# tagged uses in the corpus counts above which a verb, adjective or adverb is common: such a
# word mostly says how something happened, in words of its own ("shrink", "expel"), where a
# noun says what it is about (chosen on the development question sets: 5 answered 3 more of
# 534 right than 20, with no set worse and no abstention lost; 10 one more, 1 cost one)
COMMON_COUNT = 5
# and above which a noun is a general one ("view", "size", "matter"): a noun says more of what
# a question is about, so it must be used more than twice as often (chosen on the development
# question sets; 30 and 50 measured the same, 80 worse; with the verbs at 5: 35 the same, 70
# worse)
GENERAL_NOUN_COUNT = 50
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's morphy: the suffixes an inflected form may carry, per part of speech
DETACH = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}  # fmt: skip
# How many of a word's senses (most frequent first) lend it synonyms: rarer senses are noise.
SENSES = 2
# Fields that hold identifiers or addresses, not prose.
NOT_PROSE = {"id", "target", "source", "entity", "wikidata", "url", "speaker", "kind", "grp"}


class WordNet:
    def __init__(self, folder: Path) -> None:
        self.index: dict[tuple[str, str], list[int]] = {}
        self.synsets: dict[tuple[str, int], tuple[list[str], list[tuple[str, int, str, str]]]] = {}
        self.exceptions: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pos, name in POS.items():
            self._read_index(folder / f"index.{name}", pos)
            self._read_data(folder / f"data.{name}", pos)
            exc = folder / f"{name}.exc"
            for line in exc.read_text(encoding="utf-8").splitlines():
                inflected, *bases = line.split()
                self.exceptions[(inflected, pos)] += bases

    def _read_index(self, path: Path, pos: str) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split()
            lemma, pointers = fields[0], int(fields[3])
            # lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...
            offsets = fields[4 + pointers + 2 :]
            self.index[(lemma, pos)] = [int(o) for o in offsets]

    def _read_data(self, path: Path, pos: str) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, count = int(fields[0]), int(fields[3], 16)
            words = [fields[4 + 2 * i].lower() for i in range(count)]
            words = [re.sub(r"\(.*\)$", "", w) for w in words]  # "(a)" and "(p)" markers
            at = 4 + 2 * count
            pointers = []
            for i in range(int(fields[at])):
                symbol, target, target_pos, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((symbol, int(target), target_pos.replace("s", "a"), source_target))
            self.synsets[(pos if pos != "s" else "a", offset)] = (words, pointers)

    def bases(self, word: str, pos: str) -> list[str]:
        """The word's base forms in this part of speech (WordNet's morphy)."""
        found = [b for b in self.exceptions.get((word, pos), []) if (b, pos) in self.index]
        if (word, pos) in self.index:
            found.append(word)
        for suffix, replacement in DETACH[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                base = word[: len(word) - len(suffix)] + replacement
                if (base, pos) in self.index:
                    found.append(base)
        return list(dict.fromkeys(found))

    def related(self, word: str) -> set[str]:
        """Synonyms from the word's commonest senses, and its derivationally related forms."""
        out: set[str] = set()
        for pos in POS:
            for base in self.bases(word, pos):
                for rank, offset in enumerate(self.index[(base, pos)]):
                    words, pointers = self.synsets[(pos, offset)]
                    if rank < SENSES:
                        out.update(words)
                    out.update(self._derived(base, words, pointers))
        out.discard(word)
        return {w.replace("_", " ") for w in out if re.fullmatch(r"[a-z][a-z_-]*[a-z]", w)}

    def _derived(
        self, base: str, words: list[str], pointers: list[tuple[str, int, str, str]]
    ) -> set[str]:
        """The forms a '+' (derivation) pointer of this word leads to."""
        out: set[str] = set()
        number = words.index(base) + 1 if base in words else -1
        for symbol, target, pos, source_target in pointers:
            if symbol != "+" or int(source_target[:2], 16) != number:
                continue
            target_words, _ = self.synsets[(pos, target)]
            out.add(target_words[int(source_target[2:], 16) - 1])
        return out


def fact_words(folder: Path) -> set[str]:
    """Every word of prose in the fact packs."""
    words: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in NOT_PROSE:
            words.update(w for w in re.findall(r"[a-z]+", value.lower()) if len(w) > 2)

    for path in sorted(folder.rglob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return words


def common_words(folder: Path) -> list[str]:
    """Frequent verbs, adjectives and adverbs (more so than nouns), with irregular forms, and
    the most frequent nouns."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in (folder / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, _, count = line.split()
        lemma, _, rest = key.partition("%")
        kind = "noun" if rest[0] == "1" else "other"
        counts[lemma][kind] += int(count)
    common = {
        lemma
        for lemma, c in counts.items()
        if lemma.isalpha()
        and (
            (c["other"] >= COMMON_COUNT and c["other"] >= c["noun"])
            or c["noun"] >= GENERAL_NOUN_COUNT
        )
    }
    for name in ("verb", "adj", "adv"):
        for line in (folder / f"{name}.exc").read_text(encoding="utf-8").splitlines():
            inflected, *bases = line.split()
            if any(b in common for b in bases) and inflected.isalpha():
                common.add(inflected)
    return sorted(common)


def real_words_near(wordnet: WordNet, folder: Path, targets: set[str]) -> list[str]:
    """English words (WordNet's, tagged at least once in its corpus counts) that the facts do
    not use but that lie within the spelling corrector's reach of a word they do: real words,
    which `ask` must not read as another ("police" is not a slip for "policy")."""
    from rapidfuzz.distance import DamerauLevenshtein
    from rapidfuzz.process import extractOne

    sys.path.insert(0, str(ROOT))
    from belarus_nato_cli.ask.spelling import max_edits

    tagged: set[str] = set()
    for line in (folder / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, _, count = line.split()
        if int(count) > 0:
            tagged.add(key.partition("%")[0])
    lemmas = sorted(
        {w for w, _ in wordnet.index if w in tagged and re.fullmatch(r"[a-z]{4,}", w)} - targets
    )
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in targets:
        by_length[len(word)].append(word)
    near = []
    for word in lemmas:
        edits = max_edits(word)
        pool = [t for n in range(len(word) - edits, len(word) + edits + 1) for t in by_length[n]]
        scorer = DamerauLevenshtein.distance
        if pool and extractOne(word, pool, scorer=scorer, score_cutoff=edits) is not None:
            near.append(word)
    return near


def irregular_forms(folder: Path, wanted: set[str]) -> list[str]:
    """WordNet's irregular inflections ("kept" -> "keep", "met" -> "meet") whose base is a
    word of the facts or a word the table relates to one: a question may use any form."""
    rows = []
    for name in ("verb", "noun", "adj", "adv"):
        for line in (folder / f"{name}.exc").read_text(encoding="utf-8").splitlines():
            inflected, *bases = line.split()
            keep = [b for b in bases if b in wanted and b != inflected]
            if keep and inflected.isalpha():
                rows.append(f"{inflected}\t{'|'.join(keep)}")
    return sorted(set(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--facts", type=Path, default=ROOT / "facts")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.wordnet / "data.noun").is_file():
        print(
            f"no WordNet database in {args.wordnet} (apt-get install wordnet-base)", file=sys.stderr
        )
        return 2
    wordnet = WordNet(args.wordnet)
    rows = []
    wanted = set()
    for word in sorted(fact_words(args.facts)):
        # every word of the facts has a row (the vocabulary spelling correction reads)
        related = wordnet.related(word)
        rows.append(f"{word}\t{'|'.join(sorted(related))}")
        wanted |= {word, *related}
    header = (
        "# Derived from WordNet 3.0 by scripts/derive_wordnet.py: a word of the facts, then the\n"
        "# words WordNet relates to it (synonyms of its commonest senses, derived forms), if any.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        "# Licence: see LICENSE-WORDNET in this folder.\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words of the facts, {args.out.stat().st_size} bytes: {args.out}")
    common = common_words(args.wordnet)
    COMMON.write_text(
        "# Derived from WordNet 3.0's cntlist.rev by scripts/derive_wordnet.py: frequent verbs,\n"
        "# adjectives, adverbs and nouns. WordNet 3.0 Copyright 2006 by Princeton University.\n"
        "# All rights reserved. Licence: see LICENSE-WORDNET in this folder.\n"
        + "\n".join(common)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(common)} common words: {COMMON}")
    sys.path.insert(0, str(ROOT))
    from belarus_nato_cli.ask.parse import STOPWORDS

    real = real_words_near(wordnet, args.wordnet, fact_words(args.facts) | set(STOPWORDS))
    REAL.write_text(
        "# Derived from WordNet 3.0 by scripts/derive_wordnet.py: English words the facts do not\n"
        "# use, within the spelling corrector's reach of one they do: never read as another.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence:\n"
        "# see LICENSE-WORDNET in this folder.\n" + "\n".join(real) + "\n",
        encoding="utf-8",
    )
    print(f"{len(real)} real words near the facts' words: {REAL}")
    irregular = irregular_forms(args.wordnet, wanted)
    IRREGULAR.write_text(
        "# Derived from WordNet 3.0's exception lists by scripts/derive_wordnet.py: an irregular\n"
        "# form, then its base forms. WordNet 3.0 Copyright 2006 by Princeton University. All\n"
        "# rights reserved. Licence: see LICENSE-WORDNET in this folder.\n"
        + "\n".join(irregular)
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(irregular)} irregular forms: {IRREGULAR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
