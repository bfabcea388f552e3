"""The hostile-input corpus (tests/hostile/cases.py): every case ends with the message it
must produce, exit 1 (or 0 where only a finding is due), no traceback, within a time bound;
the workspace's own files are left as they were and nothing outside it is changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from clirun import Cli, make_cli

from hostile.cases import CASES, Case, Content, Fifo, Folder, HardLink, Link

SECONDS = 20.0  # per case; most take well under one
BASE_CALL = """\
id: att
extends: example-fellowship
name: Attachment test
attachments:
  - id: cert
    title: Certificate
"""
BASE_APPLICATION = "call: att\nattachments:\n  cert: attachments/cert.pdf\n"


def _write(path: Path, content: Content, ws: Path, outside: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    if isinstance(content, Link):
        path.symlink_to(content.target.format(ws=ws, outside=outside))
    elif isinstance(content, HardLink):
        os.link(content.target.format(ws=ws, outside=outside), path)
    elif isinstance(content, Fifo):
        os.mkfifo(path)
    elif isinstance(content, Folder):
        path.mkdir()
        (path / "note.txt").write_text("a folder where a file should be\n")
    elif isinstance(content, str):
        text = content.replace("{ws}", str(ws)).replace("{outside}", str(outside))
        path.write_text(text, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content())


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            out[path.relative_to(folder).as_posix()] = "link" if path.is_symlink() else "other"
        else:
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return make_cli(tmp_path_factory.mktemp("hostile-cache"))


def make_workspace(root: Path, case: Case) -> tuple[Path, Path]:
    from packet.assemble import read_attachment  # noqa: F401  (imports before timing)
    from packet.store.starter import create_workspace

    ws, outside = root / "ws", root / "outside"
    ws.mkdir(parents=True)
    outside.mkdir()
    create_workspace(ws)
    (ws / "calls" / "att.yaml").write_text(BASE_CALL)
    (ws / "profiles/me/applications/att.yaml").write_text(BASE_APPLICATION)
    (ws / "profiles/me/attachments").mkdir(parents=True)
    from hostile.pdfs import plain_pdf

    (ws / "profiles/me/attachments/cert.pdf").write_bytes(plain_pdf())
    for relative, content in case.outside.items():
        _write(outside / relative, content, ws, outside)
    for relative, content in case.files.items():
        _write(ws / relative, content, ws, outside)
    return ws, outside


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path, cli: Cli) -> None:
    ws, outside = make_workspace(tmp_path, case)
    inputs_before = _snapshot(ws / "profiles")
    outside_before = _snapshot(outside)
    args = [a.format(ws=ws, outside=outside) for a in case.command]
    started = time.monotonic()
    result = cli("--workspace", str(ws), *args, env=case.env)
    seconds = time.monotonic() - started
    text = " ".join((result.out + "\n" + result.err).split())
    assert result.code == case.code, text
    assert "Traceback" not in text
    for fragment in case.message:
        assert " ".join(fragment.format(ws=ws, outside=outside).split()) in text, text
    for fragment in case.absent:
        assert fragment not in text, text
    assert seconds < SECONDS, f"{case.name} took {seconds:.1f} s"
    assert _snapshot(ws / "profiles") == inputs_before, "the profile changed"
    assert _snapshot(outside) == outside_before, "something outside the workspace changed"
    assert not list(outside.rglob("out")), "output written outside the workspace"
    leftovers = [p.name for p in (ws / "output").rglob(".*")] if (ws / "output").exists() else []
    assert leftovers == [], "staging, backup or lock files left behind"
    if case.clean_packet:
        from pypdf import PdfReader

        from packet.check.active_content import find_active_content

        merged = PdfReader(ws / case.clean_packet)
        assert find_active_content(merged) == [], "active content passed into packet.pdf"
