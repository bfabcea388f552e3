"""Loading a profile store and checking what the schema alone cannot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packet.errors import Problem
from packet.model.profile import SECTIONS, Profile
from packet.store.validate import validate
from packet.store.yaml_io import load_yaml, position


def duplicate_ids(data: Any, shown: str) -> list[Problem]:
    """Ids must be unique across the whole profile, since applications refer to them alone."""
    if not isinstance(data, dict):
        return []
    first: dict[str, tuple[str, int | None]] = {}
    problems: list[Problem] = []
    for section in SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            item_id = item["id"]
            line, column = position(data, (section, index, "id"))
            if item_id in first:
                where, at = first[item_id]
                problems.append(
                    Problem(
                        f"duplicate id '{item_id}' (first used in {where} at line {at})",
                        file=shown, line=line, column=column, field=f"{section}[{index}].id",
                        hint="Give each item its own id; applications refer to items by id.",
                    )
                )
            else:
                first[item_id] = (section, line)
    return problems


def load_profile(path: Path, shown: str) -> tuple[Profile, Any]:
    """The validated profile and the raw round-trip data (kept for saving without loss)."""
    data = load_yaml(path, shown)
    profile = validate(Profile, data, shown, extra=duplicate_ids(data, shown))
    return profile, data
