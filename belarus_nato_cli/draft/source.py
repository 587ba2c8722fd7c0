"""The article file: read as UTF-8 text (bad input is a BadInput error) and described by a
source record: the given metadata, the file name, its sha256 and its length."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from belarus_nato_cli.errors import BadInput

MAX_BYTES = 32 * 1024 * 1024  # a plain-text article, not a corpus
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class SourceMeta:
    source_id: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Article:
    path: str
    text: str
    sha256: str

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path)


def read_article(path: str) -> Article:
    """The article's text; a missing, unreadable, binary, non-UTF-8 or empty file is a
    BadInput with one line saying which."""
    try:
        if os.path.isdir(path):
            raise BadInput(f"{path} is a folder, not a text file")
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise BadInput(f"{path} is too large for an article ({size / 2**20:.0f} MiB)")
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise BadInput(f"no such file: {path}") from None
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise BadInput(f"{path} is a binary file, not plain text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"{path} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at {exc.start})"
        ) from None
    if not text.strip():
        raise BadInput(f"{path} is empty: there is nothing to draft")
    if _mostly_controls(text):
        raise BadInput(f"{path} is a binary file, not plain text")
    return Article(path, text, hashlib.sha256(raw).hexdigest())


def _mostly_controls(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    return controls > len(sample) // 20


def source_id_for(article: Article, meta: SourceMeta) -> str:
    """The given id, else one made from the file name ("Article B.txt" -> "article-b")."""
    if meta.source_id is not None:
        if not _ID.match(meta.source_id) or len(meta.source_id) > 80:
            raise BadInput(
                f"source id {meta.source_id!r} must be lower-case letters, digits, '.', '_' "
                "or '-' (at most 80)"
            )
        return meta.source_id
    stem = os.path.splitext(article.file_name)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_stem.casefold()).strip("-._")[:60]
    return slug or "article"


def source_record(article: Article, meta: SourceMeta, source_id: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": source_id}
    for key in ("title", "publisher", "url", "published"):
        value = getattr(meta, key)
        if value:
            record[key] = value
    record |= {
        "language": meta.language,
        "file": article.file_name,
        "sha256": article.sha256,
        "length": len(article.text),
        "notes": ["Drafted by belarus-nato draft; check the metadata against the article."],
    }
    return record
