"""Answering plain-English questions from the facts.

Recognise the entities, topics and dates a question names (through the same alias table as
`query`), expand its other words with the curators' lexicon (spellings and synonyms), rank with
SQLite FTS5's BM25 plus boosts for recognised names, and abstain when the best statement does
not cover what the question asks about.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NamedTuple

from belarus_nato_cli.index.store import Store, quote_fts
from belarus_nato_cli.record import StatementRecord
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
    month months year years date day time period""".split()
)
# A question about what someone said favours their own statements over statements about them.
SPEECH_WORDS = frozenset(
    """say says said tell tells told claim claims claimed describe described describes call
    called calls announce announced announces state stated argue argued think thinks thought
    respond responded answer answered react reacted mention mentioned view views position""".split()
)
# Reporting verbs say how a claim was made, rarely what it is about: they count, but little.
WEAK_WORDS = frozenset(
    """describe described describes call called calls note noted notes mention mentioned
    consider considered regard regarded""".split()
)
QUESTION_TYPES = (
    ("how_many", re.compile(r"^how many\b")),
    (
        "when",
        re.compile(
            r"^(when|since when|since what|what (year|month|date|day)|in what (year|month)"
            r"|until when|on what (date|day))\b"
        ),
    ),
    ("who", re.compile(r"^(who|whom|whose|which (official|person|minister|group))\b")),
    # "which countries ...": the answer is the partners a statement names
    ("which_parties", re.compile(r"^(which|what) (countries|states|nations|regions|partners)\b")),
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november"
        " december".split()
    )
}
_WORD = r"[\w'-]+"
_VOICED = re.compile(
    r"^(?:what|how|why)\s+(?:did|does|do|has|have|had|would|will)\s+(?P<who>.+?)\s+"
    r"(?:say|said|tell|think|thought|claim|announce|argue|describe|state|respond|react|call|"
    r"view|mean|want|demand|propose)\b"
)
CANDIDATES = 100
MIN_COVERAGE = 0.45


class Named(NamedTuple):
    """An entity or topic the question names: how to find its statements, and its weight."""

    sql: str  # yields (statement rowid, spoken by it); "{AND}" takes an extra condition
    args: list[str]
    df: int
    weight: float
    is_entity: bool


# what -> (table with its statement count, SQL of its statements, weight factor)
_NAMED_SQL = {
    "entity": (
        "entities",
        "SELECT stmt, max(role = 'speaker') FROM statement_actors"
        " WHERE entity = ? {AND} GROUP BY stmt",
        1.0,
    ),
    "topic": (
        "topics",
        "SELECT stmt, 0 FROM statement_topics WHERE topic IN"
        " (SELECT topic FROM topic_tree WHERE ancestor = ?) {AND} GROUP BY stmt",
        0.6,
    ),
}


class Term:
    """A content word of the question: its spellings, its synonyms and its weight."""

    def __init__(self, word: str, exact: list[str], synonyms: list[str]) -> None:
        self.word, self.exact, self.synonyms = word, exact, synonyms
        self.df = 0
        self.idf = 0.0


def _any(words: list[str]) -> str:
    return " OR ".join(quote_fts(w) for w in words)


def _lexicon_keys(word: str) -> list[str]:
    """The word and plain inflection-stripped forms, to find it in the lexicon."""
    keys = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            keys.append(word[: -len(suffix)] + repl)
    return list(dict.fromkeys(keys))


class Answer:
    def __init__(self, question: str) -> None:
        self.question = question
        self.answer: str | None = None
        self.results: list[StatementRecord] = []
        self.reason: str | None = None  # why it abstained
        self.kind = "what"


def _question_kind(lowered: str) -> str:
    for kind, pattern in QUESTION_TYPES:
        if pattern.search(lowered):
            return kind
    return "what"


def _tokens(question: str) -> list[str]:
    out = []
    for raw in re.findall(_WORD, norm(question)):
        word = raw.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            out.append(word)
    return out


