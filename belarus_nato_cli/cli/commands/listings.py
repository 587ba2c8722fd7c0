"""actors, speakers, topics, sources: the catalogues, each with statement counts."""

from __future__ import annotations

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.options import output_options
from belarus_nato_cli.output.emit import choose_format, emit
from belarus_nato_cli.output.formats import Listing, simple_fields

ENTITY_FIELDS = ["id", "kind", "name", "statements"]
SOURCE_FIELDS = [
    "id",
    "title",
    "publisher",
    "published",
    "language",
    "url",
    "reliability",
    "notes",
    "statements",
]


def _print(
    app: App, what: str, fields: list[str], default: list[str], o: dict[str, str | None]
) -> int:
    store = app.store()
    records = getattr(store, what)()
    fmt = choose_format(o["fmt"], app.env.stdout_isatty)
    listing = Listing(records, simple_fields(fields), default, what)
    n = emit(listing, fmt, o["fields"], o["color"] or "auto", app.env, store)
    return exitcodes.OK if n else exitcodes.EMPTY


@click.command()
@output_options
@click.pass_obj
def actors(app: App, /, **o: str | None) -> int:
    """Entities (states, alliances, groups, people) with their number of statements."""
    return _print(app, "actors", ENTITY_FIELDS, ENTITY_FIELDS, o)


@click.command()
@output_options
@click.pass_obj
def speakers(app: App, /, **o: str | None) -> int:
    """Entities that make statements, with their number of statements."""
    return _print(app, "speakers", ENTITY_FIELDS, ENTITY_FIELDS, o)


@click.command()
@output_options
@click.pass_obj
def topics(app: App, /, **o: str | None) -> int:
    """Topics with their number of statements (sub-topics included)."""
    fields = ["id", "label", "parent", "statements"]
    return _print(app, "topics", fields, fields, o)


@click.command()
@output_options
@click.pass_obj
def sources(app: App, /, **o: str | None) -> int:
    """Sources with publisher, date, reliability note and number of statements."""
    default = ["id", "published", "publisher", "statements", "title", "reliability"]
    return _print(app, "sources", SOURCE_FIELDS, default, o)
