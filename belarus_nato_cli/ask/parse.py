"""Reading a question: its type, its words, the dates it names, and the forms it takes.

Pure text work: nothing here reads the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from belarus_nato_cli.edtf import MONTHS, days_in_month
from belarus_nato_cli.text import norm

STOPWORDS = frozenset(
    """a about according after again against all also am an and any are as at be been before
    being between both but by can could did do does doing done during each either ever for
    from further had has have having he her here hers him his how i if in into is it its
    itself just know let me might more most much must my no nor not now of off on once only or
    other our out over own please said same say says she should so some such tell than that
    the their theirs them then there these they this those through to too under until up us
    very was we were what whatever when where whether which while who whom whose why will with
    would you your anything something happen happened happening still around right now present
    currently really actually kind way thing things get got make makes made go going supposed
    case like regarding concerning its among within exactly because due hold holds since
    month months year years date day days time period true many much""".split()
)
_MONTH_NUMBER = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUMBER |= {m[:3]: n for m, n in _MONTH_NUMBER.items()} | {"sept": 9}
# Date words are dates, never unknown names: they narrow the time or say nothing.
DATE_WORDS = frozenset(
    [
        *_MONTH_NUMBER,
        *"monday tuesday wednesday thursday friday saturday sunday".split(),
        *"today yesterday tomorrow week weeks weekend recently recent ago lately last next".split(),
        *"spring summer autumn winter".split(),
    ]
)
# a day of the month in words: "the twenty-third of November 2021"
_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = """tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth
    eighteenth nineteenth twentieth""".split()
_ORDINALS = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{f"twenty-{w}": 21 + i for i, w in enumerate(_UNITS)},
    "thirtieth": 30,
    "thirty-first": 31,
}
# the months of each season (the northern hemisphere's, by the month): "winter 2023" runs into
# the next year, and also covers that year's January and February, as both are meant by it
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
# A question about what someone said favours their own statements over statements about them.
SPEECH_WORDS = frozenset(
    """say says said tell tells told claim claims claimed describe described describes call
    called calls announce announced announces state stated argue argued think thinks thought
    respond responded answer answered react reacted mention mentioned view views position
    quoted quote quotes accuse accused warn warned demand demanded""".split()
)
# Reporting verbs say how a claim was made, rarely what it is about, as words of attribution
# do ("in Revenko's view", like "according to"): they count, but little.
WEAK_WORDS = frozenset(
    """describe described describes call called calls note noted notes mention mentioned
    consider considered regard regarded quoted quote say says view views opinion""".split()
)
# words that give a reason, a purpose or a cause
REASON = re.compile(
    r"\b(because|due to|in response|citing|cited|so that|so as|in order|aimed|aim|purpose|reason|"
    r"as a result|after|over|to (avoid|prevent|reduce|keep|preserve|ensure|maintain|protect|"
    r"show|deter|counter|limit))\b",
    re.IGNORECASE,
)
# The question's type, from its opening words (first match wins).
KINDS = (
    ("how_many", r"^how many\b"),
    (
        "when",
        r"^(when|since when|since what|what (year|month|date|day)|in what (year|month)"
        r"|until when|on what (date|day)|which (year|month|date|day))\b",
    ),
    ("where", r"^(where|in what (place|city|country)|which (place|city))\b"),
    ("why", r"^(why|for what reason|what (was|is) the reason)\b"),
    ("who", r"^(who|whom|whose|which (official|person|minister|general|leader|politician))\b"),
    # "which countries ...": the answer is the partners the statements name
    ("which_parties", r"^(which|what) (countries|states|nations|regions|partners|sides)\b"),
    ("yes_no", r"^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b"),
)
_KIND_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in KINDS)
_WORD = r"[\w'-]+"
# "what did X say ...": X's own words come first
VOICED = re.compile(
    r"^(?:what|how|why)\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>.+?)\s+"
    r"(?:say|said|tell|think|thought|claim|announce|argue|describe|state|respond|react|call|"
    r"view|mean|want|demand|propose|accuse|warn|threaten|promise|suggest|insist|deny|confirm|"
    r"explain|urge|stress|reply|admit|criticise|criticize|condemn|do)\b"
)
# Questions about a person or body itself ("who is X", "what is X's job", "is X a minister").
_ROLE = r"(?:job|title|post|position|role|rank|office|function|occupation)"
# Each asks the whole question: "what is Belarus's position on X" asks about X, not a post.
_END = r"[?.! ]*$"
# where the post is held: "... actual post at the ministry", "... hold in the defence ministry"
_HELD_IN = r"(?:\s+(?:in|at|within)\s+[^?]+)?"
_ROLE_ASKED = (
    re.compile(
        rf"^what\s+(?:is|was)\s+(?P<who>.+?)'s\s+(?:\w+\s+)?{_ROLE}(?:\s+{_ROLE})?{_HELD_IN}{_END}"
    ),
    re.compile(rf"^what\s+(?:is|was)\s+the\s+(?:\w+\s+)?{_ROLE}\s+of\s+(?P<who>.+?){_END}"),
    re.compile(
        rf"^what\s+(?:\w+\s+)?{_ROLE}\s+(?:does|did)\s+(?P<who>.+?)\s+(?:hold|have|occupy)"
        rf"{_HELD_IN}{_END}"
    ),
)
PROFILE = (*_ROLE_ASKED, re.compile(rf"^(?:who|what)\s+(?:is|was|'s)\s+(?P<who>.+?){_END}"))

_IS_X_A_Y = re.compile(r"^(?:is|was)\s+(?P<words>.+?)[?.! ]*$")


@dataclass
class Question:
    text: str  # as asked, whitespace collapsed
    kind: str
    tokens: list[str]
    window: tuple[str, str] | None  # first and last day of a period the question names
    month_only: int | None = None  # a month named without a year
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, read as)
    capitalised: set[str] = field(default_factory=set)  # words written as names
    occasion: frozenset[str] = frozenset()  # words that say when, not what ("during his visit")

    @property
    def about_saying(self) -> bool:
        """Does it ask about something said ("who said", "what did X claim")?"""
        return any(t in SPEECH_WORDS for t in self.tokens)

    @property
    def asks_what_is(self) -> bool:
        """ "What was in the agreement", "what is the name of ...": what a thing is or holds."""
        return bool(re.match(r"what (?:is|was|are|were)\b", norm(self.text)))

    @property
    def speech(self) -> bool:
        """Does it favour the speaker's own statements (asked what was said, or who)?"""
        return self.kind == "who" or self.about_saying


