"""draft: turn a plain-text article into a fact pack of draft statements for review."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.errors import BadInput
from belarus_nato_cli.text import counted

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


@click.command(no_args_is_help=True)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--source-id", metavar="ID", help="The source's id (default: from the file name).")
@click.option("--publisher", metavar="P", help="Who published the article.")
@click.option("--published", metavar="EDTF", help="When (EDTF: 2023-08-28, 2023-08, 2023?).")
@click.option("--url", metavar="URL", help="Where the article was found.")
@click.option("--title", metavar="T", help="The article's title.")
@click.option("--language", metavar="L", default="en", show_default=True, help="Its language.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "jsonl"]),
    default="toml",
    show_default=True,
    help="The pack's format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the pack to this file instead of stdout.",
)
@click.option("--force", is_flag=True, help="With --out: replace a file that exists.")
@click.pass_obj
def draft(
    app: App,
    file: Path,
    source_id: str | None,
    publisher: str | None,
    published: str | None,
    url: str | None,
    title: str | None,
    language: str,
    fmt: str,
    out: Path | None,
    force: bool,
) -> int:
    """Draft a fact pack from a plain-text article, for review.

    The article is UTF-8 text; a curator reviews the draft.

    One draft statement per reporting act (the article's own voice where a sentence
    attributes nothing), with speaker and title, attribution and cue, hedges, the dates the
    article states, actors, topics and short evidence phrases with offsets. Names resolve
    through the facts' alias tables (the embedded facts and any --facts packs); people not
    yet known become draft entities. Every statement is marked draft = true.

    \b
    Examples:
      belarus-nato draft article.txt --published 2024-02-21 --out article.toml
      belarus-nato validate article.toml --source-dir .
      belarus-nato --facts article.toml query --source article
    """
    from belarus_nato_cli.draft import SourceMeta, draft_pack, to_jsonl, to_toml
    from belarus_nato_cli.edtf import edtf_bounds

    if published is not None:
        edtf_bounds(published)  # a malformed date is a usage error (BadDate)
    if not _LANGUAGE.match(language):
        raise BadInput(f"--language {language!r} is not a language tag such as 'en' or 'de'")
    if out is not None and out.exists() and not force:
        raise BadInput(f"{out} exists; use --force to replace it")
    meta = SourceMeta(source_id, publisher, published, url, title, language)
    pack = draft_pack(str(file), meta, app.packs.paths())
    chunks = to_toml(pack) if fmt == "toml" else to_jsonl(pack)
    if out is None:
        for chunk in chunks:
            app.env.stdout.write(chunk)
    else:
        _write_whole(out, "".join(chunks))
    drafted = len(pack.statements)
    where = f" to {out}" if out is not None else ""
    app.env.note(
        f"drafted {counted(drafted, 'statement')} and "
        f"{counted(len(pack.entities), 'new entity', 'new entities')}{where}; "
        "review them, then run validate"
    )
    return exitcodes.OK


def _write_whole(path: Path, content: str) -> None:
    """Write to a temporary file beside the target and rename it into place: a failure
    leaves no half-written pack."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise BadInput(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError):
            raise BadInput(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
