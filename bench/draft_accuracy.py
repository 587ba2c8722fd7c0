"""How well `draft` drafts: per article, against an annotator's claims, with a baseline.

Articles: the dev article (../shared/eval/draft-dev/article-b.txt, its claims in gold.json
beside it), a second dev article written without sight of the drafter
(tests/data/draft-dev2/article-d.txt and its gold.json) and the first article
(../shared/seeds/000_2a882158b83417ea.txt, its curated statements in facts/article-000 as a
second gold). `--article TEXT GOLD` adds one more (a gold.json-style file), for a kept-back
article.

Figures, per article:
  sentences   sentences with at least one drafted statement (sentences split as the gold
              describes: after . ! ? and a closing quote, followed by white space, but not
              after an initial, a title such as Maj.-Gen. or Col., or U.S.; a gold phrase
              not found in its numbered sentence is warned of on stderr)
  speaker     gold claims whose drafted statement names the same speaker (or none for both)
  hedged      gold claims whose drafted statement is hedged (not certain) exactly when the
              gold claim is
  dates       gold claims with a date whose drafted statement has that date (`about`)
  unseen      drafted statements naming a speaker the annotator did not see in that sentence
Each gold claim is paired with the drafted statement of its sentence whose evidence lies
closest to the gold evidence (overlap first, then distance): the speaker plays no part in
the pairing. The baseline, in the same run: every sentence one claim in the article's own
voice, not hedged, no date.

    python bench/draft_accuracy.py [--markdown] [--article TEXT GOLD]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from belarus_nato_cli.draft.aliases import load_alias_table
from belarus_nato_cli.model.discovery import embedded_facts_dir
from belarus_nato_cli.text import norm

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "draft-dev"
SEED = SHARED / "seeds" / "000_2a882158b83417ea.txt"
DEV2 = REPO / "tests" / "data" / "draft-dev2"
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’]?\s+")
# The annotators' rule: no split after an initial (K.), a title (Maj.-Gen., Col., Dr.) or U.S.
_TITLES = frozenset(
    "mr mrs ms dr prof col gen lt maj capt cpt sgt adm cmdr gov sen rep st no jr sr vs".split()
)


@dataclass
class Claim:
    """A gold claim or a drafted statement, as the figures compare them."""

    sentence: int
    speaker: str | None  # a folded name
    hedged: bool
    date: str | None
    spans: list[tuple[int, int]]


def _no_split(text: str, stop: int) -> bool:
    """Whether the full stop before `stop` closes an initial, a title or an abbreviation."""
    if text[stop - 1] != ".":
        return False
    word = text[: stop - 1].rsplit(None, 1)[-1] if text[: stop - 1].strip() else ""
    word = word.lstrip("(\"'“‘")
    last = re.split(r"[.-]", word)[-1]
    initial = len(word) == 1 and word.isupper()
    dotted = "." in word  # U.S, Maj.-Gen, Lt.-Gen
    return initial or dotted or last.casefold() in _TITLES


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SPLIT.finditer(text):
        if _no_split(text, m.start()):
            continue
        spans.append((start, m.start() + len(m.group().rstrip())))  # with a closing quote
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    for n, (a, b) in enumerate(spans, 1):
        if a <= offset < b:
            return n
    return 0


def names() -> dict[str, str]:
    """Entity id -> folded name, from the facts."""
    table, _ = load_alias_table([embedded_facts_dir()])
    return {e.id: norm(e.name) for e in table.entities.values()}


def gold_from_json(path: Path, text: str, article: str) -> list[Claim]:
    spans = sentences(text)
    out = []
    for item in json.loads(path.read_text(encoding="utf-8"))[article]:
        a, b = spans[item["sentence"] - 1] if item["sentence"] <= len(spans) else (0, 0)
        at = text.find(item["evidence"], a, b)
        if at < 0:  # the figures would pair the wrong sentences: say so rather than mislead
            print(
                f"warning: {article}: sentence {item['sentence']} as split here does not hold "
                f"its gold evidence {item['evidence']!r}",
                file=sys.stderr,
            )
        ev = [(at, at + len(item["evidence"]))] if at >= 0 else [(a, b)]
        speaker = norm(item["speaker"]) if item["speaker"] else None
        out.append(Claim(item["sentence"], speaker, item["hedged"], item["date"], ev))
    return out


def gold_from_facts(folder: Path, text: str, entity_names: dict[str, str]) -> list[Claim]:
    spans = sentences(text)
    doc = tomllib.loads((folder / "statements.toml").read_text(encoding="utf-8"))
    out = []
    for st in doc["statements"]:
        ev = [(e["start"], e["end"]) for e in st["evidence"] if e.get("start") is not None]
        speaker = entity_names.get(st["speaker"]) if st.get("speaker") else None
        hedged = st["certainty"] != "certain" or bool(st.get("hedges"))
        date = st.get("about") or st.get("said")
        out.append(Claim(sentence_of(spans, ev[0][0]), speaker, hedged, date, ev))
    return out


def drafted(text_path: Path, entity_names: dict[str, str]) -> list[Claim]:
    """Run the installed command as a user does, and read its JSON Lines pack."""
    exe = Path(sys.executable).parent / "belarus-nato"
    run = subprocess.run(
        [str(exe), "draft", str(text_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in run.stdout.splitlines()]
    new_names = {r["id"]: norm(r["name"]) for r in records if r["type"] == "entity"}
    known = {**entity_names, **new_names}
    spans = sentences(text_path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r["type"] != "statement":
            continue
        ev = [(e["start"], e["end"]) for e in r["evidence"]]
        speaker = known[r["speaker"]] if r.get("speaker") else None
        hedged = r["certainty"] != "certain" or bool(r.get("hedges"))
        out.append(Claim(sentence_of(spans, ev[0][0]), speaker, hedged, r.get("about"), ev))
    return out


def baseline(text: str) -> list[Claim]:
    return [Claim(n, None, False, None, [s]) for n, s in enumerate(sentences(text), 1)]


def _closeness(gold: Claim, draft: Claim) -> tuple[int, int]:
    overlap = sum(max(0, min(b, d) - max(a, c)) for a, b in gold.spans for c, d in draft.spans)
    distance = min(abs(a - c) for a, _ in gold.spans for c, _ in draft.spans)
    return overlap, -distance


def score(gold: list[Claim], drafts: list[Claim], n_sentences: int) -> dict[str, tuple[int, int]]:
    by_sentence: dict[int, list[Claim]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence, []).append(d)
    speaker = hedged = dates = dated = 0
    for g in gold:
        candidates = by_sentence.get(g.sentence, [])
        pick = max(candidates, key=lambda d: _closeness(g, d)) if candidates else None
        speaker += pick is not None and pick.speaker == g.speaker
        hedged += pick is not None and pick.hedged == g.hedged
        if g.date:
            dated += 1
            dates += pick is not None and pick.date == g.date
    seen: dict[int, set[str | None]] = {}
    for g in gold:
        seen.setdefault(g.sentence, set()).add(g.speaker)
    unseen = sum(1 for d in drafts if d.speaker and d.speaker not in seen.get(d.sentence, set()))
    return {
        "sentences": (len(by_sentence.keys() & set(range(1, n_sentences + 1))), n_sentences),
        "speaker": (speaker, len(gold)),
        "hedged": (hedged, len(gold)),
        "dates": (dates, dated),
        "unseen": (unseen, len(drafts)),
    }


def _cell(pair: tuple[int, int]) -> str:
    n, d = pair
    return f"{n}/{d} {100 * n / d:5.1f}%" if d else f"{n}/{d}    -  "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", nargs=2, action="append", metavar=("TEXT", "GOLD"))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    entity_names = names()
    runs: list[tuple[str, Path, list[Claim]]] = []
    dev_text = DEV / "article-b.txt"
    if not dev_text.is_file() or not SEED.is_file():
        sys.exit(f"the articles are not at hand: {dev_text} and {SEED} are needed")
    text = dev_text.read_text(encoding="utf-8")
    dev_gold = gold_from_json(DEV / "gold.json", text, "article-b.txt")
    runs.append(("dev article-b", dev_text, dev_gold))
    dev2_text = DEV2 / "article-d.txt"
    text = dev2_text.read_text(encoding="utf-8")
    runs.append(
        ("dev2 article-d", dev2_text, gold_from_json(DEV2 / "gold.json", text, "article-d.txt"))
    )
    text = SEED.read_text(encoding="utf-8")
    runs.append(
        ("article-000", SEED, gold_from_facts(REPO / "facts" / "article-000", text, entity_names))
    )
    for text_file, gold_file in args.article or []:
        path = Path(text_file)
        text = path.read_text(encoding="utf-8")
        runs.append((path.name, path, gold_from_json(Path(gold_file), text, path.name)))
    header = ["article", "system", "claims", "sentences", "speaker", "hedged", "dates", "unseen"]
    rows = []
    for name, path, gold in runs:
        text = path.read_text(encoding="utf-8")
        n = len(sentences(text))
        systems = (("draft", drafted(path, entity_names)), ("baseline", baseline(text)))
        for system, drafts in systems:
            figures = score(gold, drafts, n)
            rows.append([name, system, str(len(gold)), *(_cell(v) for v in figures.values())])
    if args.markdown:
        for row in [header, ["---"] * len(header), *rows]:
            print("| " + " | ".join(" ".join(cell.split()) for cell in row) + " |")
        return 0
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
