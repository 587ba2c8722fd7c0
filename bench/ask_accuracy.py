"""How well `ask` answers: top-1 / top-3 accuracy and abstention, against a plain BM25 baseline.

The baseline, measured in the same run, is plain BM25 (SQLite FTS5, no stemming, no synonyms)
over the sentences of the first article, read from ../shared/seeds. A sentence counts as right
when it holds the evidence of a statement that answers the question; `ask` is scored both on
its statement ids and, for comparison with the baseline, on the sentences its evidence lies in.

    python bench/ask_accuracy.py [--questions tests/data/questions.toml] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
import tempfile
import tomllib
from pathlib import Path

from belarus_nato_cli.ask import Asker
from belarus_nato_cli.index.cache import PackSet, open_index
from belarus_nato_cli.index.store import Store
from belarus_nato_cli.text import sentence_spans

HERE = Path(__file__).resolve().parent
ARTICLE = HERE.parent.parent / "shared" / "seeds" / "000_2a882158b83417ea.txt"


def baseline_index(text: str) -> tuple[sqlite3.Connection, list[tuple[int, int]]]:
    spans = sentence_spans(text)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE s USING fts5(body, tokenize='unicode61')")
    conn.executemany(
        "INSERT INTO s(rowid, body) VALUES (?, ?)",
        [(i, text[a:b]) for i, (a, b) in enumerate(spans)],
    )
    return conn, spans


def baseline(conn: sqlite3.Connection, question: str, k: int = 3) -> list[int]:
    words = re.findall(r"\w+", question.lower())
    if not words:
        return []
    match = " OR ".join('"' + w + '"' for w in words)
    return [
        r[0]
        for r in conn.execute(
            f"SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT {k}", (match,)
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--questions", default=str(HERE.parent / "tests" / "data" / "questions.toml")
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    data = tomllib.loads(Path(args.questions).read_text(encoding="utf-8"))
    if not ARTICLE.is_file():
        print(
            f"the article is not at hand ({ARTICLE}); the baseline needs ../shared/seeds",
            file=sys.stderr,
        )
        return 2
    text = ARTICLE.read_text(encoding="utf-8")
    if "BELARUS_NATO_CACHE" not in os.environ:
        cache = tempfile.TemporaryDirectory(prefix="bn-bench-")  # removed when the run ends
        os.environ["BELARUS_NATO_CACHE"] = cache.name
    store = Store(open_index(PackSet()).conn)
    asker = Asker(store)
    base_conn, spans = baseline_index(text)

    def sentences_of(ids: list[str]) -> set[int]:
        out = set()
        for r in store.statements(ids):
            for ev in r["evidence"]:
                if ev["source"] == "article-000" and ev["start"] is not None:
                    out |= {
                        i for i, (a, b) in enumerate(spans) if a <= ev["start"] and ev["end"] <= b
                    }
        return out

    rows = {
        "ask (statements)": [0, 0],
        "ask (sentences)": [0, 0],
        "BM25 baseline (sentences)": [0, 0],
    }
    answered = 0
    questions = data["questions"]
    for item in questions:
        expected = set(item["answers"])
        expected_sents = sentences_of(sorted(expected))
        result = asker.ask(item["q"], top=3)
        got = [r["id"] for r in result.results]
        answered += result.answer is not None
        got_sents = [sentences_of([g]) for g in got]
        base = baseline(base_conn, item["q"])
        checks = {
            "ask (statements)": [g in expected for g in got],
            "ask (sentences)": [
                g in expected or bool(s & expected_sents)
                for g, s in zip(got, got_sents, strict=True)
            ],
            "BM25 baseline (sentences)": [b in expected_sents for b in base],
        }
        for name, hits in checks.items():
            rows[name][0] += bool(hits[:1] and hits[0])
            rows[name][1] += any(hits[:3])
        if args.verbose and not (got and got[0] in expected):
            print(f"MISS {item['q']!r}: got {got[:3]}, want {sorted(expected)} ({result.reason})")
    abstained = base_abstained = 0
    for item in data["unanswerable"]:
        result = asker.ask(item["q"], top=3)
        abstained += result.answer is None
        base_abstained += not baseline(base_conn, item["q"])
        if args.verbose and result.answer is not None:
            print(f"ANSWERED {item['q']!r}: {result.results[0]['id']}")
    n, m = len(questions), len(data["unanswerable"])
    print(f"{n} answerable and {m} unanswerable questions ({args.questions})")
    print(f"{'':28}{'top-1':>8}{'top-3':>8}{'abstains':>10}")
    for name, (top1, top3) in rows.items():
        abst = base_abstained if name.startswith("BM25") else abstained
        print(f"{name:28}{top1 / n:8.1%}{top3 / n:8.1%}{abst / m:10.1%}")
    print(f"ask answered {answered}/{n} answerable questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
