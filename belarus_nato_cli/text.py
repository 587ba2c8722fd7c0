"""Plain-text rules in one place: folding names for matching, making data inert for
terminals and spreadsheets, collapsing white space, and splitting prose into sentences."""

from __future__ import annotations

import re

from belarus_nato_cli.errors import BadInput

# -- names ----------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans(
    {c: "'" for c in "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\uff07"}
    | {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"}
)


def norm(text: str) -> str:
    """Fold a name for matching: 'Minsk’s' and 'minsk's' and 'MINSK'S' are equal."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        import unicodedata

        text = unicodedata.normalize("NFKD", text)
        # accents go, and so do invisible format characters (bidi marks, zero-width joiners)
        text = "".join(
            c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
        )
    return " ".join(text.casefold().split())


def publisher_base(publisher: str) -> str:
    """A publisher without its edition or note: 'TASS (English edition)' -> 'TASS'."""
    base = publisher.split(" (", 1)[0].strip()
    return base or publisher


def strip_possessive(name: str) -> str:
    """'belarus's' -> 'belarus'; "states'" -> 'states'."""
    if name.endswith("'s"):
        return name[:-2]
    if name.endswith("'"):
        return name[:-1]
    return name


def marked_draft(text: str, draft: bool) -> str:
    """A statement's text as listings show it: drafts say so."""
    return f"[draft] {text}" if draft else text


# -- inert output ---------------------------------------------------------------------------

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


# -- prose ----------------------------------------------------------------------------------

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


# -- input ----------------------------------------------------------------------------------


def shorten(text: str, width: int = 60) -> str:
    """A value as an error message quotes it: at most `width` characters."""
    return text if len(text) <= width else text[:width] + "..."


def require_utf8(value: str, what: str) -> str:
    """Reject text that came from bytes that are not UTF-8 (Python keeps them as surrogates,
    which SQLite and the output could not encode)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        raise BadInput(f"{what} '{shorten(shown)}' is not valid UTF-8 text") from None
    return value


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 source', '3 sources', '2 entities' (`plural` where adding s is wrong)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
