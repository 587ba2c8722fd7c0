"""Plain-text helpers shared by validation, tests and benchmarks."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by white space and a capital letter or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"“‘(])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a plain-prose text (trailing space excluded)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENTENCE_END.finditer(para.group()):
            end = para.start() + m.start()
            spans.append((start, end))
            start = para.start() + m.end()
        end = para.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
