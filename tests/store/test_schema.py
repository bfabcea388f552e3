"""The committed JSON Schemas (for editor autocompletion) match the models."""

from __future__ import annotations

from pathlib import Path

from packet.store.schemas import MODELS, schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def test_committed_schemas_are_current():
    for name in MODELS:
        path = SCHEMA_DIR / f"{name}.schema.json"
        assert path.is_file(), f"{path} is missing: run `packet schema --out schema`"
        assert path.read_text() == schema_text(name), (
            f"{path} is stale: run `packet schema --out schema` and commit it"
        )


def test_schema_command_writes_files(tmp_path: Path, run):
    result = run("schema", "--out", str(tmp_path))
    assert result.code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "application.schema.json", "call.schema.json", "profile.schema.json"]
