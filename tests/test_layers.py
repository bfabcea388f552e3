"""Imports follow the layer table of docs/architecture.md: data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "packet"

# Leaf helpers any part may use.
LEAVES = {"errors", "cache", "collector", "counting", "paths", "packet"}

# What each part of packet may import besides the leaves (docs/architecture.md, "Layers").
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "settings": set(),
    "store": {"model", "settings"},
    "sources": {"model"},
    "select": {"model"},
    "wizard": {"model", "select", "store"},
    "compose": {"model", "select"},
    "render": {"model", "compose"},
    "assemble": set(),
    "check": {"model", "compose.doctree"},
    "forms": {"model", "select", "check.human"},
    "publish": {"model"},
    "inputs": {"model", "store"},
    "pipeline": {"model", "store", "select", "compose", "render", "assemble", "check",
                 "forms", "publish", "inputs"},
    "batch": {"model", "store", "pipeline", "inputs"},
    "watch": {"model", "store", "pipeline"},
}


def imports_of(path: Path) -> set[str]:
    """The packet modules a file imports, without the `packet.` prefix."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        out |= {n.removeprefix("packet.") if n != "packet" else "packet"
                for n in names if n == "packet" or n.startswith("packet.")}
    return out


def test_every_part_imports_only_what_its_layer_allows() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if part not in ALLOWED:  # the CLI and __main__ may import everything
            continue
        for module in imports_of(path):
            top = module.split(".")[0]
            allowed = ALLOWED[part] | LEAVES | {part}
            if top not in allowed and module not in allowed:
                wrong.append(f"{path.relative_to(PACKAGE)} imports packet.{module}")
    assert wrong == []


def test_the_table_names_every_part_of_the_package() -> None:
    parts = {p.name.removesuffix(".py") for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").is_file()) and p.name != "__init__.py"}
    assert parts - set(ALLOWED) - LEAVES - {"cli", "__main__"} == set()
