"""packet's one cache: content-keyed, bounded, never a source of truth."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from packet import cache as cache_module
from packet.cache import Cache, code_fingerprint, content_key, prune, write_atomic


def test_an_entry_comes_back_as_stored_under_its_content_key(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "profiles")
    key = content_key("profile bytes", "v1")
    assert cache.get(key) is None
    cache.put(key, b"validated")
    assert cache.get(key) == b"validated"
    assert content_key("profile bytes", "v2") != key
    assert content_key("ab", "c") != content_key("a", "bc")  # parts cannot run together
    assert cache.folder == tmp_path / code_fingerprint() / "profiles"


def test_a_read_only_cache_costs_speed_not_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache_module, "write_atomic", read_only)
    cache = Cache(tmp_path, "calls")
    cache.put("k", b"x")  # no error
    assert cache.get("k") is None


def test_prune_keeps_the_cache_under_its_bound_dropping_the_least_recently_used(
    tmp_path: Path,
) -> None:
    cache = Cache(tmp_path, "citations")
    for n, key in enumerate("abcd"):
        cache.put(key, b"x" * 1000)
        os.utime(cache.folder / key, (1_000 + n, 1_000 + n))
    cache.get("a")  # used now: the newest
    removed = prune(tmp_path, max_bytes=2_500)
    assert removed == 2_000
    assert sorted(p.name for p in cache.folder.iterdir()) == ["a", "d"]


def test_prune_removes_what_other_versions_of_packet_left_once_it_is_empty(
    tmp_path: Path,
) -> None:
    stale = tmp_path / "0123456789abcdef" / "profiles"
    stale.mkdir(parents=True)
    (stale / "entry").write_bytes(b"old")
    os.utime(stale / "entry", (1, 1))
    Cache(tmp_path, "profiles").put("new", b"new")
    prune(tmp_path, max_bytes=3)
    assert not (tmp_path / "0123456789abcdef").exists()
    assert (tmp_path / code_fingerprint() / "profiles" / "new").is_file()


@pytest.fixture
def package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A one-file package standing in for packet's own."""
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "a.py").write_text("x = 1\n", "utf-8")
    monkeypatch.setattr(cache_module, "_PACKAGE", folder)
    return folder


def test_the_fingerprint_follows_the_package_files(package: Path) -> None:
    first = code_fingerprint()
    (package / "a.py").write_text("x = 2\n", "utf-8")
    assert code_fingerprint() != first


def test_write_atomic_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "profile.yaml"
    target.write_text("old: true\n", "utf-8")
    target.chmod(0o640)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new: true\n")
    monkeypatch.undo()
    assert target.read_text("utf-8") == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["profile.yaml"]
    write_atomic(target, "new: true\n")
    assert target.read_text("utf-8") == "new: true\n" and target.stat().st_mode & 0o777 == 0o640


def test_prune_touches_only_packets_own_entries(tmp_path: Path) -> None:
    """A cache folder set to one that holds other files (a home folder) loses none of them,
    not even past the bound: only <fingerprint>/<kind>/<entry> files are packet's."""
    (tmp_path / "notes.txt").write_bytes(b"x" * 5000)
    (tmp_path / "photos" / "2024").mkdir(parents=True)
    (tmp_path / "photos" / "2024" / "a.jpg").write_bytes(b"y" * 5000)
    (tmp_path / "empty-folder").mkdir()
    os.utime(tmp_path / "notes.txt", (1, 1))
    cache = Cache(tmp_path, "profiles")
    cache.put("entry", b"z" * 100)
    os.utime(cache.folder / "entry", (2, 2))
    assert prune(tmp_path, max_bytes=0) == 100
    assert (tmp_path / "notes.txt").is_file() and (tmp_path / "photos/2024/a.jpg").is_file()
    assert (tmp_path / "empty-folder").is_dir()


def test_within_a_build_the_fingerprint_is_read_once(package: Path) -> None:
    from packet.cache import fingerprint_pinned

    with fingerprint_pinned() as pinned:
        (package / "a.py").write_text("x = 2\n", "utf-8")
        assert code_fingerprint() == pinned  # the build runs the code it started with
    assert code_fingerprint() != pinned  # the next build sees the edit