def parse(question: str) -> Question:
    # "what's Revenko's job" is "what is ...": the contraction is no possessive
    text = re.sub(r"(?i)\b(what|who|where|when|how)['’]s\b", r"\1 is", " ".join(question.split()))
    # "as well (as)" is grammar ("also", "and"), not a word about the well
    lowered = re.sub(r"\bas well\b", "also", spelled_days(spelled_years(norm(text))))
    # "e.g.", "i.e.", "etc.": Latin abbreviations are grammar, not letters to look up
    lowered = re.sub(r"\b(e\.g|i\.e|etc)\b\.?", " ", lowered)
    for holiday, month in _HOLIDAYS:
        lowered = re.sub(holiday, month, lowered)
    lowered = _PART_OF_PERIOD.sub("", lowered)
    window, month_only = dates(lowered)
    parsed = Question(text, question_kind(lowered), tokens(lowered), window, month_only)
    parsed.occasion = frozenset(w for m in _OCCASION.finditer(lowered) for w in tokens(m.group(1)))
    return parsed


# A holiday of a fixed day is a date, read as its month (as a month is read: "Christmas 2022"
# is December 2022, which holds "the day after Christmas" too); Orthodox Christmas, Belarus's
# other, falls in January.
_HOLIDAYS = (
    (r"\borthodox\s+(?:christmas|xmas)(?:\s+(?:day|eve))?\b", "january"),
    (r"\b(?:christmas|xmas)(?:\s+(?:day|eve))?\b", "december"),
)


