"""Saving never loses what a person wrote, and never leaves a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from packet.store.yaml_io import load_yaml, save_yaml, write_atomic

TEXT = """\
# my applications: keep this comment
call: erc-stg   # the ERC one
answers:
  summary: |-
    First paragraph.

    Second paragraph.
selections:
  publications: [b, a]
"""


def test_round_trip_keeps_comments_order_and_block_text(tmp_path: Path):
    path = tmp_path / "app.yaml"
    path.write_text(TEXT)
    data = load_yaml(path)
    data["focus"] = "diffusion models"
    save_yaml(path, data)
    saved = path.read_text()
    assert saved.startswith("# my applications: keep this comment\ncall: erc-stg   # the ERC one\n")
    assert "  summary: |-\n    First paragraph.\n\n    Second paragraph.\n" in saved
    assert saved.index("answers:") < saved.index("selections:") < saved.index("focus:")
    assert "publications: [b, a]" in saved


def test_failed_write_leaves_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "app.yaml"
    path.write_text(TEXT)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, "call: half")
    assert path.read_text() == TEXT
    assert [p.name for p in tmp_path.iterdir()] == ["app.yaml"]
