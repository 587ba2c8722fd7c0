"""How well `ask` answers, on every question set side by side, against a plain BM25 baseline.

Each set lists answerable questions (with the statement ids that count as a right answer) and
questions the facts cannot answer. For each set this prints top-1 and top-3 accuracy (on
statement ids) and how often `ask` abstains on the unanswerable ones, for `ask` and for the
baseline measured in the same run: plain BM25 (SQLite FTS5, no stemming, no synonyms, no names)
over the statements' text, which abstains only when no word of the question occurs. The row
"rank" is ask's ranking alone: what it ranked first whether or not it then abstained (a question
it abstained on before ranking counts as missed), so that a miss of the ranking can be told from
an abstention.

Sets, all optional except the first:

- tests/data/questions.toml, tests/data/questions_holdout.toml: development sets (the lexicon and
  the ranking were tuned on both);
- ../shared/eval/ask-dev.json (copied to tests/data/ask-dev.json): a development set written
  without sight of the code;
- tests/data/ask-dev2.json: a second development set written blind, without sight of the code,
  after the first rework (its unanswerable questions calibrate abstention);
- tests/data/ask-dev3.json: a third development set written blind in the third round, after
  ask-fresh3 and before that round's changes, to show where held-out questions fail;
- tests/data/ask-fresh.json: held out. Only its aggregate figures are printed, never a
  question, so that reading this output cannot tune on it.
- tests/data/ask-fresh2.json: held out the same way; written blind (80 questions) before the
  ranking rework of the second round, to measure it.
- tests/data/ask-fresh3.json: held out the same way; written blind (117 questions) at the start
  of the third round, before its abstention work, to measure it.
- tests/data/ask-dev4.json: a fourth development set written blind at the start of the fourth
  round (with ask-fresh4, before that round's changes), then tuned on.
- tests/data/ask-fresh4.json: held out the same way; written blind (130 questions) at the start
  of the fourth round, before its changes, to measure them.
- tests/data/ask-dev5.json, ask-dev6.json: development sets written blind at the start of the
  fifth and sixth rounds (each with a held-out set), then tuned on; ask-dev7.json, written
  blind in the sixth round after its first changes, to find more kinds of unanswerable
  question, then tuned on.
- tests/data/ask-fresh5.json, ask-fresh6.json, ask-fresh7.json: held out the same way; written
  blind at the start of the fifth round, near its end, and at the start of the sixth.

    python bench/ask_accuracy.py [--verbose] [--dev-only]

--verbose lists the misses of the dev sets; --dev-only leaves the held-out set out, for runs
made while tuning.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from belarus_nato_cli.ask import Asker

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data"
# (name, path, held out: no per-question output)
SETS = (
    ("questions.toml", DATA / "questions.toml", False),
    ("questions_holdout.toml", DATA / "questions_holdout.toml", False),
    ("ask-dev", DATA / "ask-dev.json", False),
    ("ask-dev2", DATA / "ask-dev2.json", False),
    ("ask-dev3", DATA / "ask-dev3.json", False),
    ("ask-dev4", DATA / "ask-dev4.json", False),
    ("ask-dev5", DATA / "ask-dev5.json", False),
    ("ask-dev6", DATA / "ask-dev6.json", False),
    ("ask-dev7", DATA / "ask-dev7.json", False),
    ("ask-fresh (held out)", DATA / "ask-fresh.json", True),
    ("ask-fresh2 (held out)", DATA / "ask-fresh2.json", True),
    ("ask-fresh3 (held out)", DATA / "ask-fresh3.json", True),
    ("ask-fresh4 (held out)", DATA / "ask-fresh4.json", True),
    ("ask-fresh5 (held out)", DATA / "ask-fresh5.json", True),
    ("ask-fresh6 (held out)", DATA / "ask-fresh6.json", True),
    ("ask-fresh7 (held out)", DATA / "ask-fresh7.json", True),
)


@dataclass
class QuestionSet:
    answerable: list[tuple[str, set[str]]]
    unanswerable: list[str]


@dataclass
class Tally:
    top1: int = 0
    top3: int = 0
    abstained: int = 0
    misses: list[str] = field(default_factory=list)


def load(path: Path) -> QuestionSet:
    """A TOML set ([[questions]] q/answers, [[unanswerable]] q) or a JSON one (answerable:
    q/accept, unanswerable: q)."""
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    answerable = data.get("answerable", data.get("questions", []))
    return QuestionSet(
        [(item["q"], set(item.get("accept", item.get("answers", [])))) for item in answerable],
        [item["q"] for item in data.get("unanswerable", [])],
    )


def baseline_index(conn: sqlite3.Connection) -> sqlite3.Connection:
    base = sqlite3.connect(":memory:")
    base.execute("CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, body, tokenize='unicode61')")
    base.executemany(
        "INSERT INTO s(id, body) VALUES (?, ?)", conn.execute("SELECT id, text FROM statements")
    )
    return base


def baseline(base: sqlite3.Connection, question: str) -> list[str]:
    words = re.findall(r"\w+", question.lower())
    if not words:
        return []
    match = " OR ".join('"' + w + '"' for w in words)
    rows = base.execute("SELECT id FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 3", (match,))
    return [r[0] for r in rows]


def measure(asker: Asker, base: sqlite3.Connection, qs: QuestionSet) -> tuple[Tally, ...]:
    """(ask, ask's ranking alone, the baseline): the ranking alone is what ask ranked first
    whether or not it then abstained, to tell a ranking miss from an abstention."""
    ours, ranking, theirs = Tally(), Tally(), Tally()
    for question, accepted in qs.answerable:
        result = asker.ask(question, top=3)
        got = [r["id"] for r in result.results] if result.answer is not None else []
        ranked = got or result.ranked
        for tally, ids in ((ours, got), (ranking, ranked), (theirs, baseline(base, question))):
            tally.top1 += bool(ids) and ids[0] in accepted
            tally.top3 += any(i in accepted for i in ids[:3])
        if not (got and got[0] in accepted):
            why = f" ({result.reason})" if result.reason else ""
            ours.misses.append(f"MISS {question!r}: got {got}, want {sorted(accepted)}{why}")
    for question in qs.unanswerable:
        result = asker.ask(question, top=3)
        ours.abstained += result.answer is None
        theirs.abstained += not baseline(base, question)
        if result.answer is not None:
            first = result.results[0]["id"] if result.results else result.answer
            ours.misses.append(f"ANSWERED {question!r}: {first}")
    return ours, ranking, theirs


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} {part / whole:4.0%}" if whole else "-"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="list the dev sets' misses")
    parser.add_argument(
        "--dev-only", action="store_true", help="leave the held-out set out (while tuning)"
    )
    args = parser.parse_args()
    if "BELARUS_NATO_CACHE" not in os.environ:
        cache = tempfile.TemporaryDirectory(prefix="bn-bench-")  # removed when the run ends
        os.environ["BELARUS_NATO_CACHE"] = cache.name
    from belarus_nato_cli.index.cache import PackSet, open_index
    from belarus_nato_cli.index.store import Store

    store = Store(open_index(PackSet()).conn)
    asker = Asker(store)
    base = baseline_index(store.conn)
    header = f"{'set':24}{'who':6}{'top-1':>12}{'top-3':>12}{'abstains':>12}"
    print(header)
    print("-" * len(header))
    misses: list[str] = []
    for name, path, held_out in SETS:
        if held_out and args.dev_only:
            continue
        if not path.is_file():
            print(f"{name:24}(not present: {path.relative_to(HERE.parent)})")
            continue
        qs = load(path)
        n, m = len(qs.answerable), len(qs.unanswerable)
        ours, ranking, theirs = measure(asker, base, qs)
        for who, t in (("ask", ours), ("rank", ranking), ("BM25", theirs)):
            abstained = "" if who == "rank" else _share(t.abstained, m)
            print(
                f"{name if who == 'ask' else '':24}{who:6}{_share(t.top1, n):>12}"
                f"{_share(t.top3, n):>12}{abstained:>12}"
            )
        if not held_out:
            misses += [f"[{name}] {line}" for line in ours.misses]
    if args.verbose:
        print()
        print("\n".join(misses) or "no misses in the dev sets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
