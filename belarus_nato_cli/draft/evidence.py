"""Evidence: short exact phrases of an act's sentence, with code-point offsets.

The claim's own words (the longest stretch that is not the speaker or the cue), the words
naming the speaker and the cue, and any quoted words outside the first. Each phrase has at
most 12 words and is never a whole sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from belarus_nato_cli.draft.tokens import CLAUSE_PUNCT, OPEN_QUOTES, Token

MAX_WORDS = 12
MAX_CHARS = 200  # the fact model's limit on a quote
MIN_CUT_WORDS = 5  # a cut at a comma is kept only if it leaves this many words
MIN_CLAUSE = 3  # words a reported clause after its cue needs to be preferred as evidence
_WEAK_END = frozenset(
    "the a an of to and or but that with for in on at by as its their his her".split()
)
_WEAK_START = frozenset("that and but while whereas although though yet , ; : — –".split())


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int  # code points into the article
    end: int
    quote: str


def _words(text: str, tokens: list[Token], a: int, b: int) -> int:
    return len(text[tokens[a].start : tokens[b - 1].end].split())


def _trim(tokens: list[Token], a: int, b: int) -> tuple[int, int]:
    while a < b and (tokens[a].key in _WEAK_START or not tokens[a].is_word):
        if tokens[a].text in OPEN_QUOTES and _closes(tokens, a, b):
            break
        a += 1
    while b > a and (tokens[b - 1].key in _WEAK_END or not tokens[b - 1].is_word):
        if tokens[b - 1].text in {"”", '"', "’", "»"} and _opens(tokens, a, b - 1):
            break
        b -= 1
    return a, b


def _closes(tokens: list[Token], a: int, b: int) -> bool:
    return any(t.text in {"”", '"', "»"} for t in tokens[a + 1 : b])


def _opens(tokens: list[Token], a: int, b: int) -> bool:
    return any(t.text in {"“", '"', "«"} for t in tokens[a:b])


def shorten(text: str, tokens: list[Token], a: int, b: int, trim: bool = True) -> tuple[int, int]:
    """At most MAX_WORDS words, cut at a clause break where one leaves enough words."""
    if trim:
        a, b = _trim(tokens, a, b)
    while b > a and tokens[b - 1].end - tokens[a].start > MAX_CHARS:
        b -= 1  # very long words (a web address): fewer of them
    if b <= a or _words(text, tokens, a, b) <= MAX_WORDS:
        return a, b
    end = a
    while end < b and _words(text, tokens, a, end + 1) <= MAX_WORDS:
        end += 1
    for k in range(end - 1, a, -1):
        if tokens[k].text in CLAUSE_PUNCT and _words(text, tokens, a, k) >= MIN_CUT_WORDS:
            return _trim(tokens, a, k)
    return _trim(tokens, a, end)


def phrase(text: str, tokens: list[Token], a: int, b: int, trim: bool = True) -> Phrase | None:
    """The words of tokens [a, b) as evidence; `trim` drops punctuation and small words at
    the edges (not wanted for a cue such as "pointing to")."""
    a, b = shorten(text, tokens, a, b, trim)
    if b <= a:
        return None
    start, end = tokens[a].start, tokens[b - 1].end
    return Phrase(start, end, text[start:end])


def content_phrase(
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    taken: list[tuple[int, int]],
    after: int | None = None,
) -> Phrase | None:
    """The longest stretch of the act's own words, outside the token ranges taken by the
    speaker and the cue; `after`: the reported clause follows this token ("In a speech on
    3 March, he said [Belarus would survive]"), so a stretch after it is preferred."""
    runs: list[tuple[int, int]] = []
    a = span[0]
    for lo, hi in sorted(taken):
        if lo > a:
            runs.append((a, min(lo, span[1])))
        a = max(a, hi)
    if a < span[1]:
        runs.append((a, span[1]))
    runs = [(x, y) for x, y in runs if y > x and any(t.is_word for t in tokens[x:y])]
    if not runs:
        return None

    def words(run: tuple[int, int]) -> int:
        return sum(t.is_word for t in tokens[run[0] : run[1]])

    later = [r for r in runs if after is not None and r[0] >= after and words(r) >= MIN_CLAUSE]
    best = max(later or runs, key=words)
    found = phrase(text, tokens, *best)
    if found is not None and is_whole(found, tokens):
        # never the whole sentence: leave its last word (as white space delimits it) out
        cut = found.start + found.quote.rstrip().rfind(" ") + 1
        last = next((k for k, t in enumerate(tokens) if t.start >= cut), len(tokens))
        found = phrase(text, tokens, best[0], last) if cut > found.start else None
    return found


def is_whole(found: Phrase, tokens: list[Token]) -> bool:
    """Whether a phrase holds every word of its sentence (a whole sentence, which evidence
    never is)."""
    words = [t for t in tokens if t.is_word]
    return bool(words) and found.start <= words[0].start and found.end >= words[-1].end


def quoted_phrases(text: str, tokens: list[Token], a: int, b: int) -> list[Phrase]:
    """The quoted words of tokens [a, b), each with its quotation marks."""
    out = []
    start: int | None = None
    for k in range(a, b):
        t = tokens[k].text
        if start is None and (t in {"“", "«"} or t == '"'):
            start = k
        elif start is not None and t in {"”", "»", '"'}:
            found = phrase(text, tokens, start, k + 1)
            if found is not None:
                out.append(found)
            start = None
    return out
