"""Applying a plan to the profile's YAML data in place, so comments and hand edits stay.

`data` is what the round-trip loader returned (ruamel's commented maps and lists, or
plain dicts for a new profile). Existing items are changed key by key and lists
element by element, never rebuilt, so a comment next to an author survives an import.
"""

from __future__ import annotations

from collections.abc import MutableMapping, MutableSequence
from typing import Any

from packet.model.profile import STORED_LISTS
from packet.sources.normalise import item_model
from packet.sources.plan import ImportPlan

DATE_FIELDS = frozenset({"date", "start", "end"})


def yaml_value(value: Any, name: str = "") -> Any:
    """Values as a person would write them: `date: 2025`, `amount: 1100`, not '2025', 1100.0
    (a volume "2025" stays text: only dates are years)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if name in DATE_FIELDS and isinstance(value, str) and len(value) == 4 and value.isdigit():
        return int(value)
    return value


def ordered(section: str, item: dict[str, Any]) -> dict[str, Any]:
    """The item's keys in the model's order (id first, tags last), as the example profile."""
    names = [n for n in item_model(section).model_fields if n not in {"id", "tags"}]
    order = ["id", *names, "tags"]
    keys = sorted(item, key=lambda k: order.index(k) if k in order else len(order))
    return {k: yaml_value(item[k], k) for k in keys}


def _set(target: MutableMapping[str, Any], name: str, value: Any) -> None:
    old = target.get(name)
    if isinstance(old, MutableSequence) and isinstance(value, list):
        for i, element in enumerate(value):
            if i < len(old):
                if old[i] != element:
                    old[i] = element
            else:
                old.append(element)
        del old[len(value) :]
    else:
        target[name] = yaml_value(value, name)


def _section(data: MutableMapping[str, Any], section: str) -> MutableSequence[Any]:
    items = data.get(section)
    if isinstance(items, MutableSequence):
        return items
    # A new section goes where the model's order puts it, after the last section before it.
    later = STORED_LISTS[STORED_LISTS.index(section) + 1 :]
    position = next((i for i, k in enumerate(data) if k in later), len(data))
    insert = getattr(data, "insert", None)
    if insert is not None:
        insert(position, section, [])
    else:
        data[section] = []
    result: MutableSequence[Any] = data[section]
    return result


def apply_plan(plan: ImportPlan, data: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
    """The profile data with the plan's additions and filled fields; `data` is changed in place."""
    if data is None:
        data = {}
    person = data.get("person")
    if not isinstance(person, MutableMapping):
        person = {}
        data["person"] = person
    for name, value in plan.person.items():
        if name not in person:
            person[name] = value
    by_id: dict[str, MutableMapping[str, Any]] = {}
    for section in {m.section for m in plan.merged}:
        for item in data.get(section) or []:
            if isinstance(item, MutableMapping) and "id" in item:
                by_id[str(item["id"])] = item
    for merged in plan.merged:
        target = by_id.get(merged.id)
        if target is None:
            raise KeyError(f"{merged.section} item '{merged.id}' is not in the profile")
        for name, value in merged.filled.items():
            _set(target, name, value)
    for added in plan.added:
        _section(data, added.section).append(ordered(added.section, added.item))
    # Keep sections in the model's order when a new profile is built from nothing.
    if plan.new_profile and type(data) is dict:
        data = {k: data[k] for k in ("person", *STORED_LISTS) if k in data}
    return data


def plan_edits(
    plan: ImportPlan,
) -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The plan as edits of the file: (item id -> {field: new value}, section -> new items
    in YAML order, person fields to add)."""
    changed = {m.id: {k: yaml_value(v, k) for k, v in m.filled.items()} for m in plan.merged}
    added: dict[str, list[dict[str, Any]]] = {}
    for entry in plan.added:
        added.setdefault(entry.section, []).append(ordered(entry.section, entry.item))
    return changed, added, dict(plan.person)
