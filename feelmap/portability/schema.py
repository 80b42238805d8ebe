"""The JSON Schema of the export, built from the registry and kept in the repository as
schema/export-v{VERSION}.schema.json (a test checks the file is current; refresh it with
`feelmap exportschema`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .registry import FORMAT, KINDS, VERSION, schema_for

SCHEMA_PATH = Path(__file__).parent / "schema" / f"export-v{VERSION}.schema.json"


def build_schema() -> dict[str, Any]:
    from . import kinds as _kinds  # noqa: F401 - registers today's kinds (needs Django set up)

    defs: dict[str, Any] = {}
    data_props: dict[str, Any] = {}
    for kind in KINDS:
        record = schema_for(kind).model_json_schema(ref_template="#/$defs/{model}")
        defs.update(record.pop("$defs", {}))
        record["description"] = f"One record of {kind.label.lower()}."
        defs[f"{kind.name}_record"] = record
        data_props[kind.name] = {"type": "array", "items": {"$ref": f"#/$defs/{kind.name}_record"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://feelmap.invalid/schema/export-v{VERSION}.schema.json",
        "title": f"Feelmap export, format version {VERSION}",
        "description": (
            "Everything one person keeps in Feelmap. Times are ISO 8601 with a time zone; ids are "
            "UUIDs that stay the same across exports, so importing a file twice adds nothing. "
            "`counts` comes last and must match the records, so a file cut short is recognised. "
            "A kind missing from `data` is simply not imported (older files lack newer kinds)."
        ),
        "type": "object",
        "required": ["format", "version", "exported_at", "person", "data", "counts"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"type": "integer", "minimum": 1, "maximum": VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "person": {
                "type": "object",
                "required": ["id", "username"],
                "additionalProperties": False,
                "properties": {"id": {"type": "string", "format": "uuid"},
                               "username": {"type": "string"}},
            },
            "data": {"type": "object", "additionalProperties": False, "properties": data_props},
            "counts": {
                "type": "object",
                "additionalProperties": False,
                "properties": {k.name: {"type": "integer", "minimum": 0} for k in KINDS},
            },
        },
        "$defs": defs,
    }