# "late January 2024", "early 2023", "mid-2022": the part of a period, read as the whole
# period (as a month is read), never a word about the matter
_PART_OF_PERIOD = re.compile(
    r"\b(?:late|early|mid)[- ]?(?=(?:"
    + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
    + r"|spring|summer|autumn|fall|winter|(?:19|20)\d\d|(?:19|20)\d0s)\b)"
)


# "during his visit", "while in Havana": the occasion of what is asked about, which the
# statement that answers need not name (at most four words, up to a comma or the end)
_OCCASION = re.compile(r"\b(?:during|while)\s+((?:[\w'-]+\s*){1,4}?)(?=[,;?.!]|$)")


# "which countries": the kinds of party asked for (entity kinds of the facts)
_PARTY_KINDS = (
    (r"^(which|what) (countries|states|nations)\b", frozenset({"state"})),
    (r"^(which|what) regions\b", frozenset({"region"})),
)


def party_kinds(lowered: str) -> frozenset[str]:
    """The kinds of party a "which countries" question asks for; empty for any kind."""
    for pattern, kinds in _PARTY_KINDS:
        if re.search(pattern, lowered):
            return kinds
    return frozenset()


def question_kind(lowered: str) -> str:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(lowered):
            return kind
    return "what"


# the verbs a negative contraction shortens ("doesn't": "does not") where dropping "n't" is not
# enough
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


def tokens(text: str) -> list[str]:
    out = []
    for raw in re.findall(_WORD, norm(text)):
        word = raw.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word.endswith("n't") and len(word) > 3:  # a negative contraction: the verb, "not"
            out.append(_CONTRACTED.get(word[:-3], word[:-3]))
            word = "not"
        if word:
            out.append(word)
    return out


def hyphen_parts(word: str) -> list[str]:
    """The words a hyphenated word joins ("lithuania-belarus": lithuania, belarus)."""
    return [part for part in word.split("-") if part]


def is_content(token: str) -> bool:
    """A word that says what the question is about (not grammar, a number or a date word)."""
    return not (
        token in STOPWORDS or token in DATE_WORDS or re.fullmatch(r"\d+(st|nd|rd|th|s)?", token)
    )


def spelled_days(lowered: str) -> str:
    """Days written as ordinal words beside a month, as digits: "the twenty-third of november"
    -> "the 23rd of november" (so they are dates, never unknown words)."""
    month = "|".join(_MONTH_NUMBER)
    words = "|".join(sorted(_ORDINALS, key=len, reverse=True)).replace("-", "[- ]")

    def digits(word: str) -> str:
        return f"{_ORDINALS[re.sub(r'[- ]+', '-', word)]}th"

    before = rf"\b({words})(?=\s+(?:of\s+)?(?:{month})\b)"
    lowered = re.sub(before, lambda m: digits(m.group(1)), lowered)
    after = rf"\b({month})\s+({words})\b"
    return re.sub(after, lambda m: f"{m.group(1)} {digits(m.group(2))}", lowered)


_NUMBER_WORDS = "one two three four five six seven eight nine".split()
_TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_YEAR_ENDS = {
    **{w: i + 1 for i, w in enumerate(_NUMBER_WORDS)},
    **{w: i + 10 for i, w in enumerate(_TEEN_WORDS.split())},
    "twenty": 20,
    **{f"twenty {w}": 21 + i for i, w in enumerate(_NUMBER_WORDS)},
    "thirty": 30,
}


def _year_ends(least: int) -> str:
    words = sorted((w for w, n in _YEAR_ENDS.items() if n >= least), key=len, reverse=True)
    return "|".join(w.replace(" ", "[- ]") for w in words)


