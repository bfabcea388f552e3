"""Editing a profile's YAML text in place: new items inserted, changed items rewritten alone.

Round-trip parsing and dumping a whole profile with ruamel costs about 1.5 ms per
publication each way (3 s for 2,000 publications, measured); an import that adds
4,000 items would spend most of its time re-writing lines it does not change. So:

- the file is read with PyYAML's C loader (LibYAML) for the item boundaries and a
  plain copy of the data (`fast_load`);
- every line outside a changed item stays byte for byte as it was;
- a changed item's lines alone go through ruamel's round trip (its comments kept);
- new items are written by `emit`, a small block-style emitter whose strings are
  plain when plainly safe and JSON-quoted otherwise (JSON strings are YAML).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

_RESERVED = re.compile(
    r"^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[\d._]+(?:e[-+]?\d+)?|\.inf|\.nan)$", re.I
)
_COMMENT = re.compile(r"^\s*(#.*)?$")


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return text if _plain(text) else json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> bool:
    """Whether `text` reads back as this same string when written without quotes."""
    if not text or text != text.strip() or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or _RESERVED.match(text):
        return False
    first = text[0]
    return first.isalpha() or first in "(/" or (first.isdigit() and "/" in text)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block YAML lines for dicts, lists and scalars; `indent` is where keys or dashes go.

    A list under a key is passed the key's indent + 2, as in the example profile."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(emit(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {scalar(item) if item != [] else '[]'}")
        return lines
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                inner = emit(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
        return lines
    return [pad + scalar(value)]


@dataclass
class Layout:
    """Where things are in the file (0-based line numbers; `end` is exclusive)."""

    lines: list[str]
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # top-level key -> lines
    # id -> (section, first line, end line, column of its dash); and the keys it has
    items: dict[str, tuple[str, int, int, int]] = field(default_factory=dict)
    keys_of: dict[str, set[str]] = field(default_factory=dict)


def fast_load(text: str, sections: tuple[str, ...], construct: bool = True) -> tuple[Any, Layout]:
    """Plain data (YAML 1.1 as LibYAML reads it; None unless `construct`) and the layout of
    the profile's text. Building the Python objects is the slow half: skip it when only
    the layout is wanted."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None and construct else None
    finally:
        loader.dispose()
    layout = Layout(text.splitlines(keepends=True))
    if not isinstance(node, yaml.MappingNode):
        return data, layout
    pairs = node.value
    for index, (key, value) in enumerate(pairs):
        start = key.start_mark.line
        end = pairs[index + 1][0].start_mark.line if index + 1 < len(pairs) else len(layout.lines)
        layout.keys[str(key.value)] = (start, _trim(layout.lines, start + 1, end))
        if key.value in sections and isinstance(value, yaml.SequenceNode):
            _items(layout, str(key.value), value.value, layout.keys[str(key.value)][1])
    return data, layout


def _items(layout: Layout, section: str, nodes: list[Any], section_end: int) -> None:
    for index, item in enumerate(nodes):
        if not hasattr(item, "value") or not isinstance(item.value, list):
            continue
        ident = next((v.value for k, v in item.value if getattr(k, "value", None) == "id"), None)
        start = item.start_mark.line
        end = nodes[index + 1].start_mark.line if index + 1 < len(nodes) else section_end
        dash = layout.lines[start].find("-")
        if ident is not None and dash >= 0:
            layout.items[str(ident)] = (section, start, _trim(layout.lines, start + 1, end), dash)
            layout.keys_of[str(ident)] = {str(k.value) for k, _ in item.value}


def _trim(lines: list[str], start: int, end: int) -> int:
    """`end` moved up past blank and comment lines (they introduce what follows)."""
    while end > start and _COMMENT.match(lines[end - 1]):
        end -= 1
    return end


def set_value(target: Any, name: str, value: Any) -> None:
    """Set a key of a round-trip mapping; a list is changed element by element, so the
    comments beside its elements stay."""
    old = target.get(name)
    if isinstance(old, list) and isinstance(value, list):
        for i, element in enumerate(value):
            if i < len(old):
                if old[i] != element:
                    old[i] = element
            else:
                old.append(element)
        del old[len(value) :]
    else:
        target[name] = value


