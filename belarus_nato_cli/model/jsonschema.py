"""JSON Schemas of the fact files, for validating packs with standard tools."""

from __future__ import annotations

import copy
from typing import Any

from belarus_nato_cli.model.types import RECORD_TYPES, FactFile

_SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def file_schema() -> dict[str, Any]:
    schema = FactFile.model_json_schema()
    return {"$schema": _SCHEMA_URI, "title": "belarus-nato fact file", **schema}


def line_schema() -> dict[str, Any]:
    """One JSON Lines record: a record of any type with a "type" key naming it."""
    base = FactFile.model_json_schema()
    defs = base.get("$defs", {})
    variants = []
    for type_name, model in RECORD_TYPES.items():
        record = copy.deepcopy(defs[model.__name__])
        record["properties"] = {**record["properties"], "type": {"const": type_name}}
        record["required"] = ["type", *record.get("required", [])]
        variants.append(record)
    return {
        "$schema": _SCHEMA_URI,
        "title": "belarus-nato JSON Lines record",
        "oneOf": variants,
        "$defs": defs,
    }