# ("twenty two" is 22, not 2002: after "twenty", only ten and beyond)
_SPELLED_YEARS = (
    re.compile(rf"\btwo thousand(?: and)? ({_year_ends(1)})\b"),
    re.compile(rf"\btwenty[- ]({_year_ends(10)})\b"),
)


def spelled_years(lowered: str) -> str:
    """Years written in words, as digits: "twenty twenty-four", "two thousand and
    twenty-three" -> 2024, 2023 (so they are dates, never unknown words)."""

    def digits(m: re.Match[str]) -> str:
        return str(2000 + _YEAR_ENDS[re.sub(r"[- ]+", " ", m.group(1))])

    for pattern in _SPELLED_YEARS:
        lowered = pattern.sub(digits, lowered)
    return lowered


def dates(lowered: str) -> tuple[tuple[str, str] | None, int | None]:
    """The period a question names: a day ("28 August 2023", "August 28, 2023"), a month with
    its year, a season with its year, a decade ("the 1990s") or years; and a month named
    without a year."""
    month = "(" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
    year = r"((?:19|20)\d\d)"
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    m = re.search(rf"\b{day}\s+(?:of\s+)?{month}\s*,?\s+{year}\b", lowered)
    if m:
        return _day(int(m.group(3)), _MONTH_NUMBER[m.group(2)], int(m.group(1))), None
    m = re.search(rf"\b{month}\s+{day},?\s+{year}\b", lowered)
    if m:
        return _day(int(m.group(3)), _MONTH_NUMBER[m.group(1)], int(m.group(2))), None
    m = re.search(rf"\b{month}\s*,?\s+(?:of\s+)?{year}\b", lowered)
    if m:
        y, n = int(m.group(2)), _MONTH_NUMBER[m.group(1)]
        return (f"{y:04d}-{n:02d}-01", f"{y:04d}-{n:02d}-{days_in_month(y, n):02d}"), None
    m = re.search(rf"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?{year}\b", lowered)
    if m:
        return _season(m.group(1), int(m.group(2))), None
    m = re.search(r"\b((?:19|20)\d)0s\b", lowered)
    if m:  # a decade: "the 1990s"
        return (f"{m.group(1)}0-01-01", f"{m.group(1)}9-12-31"), None
    years = re.findall(rf"\b{year}\b", lowered)
    if years:
        return (f"{min(years)}-01-01", f"{max(years)}-12-31"), None
    named = [
        _MONTH_NUMBER[w]
        for w in re.findall(r"[a-z]+", lowered)
        if w in _MONTH_NUMBER and len(w) > 3  # "may" and "mar" alone are too often words
    ]
    return None, named[0] if named else None


def _season(season: str, y: int) -> tuple[str, str]:
    if season == "winter":
        return f"{y:04d}-01-01", f"{y + 1:04d}-02-{days_in_month(y + 1, 2):02d}"
    first, last = _SEASONS[season]
    return f"{y:04d}-{first:02d}-01", f"{y:04d}-{last:02d}-{days_in_month(y, last):02d}"


def _day(y: int, n: int, d: int) -> tuple[str, str] | None:
    if not 1 <= d <= days_in_month(y, n):
        return None
    return f"{y:04d}-{n:02d}-{d:02d}", f"{y:04d}-{n:02d}-{d:02d}"


def profile_subjects(lowered: str) -> list[tuple[str, str]]:
    """For a question that may be about a person or body itself, each reading of it: (the
    words naming it, what else it says of it: a title asked about, or "")."""
    out = []
    for pattern in PROFILE:
        m = pattern.match(lowered)
        if m:
            rest = m.groupdict().get("rest") or ""
            out.append((m.group("who").strip(), rest.strip()))
    m = _IS_X_A_Y.match(lowered)
    if m:
        # "is X Y": every split of the words into a name and a title asked about
        words = m.group("words").split()
        for k in range(1, len(words)):
            rest = re.sub(
                r"^(?:(?:actually|really|still|in fact|an?|the)\s+)+", "", " ".join(words[k:])
            )
            out.append((" ".join(words[:k]), rest))
    return out
