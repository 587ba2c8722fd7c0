"""JSON Schemas of the fact files, for validating packs with standard tools."""

from __future__ import annotations

from typing import Any

from belarus_nato_cli.model.types import FactFile, JsonLine

_SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def file_schema() -> dict[str, Any]:
    schema = FactFile.model_json_schema()
    return {"$schema": _SCHEMA_URI, "title": "belarus-nato fact file", **schema}


def line_schema() -> dict[str, Any]:
    """One JSON Lines record: a record of any type with a "type" key naming it."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(JsonLine).json_schema()
    return {"$schema": _SCHEMA_URI, "title": "belarus-nato JSON Lines record", **schema}
