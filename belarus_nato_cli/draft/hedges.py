"""Hedges: the words in an act that weaken its claim, and the certainty they leave."""

from __future__ import annotations

from belarus_nato_cli.draft.rules import Rules, weakest
from belarus_nato_cli.draft.tokens import Token, fold_phrase, span_text


def find_hedges(text: str, tokens: list[Token], start: int, end: int, rules: Rules) -> list[str]:
    """The hedge cues in tokens [start, end), as the article writes them, in order."""
    found: list[str] = []
    i = start
    while i < end:
        if tokens[i].key not in rules.hedge_starts:
            i += 1
            continue
        skip = _exception_at(tokens, i, end, rules)
        n = _hedge_at(tokens, i, end, rules)
        if skip and (not n or n <= skip):
            i += skip
            continue
        if n:
            words = span_text(text, tokens, i, i + n)
            if words not in found:
                found.append(words)
            i += n
        else:
            i += 1
    return found


def certainty(hedges: list[str], rules: Rules) -> str:
    return weakest([rules.hedges[fold_phrase(h)] for h in hedges])


def _phrase(tokens: list[Token], i: int, n: int) -> tuple[str, ...]:
    return tuple(t.key for t in tokens[i : i + n])


def _exception_at(tokens: list[Token], i: int, end: int, rules: Rules) -> int | None:
    for n in range(min(rules.longest_hedge, end - i), 1, -1):
        if _phrase(tokens, i, n) in rules.hedge_exceptions:
            return n
    return None


def _hedge_at(tokens: list[Token], i: int, end: int, rules: Rules) -> int | None:
    for n in range(min(rules.longest_hedge, end - i), 0, -1):
        phrase = _phrase(tokens, i, n)
        if phrase not in rules.hedges:
            continue
        if phrase == ("may",) and tokens[i].text != "may":
            continue  # "May" is the month
        return n
    return None
