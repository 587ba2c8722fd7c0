"""Generate a synthetic fact pack of N statements with realistic shapes (JSON Lines).

A few thousand entities and a few hundred topics with skewed (Zipf-like) frequencies, partial
dates over decades (years, months, days, open intervals, undated), speakers and titles,
evidence with locators, and a sprinkling of links. Deterministic for a given N and seed.

    python bench/synth.py N OUT_DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ENTITIES = 3000
TOPICS = 300
SOURCES = 200
VOCABULARY = 8000
KINDS = ["person", "state", "government", "alliance", "organisation", "group", "region"]
ATTRIBUTIONS = [
    "direct_quote",
    "indirect_speech",
    "official_announcement",
    "media_report",
    "author_assertion",
]
ROLES = ["subject", "object", "partner", "counterpart", "target", "location", "mentioned"]
SYLLABLES = "ka ro mi ne tu sa vel dor an ib ur os pel gri tal zen mor vis dra lu".split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def zipf_index(rng: random.Random, n: int, s: float = 1.1) -> int:
    # inverse-CDF of a truncated power law: a few ids take most of the mass
    u = rng.random()
    return min(n - 1, int(n * u**s * u**2))


def date(rng: random.Random) -> str | None:
    r = rng.random()
    if r < 0.25:
        return None
    year = rng.randint(1960, 2025)
    if r < 0.45:
        return f"{year}"
    month = rng.randint(1, 12)
    if r < 0.7:
        return f"{year}-{month:02d}"
    if r < 0.9:
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    return f"{year}-{month:02d}/.."


def vocabulary(seed: int = 1) -> list[str]:
    """The pack's words, most frequent first."""
    rng = random.Random(seed)
    return list(dict.fromkeys(word(rng) for _ in range(VOCABULARY * 2)))[:VOCABULARY]


def generate(n: int, out: Path, seed: int = 1, files: int = 1) -> tuple[Path, Path]:
    """The pack: sources, entities and topics in 00-base.jsonl, the statements in
    10-statements.jsonl, or spread evenly over `files` files 10-statements-000.jsonl, ..."""
    vocab = vocabulary(seed)
    rng = random.Random(seed + 1)
    out.mkdir(parents=True, exist_ok=True)
    base = out / "00-base.jsonl"
    with base.open("w", encoding="utf-8") as fh:
        for i in range(SOURCES):
            fh.write(
                json.dumps(
                    {
                        "type": "source",
                        "id": f"src-{i}",
                        "title": f"Source {i}",
                        "language": "en",
                        "published": f"{rng.randint(1990, 2025)}",
                    }
                )
                + "\n"
            )
        for i in range(ENTITIES):
            name = f"{word(rng).title()} {word(rng).title()}"
            fh.write(
                json.dumps(
                    {
                        "type": "entity",
                        "id": f"ent-{i}",
                        "kind": rng.choice(KINDS),
                        "name": name,
                        "aliases": [word(rng).title()],
                    }
                )
                + "\n"
            )
        for i in range(TOPICS):
            topic = {
                "type": "topic",
                "id": f"top-{i}",
                "label": f"{word(rng)} {word(rng)}",
                "aliases": [word(rng)],
            }
            if i >= 30:
                topic["parent"] = f"top-{rng.randrange(30)}"
            fh.write(json.dumps(topic) + "\n")
    names = [out / "10-statements.jsonl"]
    if files > 1:
        names = [out / f"10-statements-{k:03d}.jsonl" for k in range(files)]
    handles = [name.open("w", encoding="utf-8") for name in names]
    per_file = -(-n // len(names))
    for i in range(n):
        fh = handles[i // per_file]
        words = [vocab[zipf_index(rng, VOCABULARY, 0.6)] for _ in range(rng.randint(10, 24))]
        st: dict[str, object] = {
            "type": "statement",
            "id": f"st-{i:07d}",
            "text": " ".join(words).capitalize() + ".",
            "attribution": rng.choice(ATTRIBUTIONS),
            "certainty": "certain",
            "actors": [
                {"entity": f"ent-{zipf_index(rng, ENTITIES)}", "role": rng.choice(ROLES)}
                for _ in range(rng.randint(1, 3))
            ],
            "topics": sorted({f"top-{zipf_index(rng, TOPICS)}" for _ in range(rng.randint(1, 3))}),
            "evidence": [
                {
                    "source": f"src-{zipf_index(rng, SOURCES)}",
                    "locator": f"para {rng.randint(1, 40)}",
                    "quote": " ".join(words[2:7]),
                }
            ],
        }
        if rng.random() < 0.7:
            st["speaker"] = f"ent-{zipf_index(rng, ENTITIES)}"
            st["speaker_title"] = f"{word(rng)} minister"
        if rng.random() < 0.15:
            st["certainty"] = "possible"
            st["hedges"] = ["reportedly"]
        about = date(rng)
        if about:
            st["about"] = about
        if i > 10 and rng.random() < 0.01:
            st["links"] = [
                {
                    "kind": rng.choice(["corroborates", "contradicts", "context"]),
                    "target": f"st-{rng.randrange(i):07d}",
                    "reason": "synthetic",
                }
            ]
        fh.write(json.dumps(st) + "\n")
    for handle in handles:
        handle.close()
    return base, names[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=1, help="spread the statements over these")
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.files)


if __name__ == "__main__":
    main()
