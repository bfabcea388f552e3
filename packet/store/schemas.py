"""JSON Schemas of the YAML files, so editors can complete and check them."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from packet.model import Application, CallSpec, Profile
from packet.store.yaml_io import write_atomic

MODELS: dict[str, type[BaseModel]] = {
    "profile": Profile,
    "call": CallSpec,
    "application": Application,
}


def schema_text(name: str) -> str:
    schema = MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"packet/{name}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name in MODELS:
        path = folder / f"{name}.schema.json"
        write_atomic(path, schema_text(name))
        written.append(path)
    return written
