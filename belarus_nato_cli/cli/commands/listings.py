"""actors, speakers, topics, sources: the catalogues, each with statement counts."""

from __future__ import annotations

from collections.abc import Iterable

import click

from belarus_nato_cli import exitcodes
from belarus_nato_cli.cli.app import App
from belarus_nato_cli.cli.options import output_options
from belarus_nato_cli.output.emit import emit
from belarus_nato_cli.output.formats import Listing, Row, simple_fields
from belarus_nato_cli.output.settings import OutputSettings

ENTITY_FIELDS = ["id", "kind", "name", "statements", "description"]
ENTITY_DEFAULT = ["id", "kind", "name", "statements"]
TOPIC_FIELDS = ["id", "label", "parent", "statements"]
# each catalogue's --fields (for completion too)
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
    app: App,
    records: Iterable[Row],
    kind: str,
    fields: list[str],
    default: list[str],
    out: OutputSettings,
) -> int:
    listing = Listing(records, simple_fields(fields), default, kind)
    return exitcodes.OK if emit(listing, out, app.env) else exitcodes.EMPTY


@click.command()
@output_options(fields=ENTITY_FIELDS)
@click.pass_obj
def actors(app: App, output: OutputSettings) -> int:
    """Entities (states, alliances, groups, people), with counts.

    Each with the number of statements it takes part in.
    """
    return _print(app, app.store().actors(), "actors", ENTITY_FIELDS, ENTITY_DEFAULT, output)


@click.command()
@output_options(fields=ENTITY_FIELDS)
@click.pass_obj
def speakers(app: App, output: OutputSettings) -> int:
    """Entities that make statements, with their counts."""
    return _print(app, app.store().speakers(), "speakers", ENTITY_FIELDS, ENTITY_DEFAULT, output)


@click.command()
@output_options(fields=TOPIC_FIELDS)
@click.pass_obj
def topics(app: App, output: OutputSettings) -> int:
    """Topics with their counts (sub-topics included)."""
    return _print(app, app.store().topics(), "topics", TOPIC_FIELDS, TOPIC_FIELDS, output)


@click.command()
@output_options(fields=SOURCE_FIELDS)
@click.pass_obj
def sources(app: App, output: OutputSettings) -> int:
    """Sources: publisher, date, reliability note, statement count."""
    default = ["id", "published", "publisher", "statements", "title", "reliability"]
    return _print(app, app.store().sources(), "sources", SOURCE_FIELDS, default, output)
