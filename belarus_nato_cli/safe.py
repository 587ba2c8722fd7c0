"""Making data inert: no control sequence from the data reaches a terminal or a spreadsheet."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional formatting characters (which can reorder
# what a reader sees, as in "Trojan source" attacks).
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_JSON_UNSAFE = "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def collapse(text: str) -> str:
    """Runs of white space (tabs, newlines, line separators) become one space."""
    return " ".join(text.split())


def inert(text: str) -> str:
    """One line of text, safe to print on a terminal: controls shown as escapes."""
    if text.isascii() and text.isprintable():
        # the common case (called for every cell of a large listing): printable ASCII has
        # no controls and no white space but spaces, so only runs of spaces can change
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
        return collapse(text)
    text = collapse(text)
    if text.isascii() and text.isprintable():
        return text
    return re.sub(_UNSAFE, _escape, text)


def inert_block(text: str) -> str:
    """Like `inert`, but keeps line breaks (for multi-line views)."""
    return "\n".join(inert(line) for line in text.split("\n"))


def json_inert(encoded: str) -> str:
    """Escape, inside already-encoded JSON, the characters json.dumps leaves raw that a
    terminal may act on. The result is still valid JSON and decodes to the same strings."""
    if encoded.isascii() and "\x7f" not in encoded:
        return encoded
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", encoded)


def csv_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a leading ' makes the cell plain text."""
    return "'" + text if text.startswith(_FORMULA_START) else text
