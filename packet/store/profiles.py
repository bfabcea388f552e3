"""Loading a profile store and checking what the schema alone cannot.

Parsing YAML with line tracking is the slowest step of a small build, so a
profile that validated once is cached as JSON keyed by the file's bytes; a
changed file misses the cache and is parsed (and its errors located) again.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from packet.cache import Cache, content_key
from packet.errors import Problem
from packet.model.profile import SECTIONS, STORED_LISTS, Profile
from packet.paths import MAX_PROFILE_BYTES
from packet.store.fast_yaml import load_fast
from packet.store.validate import validate
from packet.store.yaml_io import load_yaml, position, read_text


def duplicate_ids(data: Any, shown: str) -> list[Problem]:
    """Ids must be unique across the whole profile, since applications refer to them alone."""
    if not isinstance(data, dict):
        return []
    first: dict[str, tuple[str, int | None]] = {}
    problems: list[Problem] = []
    for section in STORED_LISTS:
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
                        file=shown,
                        line=line,
                        column=column,
                        field=f"{section}[{index}].id",
                        hint="Give each item its own id; applications refer to items by id.",
                    )
                )
            else:
                first[item_id] = (section, line)
    return problems


def load_profile(path: Path, shown: str, cache: Cache | None = None) -> Profile:
    text = read_text(path, shown, MAX_PROFILE_BYTES)
    key = content_key(text)
    if cache is not None and (hit := cache.get(key)) is not None:
        with contextlib.suppress(ValueError):  # damaged: parse the YAML
            return Profile.model_validate_json(hit)
    profile = _valid_fast(text)
    if profile is None:  # read again with lines, to say where each problem is
        data = load_yaml(path, shown, MAX_PROFILE_BYTES)
        profile = validate(Profile, data, shown, extra=duplicate_ids(data, shown))
    if cache is not None:
        cache.put(key, profile.model_dump_json())
    return profile


def _valid_fast(text: str) -> Profile | None:
    """The profile read with libyaml (see `fast_yaml`), or None if it has any problem."""
    data = load_fast(text)
    if not isinstance(data, dict):
        return None
    try:
        profile = Profile.model_validate(data)
    except (ValidationError, TypeError, ValueError):
        return None
    ids = [item.id for name in SECTIONS for item in profile.section(name)]
    ids += [person.id for person in profile.coauthors]
    return profile if len(ids) == len(set(ids)) else None
