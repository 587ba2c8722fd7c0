"""Names and titles in a sentence: runs of capitalised words, a title before a name
("Defence Minister Viktor Khrenin") and a title after it in commas ("Revenko, head of ...,")."""

from __future__ import annotations

from belarus_nato_cli.draft.rules import Rules
from belarus_nato_cli.draft.tokens import Token

# small words allowed inside a capitalised name or title ("Ministry of Defence")
_INNER = frozenset(["of", "for", "the", "and", "de", "da", "von", "van", "al", "bin", "-", "."])
MAX_TITLE_WORDS = 16
# words that end a title read backwards: a clause or a verb stands before them
_CLAUSE_WORDS = frozenset("that and but while when said says told".split())


def _name_word(tok: Token, rules: Rules) -> bool:
    return tok.is_capital and tok.is_word and not tok.is_number and tok.key not in rules.not_names


def title_word(tok: Token, rules: Rules) -> bool:
    """A word that may stand in a title before a name ("Belarusian Defence Minister")."""
    return tok.key in rules.titles or (tok.is_capital and tok.is_word and not tok.is_number)


def capital_run_back(tokens: list[Token], j: int, lo: int, rules: Rules) -> int | None:
    """The first token of the run of capitalised words ending at token j, or None."""
    if j < lo or not _name_word(tokens[j], rules):
        return None
    i = j
    while i - 1 >= lo:
        if _name_word(tokens[i - 1], rules):
            i -= 1
            continue
        # up to two small words inside a name: "Institute for the Study of War"
        inner = 0
        while inner < 2 and i - inner - 1 >= lo and tokens[i - inner - 1].key in _INNER:
            inner += 1
        if inner and i - inner - 1 >= lo and _name_word(tokens[i - inner - 1], rules):
            i -= inner + 1
        else:
            break
    return i


def capital_run_forward(tokens: list[Token], i: int, hi: int, rules: Rules) -> int | None:
    """One past the last token of the run of capitalised words starting at token i."""
    if i >= hi or not _name_word(tokens[i], rules):
        return None
    j = i + 1
    while j < hi:
        if _name_word(tokens[j], rules):
            j += 1
        elif tokens[j].key in _INNER and j + 1 < hi and _name_word(tokens[j + 1], rules):
            j += 2
        else:
            break
    return j


def split_title(tokens: list[Token], i: int, j: int, rules: Rules) -> int:
    """In a capitalised run i..j-1, where the name starts: after the last title word
    ("Army Corps General Álvaro López Miera" -> at "Álvaro")."""
    at = i
    for k in range(i, j):
        if tokens[k].key in rules.titles:
            at = k + 1
    while at < j and not _name_word(tokens[at], rules):
        at += 1
    return at


def title_before(tokens: list[Token], i: int, rules: Rules) -> int | None:
    """Where a title written before the name at token i starts, if there is one."""
    k = i - 1
    if k > 0 and tokens[k].text == ".":
        k -= 1  # an abbreviated title: "Col. Marek Zielinski"
    start = capital_run_back(tokens, k, 0, rules) if k >= 0 else None
    if start is None:
        return None
    # drop words that are not part of a title ("On Monday President ...")
    while start < i and tokens[start].key in rules.not_names:
        start += 1
    words = [t.key for t in tokens[start:i]]
    return start if any(w in rules.titles for w in words) else None


def title_after(
    tokens: list[Token], j: int, rules: Rules, loose: bool = False
) -> tuple[int, int] | None:
    """A title in commas right after a name ending before token j: ", head of the ...,".
    Returns its token range, without a leading "the" or "a". `loose`: any apposition that
    opens with "a" or "the" is one (after a person's name: ", a senior researcher at ...,")."""
    if j >= len(tokens) or tokens[j].text != ",":
        return None
    start = j + 1
    end = start
    while end < len(tokens) and tokens[end].text not in {",", ";", ".", "(", ")", "—", "–"}:
        end += 1
    if end == start or end - start > MAX_TITLE_WORDS:
        return None
    if tokens[start].key in {"who", "which", "that", "whose", "whom"}:
        return None
    first = start + 1 if tokens[start].key in {"the", "a", "an"} else start
    if loose and first > start and end < len(tokens) and tokens[end].text == ",":
        # an apposition in commas that opens with "a" or "the" says what the person is,
        # whatever the noun ("X, a senior researcher at ..., argued")
        return first, end
    head = [t.key for t in tokens[first : first + 6]]
    if not any(w in rules.titles for w in head[:3]) and not _possessive_title(head, rules):
        return None
    return first, end


def _possessive_title(head: list[str], rules: Rules) -> bool:
    """ "Cuba's Minister of ...", "Poland's Interior Minister" """
    return head[1:3] == ["'", "s"] and any(w in rules.titles for w in head[3:6])


def title_back(tokens: list[Token], k: int, rules: Rules) -> int | None:
    """Where a title that ends before token k starts ("Lithuania's foreign minister", "a
    spokesman for the State Border Guard Service"): the words back to the clause start, if
    they hold a title word. A leading "the" or "a" is left out."""
    start = k
    while start > 0 and k - start < MAX_TITLE_WORDS:
        prev = tokens[start - 1]
        if not (prev.is_word or prev.text in {"'", "’", "-"}) or prev.key in _CLAUSE_WORDS:
            break
        start -= 1
    if start > 0 and tokens[start - 1].text not in {",", ";", ":", "—", "–"}:
        return None  # not the start of a clause
    while start < k and tokens[start].key in {"the", "a", "an"}:
        start += 1
    if start == k or not any(t.key in rules.titles for t in tokens[start:k]):
        return None
    return start
