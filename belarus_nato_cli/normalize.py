"""Name normalisation: case, accents, apostrophe and dash styles, spacing."""

from __future__ import annotations

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


def strip_possessive(name: str) -> str:
    """'belarus's' -> 'belarus'; "states'" -> 'states'."""
    if name.endswith("'s"):
        return name[:-2]
    if name.endswith("'"):
        return name[:-1]
    return name