def _dates(question: str) -> tuple[str, str] | None:
    from belarus_nato_cli.edtf import days_in_month

    text = norm(question)
    m = re.search(r"\b(" + "|".join(_MONTHS) + r")\s+((?:19|20)\d\d)\b", text)
    if m:
        year, month = int(m.group(2)), _MONTHS[m.group(1)]
        last = days_in_month(year, month)
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    years = re.findall(r"\b((?:19|20)\d\d)\b", text)
    if years:
        return f"{min(years)}-01-01", f"{max(years)}-12-31"
    return None


class Asker:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        self.total = self.conn.execute("SELECT count(*) FROM statements").fetchone()[0] or 1

    # -- understanding the question ------------------------------------------------------

    def mentions(self, tokens: list[str]) -> tuple[dict[str, str], set[int]]:
        """Entities and topics named in the question: {id: what}, and the tokens they use."""
        grams: dict[str, tuple[int, int]] = {}
        for n in range(4, 0, -1):
            for i in range(len(tokens) - n + 1):
                grams.setdefault(" ".join(tokens[i : i + n]), (i, n))
        if not grams:
            return {}, set()
        marks = ",".join("?" * len(grams))
        rows = self.conn.execute(
            f"SELECT norm, what, id FROM names WHERE norm IN ({marks})", list(grams)
        ).fetchall()
        found: dict[str, str] = {}
        used: set[int] = set()
        for gram, what, ident in sorted(rows, key=lambda r: -grams[r[0]][1]):
            start, n = grams[gram]
            span = set(range(start, start + n))
            if span & used and ident not in found:
                continue
            if n == 1 and tokens[start] in STOPWORDS:
                continue
            found.setdefault(ident, what)
            if what == "entity":  # a topic's words stay content words: topics are soft hints
                used |= span
        return found, used

    def doc_count(self, match: str) -> int:
        row = self.conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()
        return int(row[0])

    # -- answering -----------------------------------------------------------------------

    def terms(self, tokens: list[str], used: set[int]) -> list[Term]:
        """The question's content words, each with its spelling variants and synonyms."""
        out: list[Term] = []
        i = 0
        while i < len(tokens):
            if i in used or tokens[i] in STOPWORDS or re.fullmatch(r"\d+", tokens[i]):
                i += 1
                continue
            # a two-word lexicon entry ("armed forces") is one term
            pair = " ".join(tokens[i : i + 2])
            exact, synonyms = self.lexicon(pair) if i + 1 < len(tokens) else ([], [])
            if synonyms:
                word, i = pair, i + 2
            else:
                word, i = tokens[i], i + 1
                exact, synonyms = self.lexicon(word)
            if word not in {t.word for t in out}:
                out.append(Term(word, exact or [word], synonyms or exact or [word]))
        return out[:12]

    def lexicon(self, word: str) -> tuple[list[str], list[str]]:
        """(word and its spellings, word and all its synonyms); empty when not in the lexicon."""
        for key in _lexicon_keys(word):
            rows = self.store.lexicon(key)
            if rows:
                spellings = [t for t, kind in rows if kind == "spelling"]
                everything = [t for t, _ in rows]
                return (
                    list(dict.fromkeys([word, *spellings])),
                    list(dict.fromkeys([word, *everything])),
                )
        return [], []

    def ask(self, question: str, top: int = 3) -> Answer:
        """Understand the question, score the candidates, then answer or abstain."""
        ans = Answer(question)
        text = " ".join(question.split())
        ans.kind = _question_kind(norm(text))
        tokens = _tokens(text)
        found, used = self.mentions(tokens)
        window = _dates(text)
        terms = self.terms(tokens, used)
        unknown = self._weigh(terms, text)
        if unknown:
            ans.reason = f"the facts know nothing of {unknown!r}"
            return ans
        named = self._named(found)
        pool = self._pool(terms, named, window)
        if not pool:
            ans.reason = "no statement matches" + (" in that period" if window else "")
            return ans
        speech = ans.kind == "who" or any(t in SPEECH_WORDS for t in tokens)
        matched = self._matched(pool, terms)
        boosts, covered, named_total = self._boosts(pool, named, speech)
        scores = self._score(ans.kind, pool, terms, matched, boosts)
        voiced = self._voiced_by(text, pool)
        if voiced is not None:
            name, voices = voiced
            if not voices:
                ans.reason = f"the facts hold nothing said or done by {name}"
                return ans
            for rowid in voices:  # "what did X say": X's own words come first
                scores[rowid] += 2.0
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best = ranked[0][0]
        if terms:
            # the share of the question the best statement covers: its words, and the
            # entities it names
            total = sum(t.idf for t in terms) + named_total
            if (matched[best] + covered[best]) / total < MIN_COVERAGE or matched[best] == 0:
                ans.reason = "the best match does not cover the question"
                return ans
        elif not found:
            ans.reason = "the question names nothing the facts know"
            return ans
        if ans.kind == "how_many" and not re.search(r"\d", self._text(best)):
            ans.reason = "the facts give no figure for this"
            return ans
        for rowid, score in ranked[:top]:
            row = self.conn.execute(
                "SELECT record, has_links FROM statements WHERE rowid = ?", (rowid,)
            ).fetchone()
            ans.results.append(self.store.enrich(row[0], bool(row[1]), score))
        ans.answer = compose(ans.kind, ans.results)
        return ans

    def _weigh(self, terms: list[Term], question: str) -> str | None:
        """Give each term its weight (IDF); returns a name the facts do not know, if any."""
        known_idf = []
        for term in terms:
            term.df = self.doc_count(_any(term.synonyms))
            if term.df == 0 and _looks_like_a_name(term.word, question):
                return term.word
            if term.df:
                term.idf = math.log(1 + self.total / term.df)
                known_idf.append(term.idf)
        for term in terms:
            if not term.df:  # an unknown word weighs like an average known one
                term.idf = sum(known_idf) / len(known_idf) if known_idf else 1.0
            if term.word in WEAK_WORDS:
                term.idf *= 0.3
        return None

    def _score(
        self,
        kind: str,
        pool: dict[int, float],
        terms: list[Term],
        matched: dict[int, float],
        boosts: dict[int, float],
    ) -> dict[int, float]:
        closeness = self._closeness(pool, terms)
        facts = self._facts(pool)
        scores = {}
        for rowid in pool:
            dated, about, speaker, located, partners = facts[rowid]
            score = matched[rowid] + boosts[rowid] + 0.05 * closeness.get(rowid, 0.0)
            if kind == "when":
                # the time a claim is about answers "when" better than the day it was said
                score += 0.5 if about else 0.2 * bool(dated)
            elif kind == "who" and speaker:
                score += 0.5
            elif kind == "which_parties":
                score += 1.5 * min(partners, 2)
            if located:
                # evidence checked against a source text we hold beats evidence known only
                # through notes, when the two are otherwise close
                score += 0.2
            scores[rowid] = score
        return scores

    def _pool(
        self, terms: list[Term], named: list[Named], window: tuple[str, str] | None
    ) -> dict[int, float]:
        """Candidate statements with their BM25 score (0 for those found by name only)."""
        pool: dict[int, float] = {}
        date_sql, date_args = "", []
        if window:
            # "what happened in 2019": the claim's time must start in that period, not just
            # possibly overlap it, as a query's --since/--until allow
            date_sql = " AND s.sort_day BETWEEN ? AND ?"
            date_args = [window[0], window[1]]
        if terms:
            match = " OR ".join(f"({_any(t.synonyms)})" for t in terms)
            rows = self.conn.execute(
                "SELECT fts.rowid, -bm25(fts, 1.0, 0.8, 0.5) FROM fts JOIN statements s"
                f" ON s.rowid = fts.rowid WHERE fts MATCH ?{date_sql}"
                f" ORDER BY bm25(fts, 1.0, 0.8, 0.5) LIMIT {CANDIDATES}",
                [match, *date_args],
            ).fetchall()
            pool.update({r: float(s) for r, s in rows})
        if named:
            # Statements that involve the rarest named thing are candidates even without
            # a word in common ("Is Cuba a partner?").
            sql, args, df = named[0].sql, named[0].args, named[0].df
            if df < self.total / 2 or not terms:
                for (rowid,) in self.conn.execute(
                    f"SELECT s.rowid FROM statements s WHERE s.rowid IN"
                    f" (SELECT stmt FROM ({sql.replace('{AND}', '')})){date_sql}"
                    f" ORDER BY s.rowid LIMIT {CANDIDATES}",
                    [*args, *date_args],
                ):
                    pool.setdefault(rowid, 0.0)
        return pool

    def _matched(self, pool: dict[int, float], terms: list[Term]) -> dict[int, float]:
        """How much of the question each candidate covers: a word in the statement's text or
        evidence counts fully, a synonym there 0.75, either among its names and topics 0.5."""
        matched = dict.fromkeys(pool, 0.0)
        ids = list(pool)
        marks = ",".join("?" * len(ids))
        for term in terms:
            best: dict[int, float] = {}
            for column_query, weight in (
                (f"{{text quotes}} : ({_any(term.exact)})", 1.0),
                (f"{{text quotes}} : ({_any(term.synonyms)})", 0.75),
                (f"names : ({_any(term.synonyms)})", 0.5),
            ):
                rows = self.conn.execute(
                    f"SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN ({marks})",
                    [column_query, *ids],
                )
                for (rowid,) in rows:
                    best[rowid] = max(best.get(rowid, 0.0), weight)
            for rowid, weight in best.items():
                matched[rowid] += term.idf * weight
        return matched

    def _voiced_by(self, question: str, pool: dict[int, float]) -> tuple[str, set[int]] | None:
        """For "what did X say/think/claim ...": X's name and the candidates in which X speaks
        or acts as the subject; None when the question is not of that form or X is unknown."""
        m = _VOICED.match(norm(question))
        if not m:
            return None
        found, _ = self.mentions(_tokens(m.group("who")))
        entities = [ident for ident, what in found.items() if what == "entity"]
        if len(entities) != 1:
            return None
        ids = list(pool)
        rows = self.conn.execute(
            "SELECT DISTINCT stmt FROM statement_actors WHERE entity = ?"
            f" AND role IN ('speaker', 'subject') AND stmt IN ({','.join('?' * len(ids))})",
            [entities[0], *ids],
        )
        return m.group("who"), {r[0] for r in rows}

    def _closeness(self, pool: dict[int, float], terms: list[Term]) -> dict[int, float]:
        """BM25 on the question's own words only: breaks ties toward the statement that says
        it most directly (synonyms would favour statements that repeat a theme)."""
        if not terms:
            return {}
        ids = list(pool)
        match = " OR ".join(f"({_any(t.exact)})" for t in terms)
        rows = self.conn.execute(
            "SELECT rowid, -bm25(fts, 1.0, 0.8, 0.5) FROM fts WHERE fts MATCH ?"
            f" AND rowid IN ({','.join('?' * len(ids))})",
            [match, *ids],
        )
        return {r: float(s) for r, s in rows}

    def _boosts(
        self, pool: dict[int, float], named: list[Named], speech: bool
    ) -> tuple[dict[int, float], dict[int, float], float]:
        """Per candidate: the boost for the named entities and topics it involves, and the
        weight of the named entities it covers; plus the weight of all named entities."""
        boosts = dict.fromkeys(pool, 0.0)
        covered = dict.fromkeys(pool, 0.0)
        if not named:
            return boosts, covered, 0.0
        ids = list(pool)
        marks = ",".join("?" * len(ids))
        # a statement about few parties is more about each of them than a list of many
        parties = dict(
            self.conn.execute(
                f"SELECT stmt, count(DISTINCT entity) FROM statement_actors WHERE stmt IN ({marks})"
                " GROUP BY stmt",
                ids,
            ).fetchall()
        )
        named_total = 0.0
        for item in named:
            named_total += item.weight if item.is_entity else 0.0
            sql = item.sql.replace("{AND}", f"AND stmt IN ({marks})")
            for rowid, speaks in self.conn.execute(sql, [*item.args, *ids]):
                focus = min(1.0, (2 / max(parties.get(rowid, 1), 1)) ** 0.5)
                # asked what someone said: their own words outrank what is said about them
                boosts[rowid] += item.weight * (1.5 if speaks and speech else 1.0) * focus
                if item.is_entity:
                    covered[rowid] += item.weight
        return boosts, covered, named_total

    def _facts(self, pool: dict[int, float]) -> dict[int, tuple[Any, Any, Any, Any, int]]:
        """Per candidate, in one query: (any date, an "about" date, speaker, located evidence,
        how many states, regions or groups it names as partners)."""
        ids = list(pool)
        rows = self.conn.execute(
            "SELECT s.rowid, s.lo, s.about_lo, s.speaker, s.located,"
            " (SELECT count(*) FROM statement_actors a JOIN entities e ON e.id = a.entity"
            "  WHERE a.stmt = s.rowid AND a.role = 'partner'"
            "  AND e.kind IN ('state', 'region', 'group'))"
            f" FROM statements s WHERE s.rowid IN ({','.join('?' * len(ids))})",
            ids,
        )
        return {r[0]: (r[1], r[2], r[3], r[4], int(r[5])) for r in rows}

    def _named(self, found: dict[str, str]) -> list[Named]:
        """For each named entity or topic: the SQL of its statements, its count and weight,
        rarest first."""
        named = []
        for ident, what in found.items():
            table, sql, factor = _NAMED_SQL[what]
            row = self.conn.execute(f"SELECT statements FROM {table} WHERE id = ?", (ident,))
            df = int((row.fetchone() or [0])[0])
            if df:
                weight = factor * math.log(1 + self.total / df)
                named.append(Named(sql, [ident], df, weight, what == "entity"))
        named.sort(key=lambda n: n.df)
        return named

    def _text(self, rowid: int) -> str:
        row = self.conn.execute(
            "SELECT record FROM statements WHERE rowid = ?", (rowid,)
        ).fetchone()
        return str(json.loads(row[0])["text"])