def _roundtrip(text: str, first_item: bool, fields: dict[str, Any]) -> str:
    from packet.store.yaml_io import _yaml

    yaml = _yaml()
    yaml.width = 4096  # long lines stay as the person wrote them, not re-wrapped
    data = yaml.load(text)
    target = data[0] if first_item else data["person"]
    for name, value in fields.items():
        if not (first_item is False and name in target):
            set_value(target, name, value)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _shift(text: str, by: int) -> list[str]:
    lines = text.splitlines(keepends=True)
    if by > 0:
        return [(" " * by + line) if line.strip() else line for line in lines]
    return [line[-by:] if line[:-by].strip() == "" else line for line in lines]


@dataclass
class Written:
    """A piece of text the splice wrote, and what it must read back as (for the check)."""

    section: str  # a profile section, or "person"
    text: str
    expected: Any  # the items or fields it must load as; None: a rewritten item, validate it
    item_id: str | None = None


def item_counts(text: str, sections: tuple[str, ...]) -> dict[str, int] | None:
    """Items per section, from LibYAML's event stream (no Python objects built: a tenth
    of the cost of loading); None if the text is not a mapping at the top."""
    import yaml

    counts: dict[str, int] = {}
    stack: list[str] = []  # "map"/"seq" per open collection
    place = 0  # position among the top mapping's children: even = key, odd = value
    key: str | None = None
    current: str | None = None
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        opens = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
        is_node = opens or isinstance(event, yaml.ScalarEvent | yaml.AliasEvent)
        if is_node and len(stack) == 1:
            if place % 2 == 0:
                key = getattr(event, "value", None)
            else:
                is_seq = isinstance(event, yaml.SequenceStartEvent)
                current = key if key in sections and is_seq else None
            place += 1
        elif is_node and len(stack) == 2 and current is not None and stack[1] == "seq":
            counts[current] = counts.get(current, 0) + 1
        if opens:
            stack.append("map" if isinstance(event, yaml.MappingStartEvent) else "seq")
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            if len(stack) == 1:
                current = None  # the section's list (or another value) has ended
        elif isinstance(event, yaml.DocumentStartEvent) and stack:
            return None
    return counts


def splice(
    layout: Layout,
    changed: dict[str, dict[str, Any]],
    added: dict[str, list[dict[str, Any]]],
    person: dict[str, Any],
    sections: tuple[str, ...],
) -> tuple[str, list[Written]]:
    """The file's text with `changed` items given new field values, `added` items appended
    to their sections and `person` fields added where missing; other lines untouched.
    Also returns what was written, so it can be checked without reading the whole file."""
    lines = list(layout.lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, new lines), applied bottom-up
    written: list[Written] = []
    for item_id, fields in changed.items():
        section, start, end, dash = layout.items[item_id]
        if not set(fields) & layout.keys_of[item_id]:
            # Only new keys: written after the item's last line, nothing else touched.
            new = [line + "\n" for line in emit(fields, dash + 2)]
            edits.append((end, end, new))
            written.append(Written(section, "".join(new), fields, item_id))
            continue
        dumped = _roundtrip("".join(lines[start:end]), True, fields)
        edits.append((start, end, _shift(dumped, dash - dumped.find("-"))))
        written.append(Written(section, dumped, None, item_id))
    if person and "person" in layout.keys:
        start, end = layout.keys["person"]
        dumped = _roundtrip("".join(lines[start:end]), False, person)
        edits.append((start, end, dumped.splitlines(keepends=True)))
        written.append(Written("person", dumped, None))
    for section, items in added.items():
        if not items:
            continue
        body = [line + "\n" for line in emit(items, 2)]
        written.append(Written(section, "".join(body), items))
        if section in layout.keys:
            start, end = layout.keys[section]
            last = [v for v in layout.items.values() if v[0] == section]
            dash = last[0][3] if last else 2
            edits.append((end, end, _shift("".join(body), dash - 2)))
        else:
            later = [
                layout.keys[s][0]
                for s in sections[sections.index(section) + 1 :]
                if s in layout.keys
            ]
            at = _trim(lines, 0, min(later)) if later else len(lines)
            gap = ["\n"] if at and lines[at - 1].strip() else []
            edits.append((at, at, [*gap, f"{section}:\n", *body]))
    # Bottom-up, so earlier line numbers stay right; inserts at one place keep their order.
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for _, (start, end, replacement) in ordered:
        lines[start:end] = replacement
    return "".join(lines), written
