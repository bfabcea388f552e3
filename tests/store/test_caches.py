"""The build's caches: a hit gives what reading the source gives, and a change misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from packet.cache import Cache
from packet.compose.jinja_env import make_environment
from packet.compose.template_cache import TemplateCodeCache
from packet.errors import UserError
from packet.store.workspace import Workspace

CALL = "ml-theory-fellowship"


def test_a_cached_application_is_the_one_read_from_yaml(example_workspace: Path) -> None:
    first = Workspace.open(example_workspace).application("favero", CALL)
    entries = list(Workspace.open(example_workspace).cache("applications").folder.glob("*"))
    assert entries
    again = Workspace.open(example_workspace).application("favero", CALL)
    assert again == first


def test_a_cached_application_is_checked_again_when_its_profile_changes(
    example_workspace: Path,
) -> None:
    ws = Workspace.open(example_workspace)
    application = ws.application("favero", CALL)
    assert application is not None
    chosen = application.selections["education"][0]
    profile = example_workspace / "profiles" / "favero" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        f"id: {chosen}\n", f"id: {chosen}-renamed\n"), encoding="utf-8")
    with pytest.raises(UserError) as error:
        Workspace.open(example_workspace).application("favero", CALL)
    assert any(f"no item '{chosen}'" in str(p) for p in error.value.problems)


def test_compiled_templates_are_reused_and_recompiled_when_edited(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    source = templates / "note.md.j2"
    source.write_text("Hello {{ name }}!\n", encoding="utf-8")
    cache = tmp_path / "cache"

    def render() -> str:
        env = make_environment(templates)
        env.bytecode_cache = TemplateCodeCache(Cache(cache, "templates"))
        return env.get_template("note.md.j2").render(name="*Ada*")

    assert render() == "Hello \\*Ada\\*!\n"
    assert len([p for p in cache.rglob("*") if p.is_file()]) == 1
    assert render() == "Hello \\*Ada\\*!\n"
    source.write_text("Bye {{ name }}.\n", encoding="utf-8")
    assert render() == "Bye \\*Ada\\*.\n"


def test_a_damaged_compiled_template_is_compiled_again(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "note.md.j2").write_text("Hi {{ name }}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    env = make_environment(templates)
    env.bytecode_cache = TemplateCodeCache(Cache(cache, "templates"))
    env.get_template("note.md.j2")
    for entry in (p for p in cache.rglob("*") if p.is_file()):
        entry.write_bytes(entry.read_bytes()[:20])
    env = make_environment(templates)
    env.bytecode_cache = TemplateCodeCache(Cache(cache, "templates"))
    assert env.get_template("note.md.j2").render(name="x") == "Hi x\n"
