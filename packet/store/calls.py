"""Call specs: the built-in library, the workspace's own, and `extends`.

A workspace call may start from another (`extends: erc-stg`) and write only
what differs: mappings merge key by key, lists of objects with an `id`
(documents, prompts, attachments) merge by id, other values are replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from packet.errors import Problem, UserError
from packet.model.call import CallSpec
from packet.paths import MAX_YAML_BYTES, read_user_bytes
from packet.store.validate import validate
from packet.store.yaml_io import load_yaml, position, to_plain

BUILTIN_DIR = Path(str(resources.files("packet") / "calls"))
_KEYED_LISTS = ("documents", "prompts", "attachments")


def merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(over, list) and _all_keyed(base) and _all_keyed(over):
        merged = {item["id"]: item for item in base}
        order = [item["id"] for item in base]
        for item in over:
            if item["id"] in merged:
                merged[item["id"]] = merge(merged[item["id"]], item)
            else:
                merged[item["id"]] = item
                order.append(item["id"])
        return [merged[i] for i in order]
    return over


def _all_keyed(items: list[Any]) -> bool:
    return all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items)


class CallSource:
    """Where a call's YAML lives, and the raw data once read."""

    def __init__(self, call_id: str, path: Path, shown: str, builtin: bool) -> None:
        self.id = call_id
        self.path = path
        self.shown = shown
        self.builtin = builtin


def call_chain(
    sources: dict[str, CallSource], call_id: str, check: Callable[[Path], object] | None = None
) -> list[Path]:
    """The call's file and the files it extends, nearest first (read without parsing YAML).

    `check` is called with each path before it is read (the workspace's containment)."""
    import re

    chain: list[Path] = []
    current: str | None = call_id
    while current in sources and sources[current].path not in chain:
        path = sources[current].path
        if check is not None:
            check(path)
        chain.append(path)
        text = read_user_bytes(path, sources[current].shown, MAX_YAML_BYTES, "call")
        match = re.search(
            r"^extends:\s*['\"]?([A-Za-z0-9._-]+)", text.decode("utf-8", "replace"), re.M
        )
        current = match.group(1) if match else None
    return chain


def resolve_call(
    call_id: str, sources: dict[str, CallSource], chain: tuple[str, ...] = ()
) -> tuple[CallSpec, dict[str, Any]]:
    """Load a call, following `extends`; returns the spec and its merged plain data."""
    source = sources[call_id]
    data = load_yaml(source.path, source.shown)
    if not isinstance(data, dict):
        validate(CallSpec, data, source.shown)
    problems: list[Problem] = []
    declared = data.get("id")
    if isinstance(declared, str) and declared != call_id:
        line, column = position(data, ("id",))
        problems.append(
            Problem(
                f"id '{declared}' differs from the file name '{call_id}'",
                file=source.shown,
                line=line,
                column=column,
                field="id",
                hint=f"Rename the file to {declared}.yaml or set id: {call_id}.",
            )
        )
    plain = to_plain(data)
    parent_id = plain.get("extends")
    if parent_id is not None:
        line, column = position(data, ("extends",))
        if parent_id in (*chain, call_id):
            loop = " -> ".join((*chain, call_id, parent_id))
            raise UserError(
                f"{source.shown}: 'extends' makes a loop",
                [
                    Problem(
                        f"calls extend each other in a circle: {loop}",
                        file=source.shown,
                        line=line,
                        column=column,
                        field="extends",
                        hint="Let one of them stand on its own.",
                    )
                ],
            )
        if parent_id not in sources:
            known = ", ".join(sorted(sources))
            raise UserError(
                f"{source.shown}: unknown call '{parent_id}' in 'extends'",
                [
                    Problem(
                        f"no call named '{parent_id}'",
                        file=source.shown,
                        line=line,
                        column=column,
                        field="extends",
                        hint=f"Known calls: {known}.",
                    )
                ],
            )
        _, parent_plain = resolve_call(parent_id, sources, (*chain, call_id))
        parent_plain = {k: v for k, v in parent_plain.items() if k not in ("id", "extends")}
        plain = merge(parent_plain, plain)
        # Validate the merged spec, but point errors at the child's own file.
        spec = validate(CallSpec, plain, source.shown, extra=problems, lines=data)
        return spec, plain
    spec = validate(CallSpec, data, source.shown, extra=problems)
    return spec, plain
