"""How much `ask`'s ranking depends on its word weights, and whether choosing them generalises.

The four weights of where a question word is found (a WordNet relative, a curators' synonym, the
names column, the context column; belarus_nato_cli/ask/weights.py) are swept over a small grid.
For each setting it measures the ranking alone on the four development sets: what `ask` ranks
first, whether or not it then abstains (`Answer.ranked`), top-1 and top-3. It prints the spread
of top-1 over the grid, and the leave-one-set-out figure: the setting that ranks best on three
sets (top-1, then half of top-3), measured on the fourth, summed over the four folds, beside the
weights in use. The held-out set (ask-fresh) is never read.

    python bench/ask_rank_weights.py
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
import tempfile

from ask_accuracy import SETS, QuestionSet, load

from belarus_nato_cli.ask import Asker
from belarus_nato_cli.ask.weights import WEIGHTS

GRID = {
    "wordnet": (0.3, 0.5, 0.75),
    "lexicon": (0.5, 0.75, 1.0),
    "in_names": (0.3, 0.5, 0.75),
    "in_context": (0.2, 0.4, 0.6),
}
Setting = tuple[float, ...]


def ranking(asker: Asker, qs: QuestionSet) -> tuple[int, int]:
    """(top-1, top-3) of what the ranking put first, abstaining or not."""
    top1 = top3 = 0
    for question, accepted in qs.answerable:
        result = asker.ask(question, top=3)
        ids = [r["id"] for r in result.results] if result.answer is not None else result.ranked
        top1 += bool(ids) and ids[0] in accepted
        top3 += any(i in accepted for i in ids[:3])
    return top1, top3


def main() -> int:
    if "BELARUS_NATO_CACHE" not in os.environ:
        cache = tempfile.TemporaryDirectory(prefix="bn-bench-")  # removed when the run ends
        os.environ["BELARUS_NATO_CACHE"] = cache.name
    from belarus_nato_cli.index.cache import PackSet, open_index
    from belarus_nato_cli.index.store import Store

    store = Store(open_index(PackSet()).conn)
    sets = {name: load(path) for name, path, held_out in SETS if not held_out and path.is_file()}
    in_use: Setting = tuple(getattr(WEIGHTS, k) for k in GRID)
    settings = sorted({*itertools.product(*GRID.values()), in_use})
    measured: dict[Setting, dict[str, tuple[int, int]]] = {}
    for setting in settings:
        asker = Asker(store, dataclasses.replace(WEIGHTS, **dict(zip(GRID, setting, strict=True))))
        measured[setting] = {name: ranking(asker, qs) for name, qs in sets.items()}
    n = sum(len(qs.answerable) for qs in sets.values())
    totals = sorted(sum(t1 for t1, _ in m.values()) for m in measured.values())
    print(f"{len(settings)} settings of {', '.join(GRID)}")
    print(f"ranking-alone top-1 over the grid: {totals[0]}-{totals[-1]} of {n}")
    print(f"in use {in_use}: {sum(t1 for t1, _ in measured[in_use].values())} of {n}")

    def fitness(setting: Setting, names: list[str]) -> tuple[float, bool]:
        score = sum(measured[setting][k][0] + measured[setting][k][1] / 2 for k in names)
        return score, setting == in_use  # ties: the weights in use

    chosen = in_use_total = 0
    for held in sets:
        best = max(settings, key=lambda s: fitness(s, [k for k in sets if k != held]))
        chosen += measured[best][held][0]
        in_use_total += measured[in_use][held][0]
        print(f"left out {held:24} chose {best}: top-1 {measured[best][held][0]}")
    print(f"leave-one-set-out top-1: {chosen} of {n} (weights in use: {in_use_total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
