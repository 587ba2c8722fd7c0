"""Fit `ask`'s two abstention thresholds on the development sets, and check the fit by leaving
one set out.

The thresholds (`min_coverage`, `slot_uncovered` in belarus_nato_cli/ask/weights.py) are fitted
on all the development sets together: the pair that maximises the share of answerable questions
answered right at top-1 plus the share of unanswerable ones abstained on, over the pooled sets.
Leave-one-set-out: fit on all sets but one, measure on that one; the sum over the four held-out
folds is a figure no threshold was tuned on. The held-out set (ask-fresh) is never read.

    python bench/ask_calibrate.py
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
import tempfile
from dataclasses import dataclass

from ask_accuracy import SETS, load

from belarus_nato_cli.ask import Asker
from belarus_nato_cli.ask.confidence import SLOT_KINDS
from belarus_nato_cli.ask.weights import WEIGHTS

COVERAGE = [x / 100 for x in range(30, 61, 5)]
SLOT = [x / 100 for x in range(10, 51, 5)] + [9.0]  # 9.0: no slot check


@dataclass
class Row:
    answerable: bool
    right: bool  # top-1 right (answerable) when not abstained
    kept: bool  # abstained whatever the thresholds (a reason other than these two)
    kind: str = ""
    coverage: float = 1.0  # (answers not judged by these signals: a person's record, names)
    uncovered: float = 0.0
    quoted: bool = False  # it holds words the question quotes: no event-words check

    def abstains(self, coverage: float, slot: float) -> bool:
        return self.kept or (
            self.coverage < coverage
            or (self.kind in SLOT_KINDS and not self.quoted and self.uncovered > slot)
        )


def rows_of(asker: Asker) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for name, path, held_out in SETS:
        if held_out or not path.is_file():
            continue
        qs = load(path)
        rows = []
        for question, accepted in [*qs.answerable, *((q, set()) for q in qs.unanswerable)]:
            ans = asker.ask(question, top=1)
            got = [r["id"] for r in ans.results]
            row = Row(bool(accepted), bool(got) and got[0] in accepted, ans.answer is None)
            if ans.answer is not None and ans.support is not None:
                row.kind, row.coverage = ans.kind, ans.support.coverage
                row.uncovered = ans.support.uncovered_share
                row.quoted = ans.support.quoted
            rows.append(row)
        out[name] = rows
    return out


def tally(rows: list[Row], coverage: float, slot: float) -> tuple[int, int, int, int]:
    right = sum(r.answerable and r.right and not r.abstains(coverage, slot) for r in rows)
    abstained = sum(not r.answerable and r.abstains(coverage, slot) for r in rows)
    answerable = sum(r.answerable for r in rows)
    return right, answerable, abstained, len(rows) - answerable


def fit(sets: dict[str, list[Row]], names: list[str]) -> tuple[float, float]:
    def balanced(pair: tuple[float, float]) -> tuple[float, bool]:
        a, b, c, d = (sum(t) for t in zip(*(tally(sets[n], *pair) for n in names), strict=True))
        # ties: the current thresholds first, so the fit moves them only for a gain
        return a / b + c / d, pair == (WEIGHTS.min_coverage, WEIGHTS.slot_uncovered)

    return max(itertools.product(COVERAGE, SLOT), key=balanced)


def main() -> int:
    if "BELARUS_NATO_CACHE" not in os.environ:
        cache = tempfile.TemporaryDirectory(prefix="bn-bench-")  # removed when the run ends
        os.environ["BELARUS_NATO_CACHE"] = cache.name
    from belarus_nato_cli.index.cache import PackSet, open_index
    from belarus_nato_cli.index.store import Store

    store = Store(open_index(PackSet()).conn)
    open_weights = dataclasses.replace(WEIGHTS, min_coverage=0.0, slot_uncovered=9.0)
    sets = rows_of(Asker(store, open_weights))
    names = list(sets)
    pair = fit(sets, names)
    print(f"fitted on all {len(names)} dev sets: min_coverage={pair[0]}, slot_uncovered={pair[1]}")
    print(f"(in use: min_coverage={WEIGHTS.min_coverage}, slot_uncovered={WEIGHTS.slot_uncovered})")
    total = [0, 0, 0, 0]
    for held in names:
        fold = fit(sets, [n for n in names if n != held])
        a, b, c, d = tally(sets[held], *fold)
        total = [x + y for x, y in zip(total, (a, b, c, d), strict=True)]
        print(f"left out {held:24} fit {fold}: top-1 {a}/{b}, abstains {c}/{d}")
    a, b, c, d = total
    print(f"leave-one-set-out total: top-1 {a}/{b} ({a / b:.0%}), abstains {c}/{d} ({c / d:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