def _looks_like_a_name(word: str, question: str) -> bool:
    """A capitalised word inside the question (not its first word), or an acronym."""
    for m in re.finditer(_WORD, question):
        raw = m.group().strip("'-")
        if raw.endswith(("'s", "’s")):
            raw = raw[:-2]
        if norm(raw) != word:
            continue
        if raw.isupper() and len(raw) > 1:
            return True
        if raw[:1].isupper() and m.start() > 0:
            return True
    return False


def label(r: StatementRecord) -> str:
    """How firmly the source states it, with hedged and reported claims labelled so."""
    parts = [r["certainty"]]
    if r["hedges"]:
        parts.append("hedged")
    if r["attribution"] in ("indirect_speech", "media_report", "unattributed_framing"):
        parts.append("reported")
    return ", ".join(parts)


def compose(kind: str, results: list[StatementRecord]) -> str:
    from belarus_nato_cli.edtf import edtf_bounds, human_edtf

    best = results[0]
    if kind == "when":
        # the time a claim is about answers "when"; the date it was said is only a fallback
        about = [(r, r["about"]) for r in results if r["about"]]
        if not about:
            said = [r for r in results if r["said"]]
            if not said:
                return "The facts give no date for this."
            r = said[0]
            source = r["evidence"][0]["source"]
            said_when = f"{human_edtf(r['said'])} [{r['said']}]"
            return f"No date for the event itself; stated {said_when} ({source})"
        when = about[0][1]
        lo, hi = edtf_bounds(when)

        def overlaps(date: str) -> bool:
            r_lo, r_hi = edtf_bounds(date)
            return r_lo <= hi and r_hi >= lo

        agreeing = [r for r, date in about if overlaps(date)]
        sources = list(dict.fromkeys(e["source"] for r in agreeing for e in r["evidence"]))
        others = list(
            dict.fromkeys(f"{human_edtf(date)} [{date}]" for _, date in about if not overlaps(date))
        )
        text = f"{human_edtf(when)} [{when}], according to {', '.join(sources)}"
        if others:
            text += "; also: " + "; ".join(others)
        return text
    if kind == "who":
        sp = best["speaker"]
        if sp is None:
            return f"No speaker: the source's own analysis ({best['evidence'][0]['source']})."
        title = f", {sp['title']} (title as the source gives it)" if sp.get("title") else ""
        return f"{sp['name']}{title}"
    suffix = "" if label(best) == "certain" else f" [{label(best)}]"
    return str(best["text"]) + suffix
