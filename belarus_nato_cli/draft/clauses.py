"""The shape of the clause around a cue: whether a reported clause follows it, whether the
cue closes a clause as a parenthetical ("..., the ministry confirmed."), and whether it is
passive ("was reported by X", "were warned").

A verb such as "denied" or "confirmed" reports words only when what follows is a clause
("denied it had sent troops", "denied that ...") or a quotation; with a plain object
("denied entry to three officials") it reports an action.
"""

from __future__ import annotations

from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.tokens import CLOSE_QUOTES, OPEN_QUOTES, Token

_SENTENCE_END = frozenset([".", "!", "?", ";"])
_RELATIVES = frozenset(["who", "which", "whose", "whom", "where"])
TAIL = 6  # words a parenthetical cue may have after it ("..., Minsk said on Monday.")
REACH = 12  # words it may have before it ("..., a charge the State Border Committee denied")


def needed_follows(
    tokens: list[Token], at: int, needs: tuple[str, ...], rules: Rules, window: int = 10
) -> bool:
    """Whether one of the cue's needed words follows it within `window` words, in its
    clause."""
    for k in range(at, min(at + window, len(tokens))):
        tok = tokens[k]
        if tok.text in _SENTENCE_END:
            return False
        if "quote" in needs and tok.text in OPEN_QUOTES:
            return True
        if tok.key in needs and not _idiom(tokens, k, rules):
            return True
        if "clause" in needs and _opens_clause(tokens, k, at, rules):
            return True
        if "clause" in needs and (tok.text == "," or tok.key in _RELATIVES):
            return False  # a finite verb after a comma or "who" is another clause's
    return False


def _idiom(tokens: list[Token], k: int, rules: Rules) -> bool:
    """ "as part of", "as well as": an "as" that is no "described ... as"."""
    nxt = tokens[k + 1].key if k + 1 < len(tokens) else ""
    return tokens[k].key == "as" and nxt in rules.not_as


def _opens_clause(tokens: list[Token], k: int, at: int, rules: Rules) -> bool:
    tok = tokens[k]
    if tok.key == "that" or tok.text == ":" or tok.text in OPEN_QUOTES:
        return True
    # a finite verb after at least one word: "denied [it] had", "believe [the drills] may"
    # (in lower case: "May" and "Will" are a month and a name)
    return k > at and tok.key in rules.finite and not tok.is_capital


def parenthetical(tokens: list[Token], i: int, j: int, rules: Rules) -> bool:
    """Whether the cue at tokens [i, j) closes a clause after the words it reports: a
    comma or closing quote shortly before it, and the clause ends shortly after it."""
    end = j
    while end < len(tokens) and tokens[end].text not in _SENTENCE_END | {","}:
        if tokens[end].key == "that" or end - j >= TAIL:
            return False
        end += 1
    for k in range(i - 1, max(-1, i - REACH), -1):
        if tokens[k].text == "," or tokens[k].text in CLOSE_QUOTES:
            return k > 0
        if tokens[k].key in rules.finite:
            return False
    return False


def passive(tokens: list[Token], i: int, rules: Rules) -> bool:
    """Whether the cue at token i is a passive participle: "was reported", "were warned",
    "has been confirmed" (adverbs such as "also" may stand between)."""
    k = i - 1
    while k >= 0 and between(tokens[k], rules) and tokens[k].key not in rules.be_forms:
        k -= 1
    # after a form of "be" a verb is a participle: passive, unless progressive ("was saying")
    return k >= 0 and tokens[k].key in rules.be_forms and not tokens[i].key.endswith("ing")


def between(tok: Token, rules: Rules) -> bool:
    """A word that may stand between a speaker and the cue: an auxiliary or an adverb
    ("has long argued", "has consistently maintained", "did not say")."""
    key = tok.key
    if key in rules.between:
        return True
    return not tok.is_capital and len(key) > 4 and key.endswith("ly") and key not in {"only"}
