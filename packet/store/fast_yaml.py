"""Reading YAML fast: libyaml's C parser, with YAML 1.2's core schema like the round-trip one.

ruamel's round-trip loader keeps every line and comment, which error messages
and saving need, and costs about 14 times what libyaml does (a 3 MB profile of
2,000 publications: seconds against a fraction of one). So a file is first read
here; only when it does not validate is it read again with ruamel, to locate
the problems. Both must mean the same data, so the resolver below follows YAML
1.2's core schema as ruamel does: `no`, `on`, `NO` (Norway) stay strings, `010`
is ten, `1:30` is text.

Anchors and aliases take the round-trip path, which bounds their expansion.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+", re.MULTILINE)


class _CoreLoader(_BASE):
    """SafeLoader with the implicit types of YAML 1.2's core schema."""


_CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+|0b[01]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
    ("tag:yaml.org,2002:timestamp",
     r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
     r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
     r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$", list("0123456789")),
]:
    _CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def _int(loader: Any, node: Any) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith(("0x", "0b")) else int(text.replace("_", ""))


def _float(loader: Any, node: Any) -> float:
    text = loader.construct_scalar(node).replace("_", "")
    node.value = text
    return float(loader.construct_yaml_float(node))


_CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
_CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)


def load_fast(text: str) -> Any | None:
    """The data of `text`, or None when it must be read with the round-trip loader
    (a syntax error, which that loader locates; anchors and aliases)."""
    if _ANCHOR.search(text):
        return None
    try:
        return yaml.load(text, Loader=_CoreLoader)
    except yaml.YAMLError:
        return None
