"""actor: what the facts hold about a person or body (the profile of index/profiles.py, which
`ask` also answers "who is X" from)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.options import output_options
from belarus_nato_cli.errors import UnknownId
from belarus_nato_cli.index.profiles import profile
from belarus_nato_cli.output.emit import emit
from belarus_nato_cli.output.formats import Listing, title_groups
from belarus_nato_cli.output.settings import OutputSettings
from belarus_nato_cli.record import join

if TYPE_CHECKING:
    from belarus_nato_cli.output.console import Screen

Profile = dict[str, Any]


def title_cell(t: dict[str, Any]) -> str:
    """One title as a cell: the title, its source and date, and what disputes it."""
    where = join([t["source"], t["date"]])
    disputed = f" [disputed by {t['disputed']['statement']}]" if t["disputed"] else ""
    return f"{t['title']} ({where}){disputed}"


def titles_cell(p: Profile) -> str:
    """Each title a source gives, once per source, ` | `-separated."""
    return join((title_cell(t) for t, _ in title_groups(p["titles"])), " | ")


PROFILE_FIELDS: dict[str, Callable[[Profile], str]] = {
    "id": lambda p: str(p["id"]),
    "name": lambda p: str(p["name"]),
    "kind": lambda p: str(p["kind"]),
    "aliases": lambda p: join(p["aliases"], " | "),
    "description": lambda p: p["description"] or "",
    "qid": lambda p: p["qid"] or "",
    "titles": titles_cell,
    "statements_spoken": lambda p: str(p["statements_spoken"]),
    "statements_named": lambda p: str(p["statements_named"]),
}
PROFILE_DEFAULT = ["id", "kind", "name", "qid", "statements_spoken", "description"]


def _draw(profiles: Iterable[Profile], screen: Screen) -> int:
    from belarus_nato_cli.output.profile_view import write_profiles

    return write_profiles(profiles, screen)


@click.command(no_args_is_help=True)
@click.argument("names", nargs=-1, required=True)
@output_options(fields=PROFILE_FIELDS, terminal_default="text", piped_default="text")
@click.pass_obj
def actor(app: App, names: tuple[str, ...], output: OutputSettings) -> int:
    """What the facts hold about a person or body, titles included.

    Name, kind, aliases, description and Wikidata id from the curated record; the titles each
    source gives them, the disputed ones marked, and by what; and how many statements they
    make and are named in.

    NAME is an id, name or alias (a unique prefix is enough), as in query --actor.

    \b
    Examples:
      belarus-nato actor Revenko
      belarus-nato actor Lukashenko NATO --format json
    """
    store = app.store()
    ids = [store.resolve("actor", name) for name in names]  # every name first: no half-write
    profiles = []
    for eid in dict.fromkeys(ids):
        found = profile(store, eid)
        if found is None:  # resolve found it, so the index changed under us
            raise UnknownId(f"unknown entity id {eid!r}")
        profiles.append(found)
    listing = Listing(profiles, PROFILE_FIELDS, PROFILE_DEFAULT, "actor", _draw)
    emit(listing, output, app.env)
    return exitcodes.OK
