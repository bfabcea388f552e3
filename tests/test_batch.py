"""`packet batch`: many packets in parallel, failures kept to themselves, unchanged ones skipped.

The workspace is the example one with a second profile (`colleague`, a copy of
`favero`) and saved applications for three calls each, plus one application
that is broken on purpose. The module follows one user through a session;
each step is a module-scoped fixture that depends on the step before, so any
single test can be run on its own and still sees the steps in order:

    first run -> fix the broken application, run again -> touch every input, run
    -> edit one profile, run -> run with --force -> one profile and call with no
    saved application.

A rebuilt packet is a new file (the output folder is swapped in whole), so
"rebuilt nothing" is checked by each packet.pdf's inode and mtime.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest
from clirun import Cli, Result, copy_example, make_cli
from ruamel.yaml import YAML

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROFILES = ("colleague", "favero")
CALLS = ("ai-faculty", "ml-theory-fellowship", "nih")
BROKEN = ("favero", "us-faculty")  # selects a publication the profile does not have
MISSING_ID = "nosuch2031paper"
NEW_AWARD = "Outstanding Paper Award of the Batch Test Society"

Key = tuple[str, str]  # (profile, call)


@dataclass
class Run:
    result: Result
    rows: list[dict[str, Any]]
    markdown: str
    before: dict[Key, tuple[int, int]]
    after: dict[Key, tuple[int, int]]
    status: dict[Key, str] = field(init=False)

    def __post_init__(self) -> None:
        self.status = {(r["profile"], r["call"]): r["status"] for r in self.rows}


def stamps(ws: Path) -> dict[Key, tuple[int, int]]:
    """(inode, mtime) of every packet.pdf, by (profile, call)."""
    found = {}
    for path in (ws / "output").glob("*/*/packet.pdf"):
        st = path.stat()
        found[(path.parent.name, path.parent.parent.name)] = (st.st_ino, st.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    # Batch decides what is up to date by content; no fixed build date is wanted here.
    return make_cli(tmp_path_factory.getbasetemp() / "cache", {"SOURCE_DATE_EPOCH": None})


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("batch") / "ws")
    shutil.copytree(root / "profiles" / "favero", root / "profiles" / "colleague")
    for profile in PROFILES:
        apps = root / "profiles" / profile / "applications"
        apps.mkdir()
        for call in CALLS:
            (apps / f"{call}.yaml").write_text(f"call: {call}\nbuild_date: 2026-11-02\n")
    profile, call = BROKEN
    (root / "profiles" / profile / "applications" / f"{call}.yaml").write_text(
        f"call: {call}\nbuild_date: 2026-11-02\nselections:\n  publications: [{MISSING_ID}]\n")
    return root


def batch(ws: Path, cli: Cli, *args: str) -> Run:
    before = stamps(ws)
    result = cli("--workspace", str(ws), "batch", "--jobs", "2", *args)
    rows = json.loads((ws / "output" / "batch-report.json").read_text("utf-8"))
    markdown = (ws / "output" / "batch-report.md").read_text("utf-8")
    return Run(result, rows, markdown, before, stamps(ws))


ALL = {(p, c) for p in PROFILES for c in CALLS}


# -- the session, step by step ------------------------------------------------------------


@pytest.fixture(scope="module")
def first(ws: Path, cli: Cli) -> Run:
    return batch(ws, cli)


@pytest.fixture(scope="module")
def unchanged(ws: Path, cli: Cli, first: Run) -> Run:
    """The broken application is removed; nothing else changes."""
    profile, call = BROKEN
    (ws / "profiles" / profile / "applications" / f"{call}.yaml").unlink()
    return batch(ws, cli)


@pytest.fixture(scope="module")
def touched(ws: Path, cli: Cli, unchanged: Run) -> Run:
    """Every input file gets a new modification time and the same content."""
    later = unchanged.after[("favero", "nih")][1] / 1e9 + 3600
    for path in [*(ws / "profiles").rglob("*"), *(ws / "calls").rglob("*")]:
        if path.is_file():
            os.utime(path, (later, later))
    return batch(ws, cli)


@pytest.fixture(scope="module")
def edited(ws: Path, cli: Cli, touched: Run) -> Run:
    """One profile gains an award."""
    path = ws / "profiles" / "colleague" / "profile.yaml"
    yaml = YAML()  # round trip: the rest of the file stays as it was
    data = yaml.load(path)
    data["awards"].append({"id": "award-2026-batch-test", "kind": "award", "title": NEW_AWARD,
                           "issuer": "Batch Test Society", "date": 2026})
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return batch(ws, cli)


@pytest.fixture(scope="module")
def forced(ws: Path, cli: Cli, edited: Run) -> Run:
    return batch(ws, cli, "--force")


@pytest.fixture(scope="module")
def default_selection(ws: Path, cli: Cli, forced: Run) -> Run:
    assert not (ws / "profiles" / "colleague" / "applications" / "us-faculty.yaml").exists()
    return batch(ws, cli, "--profile", "colleague", "--call", "us-faculty")


# -- first run ----------------------------------------------------------------------------


def test_first_run_builds_every_packet_but_the_broken_one(first: Run, ws: Path) -> None:
    assert first.result.code == 1  # one packet failed
    assert first.status == {**{key: "built" for key in ALL}, BROKEN: "failed"}
    assert set(first.after) == ALL
    for profile, call in ALL:
        report = json.loads((ws / "output" / call / profile / "report.json").read_text("utf-8"))
        row = next(r for r in first.rows if (r["profile"], r["call"]) == (profile, call))
        assert row["pages"] == report["pages"] > 0
        assert row["errors"] == sum(1 for f in report["findings"] if f["severity"] == "error")
        assert row["warnings"] == sum(1 for f in report["findings"]
                                      if f["severity"] == "warning")
        assert row["seconds"] > 0
    assert not (ws / "output" / "us-faculty").exists()


def test_a_failed_packet_has_a_one_line_reason_naming_the_problem(first: Run) -> None:
    row = next(r for r in first.rows if (r["profile"], r["call"]) == BROKEN)
    assert row["status"] == "failed"
    assert "\n" not in row["reason"]
    assert MISSING_ID in row["reason"]
    assert "profiles/favero/applications/us-faculty.yaml" in row["reason"]
    assert "Traceback" not in first.result.flat


def test_batch_report_has_one_row_per_packet(first: Run) -> None:
    assert len(first.rows) == len(ALL) + 1
    for row in first.rows:
        assert {"profile", "call", "status", "pages", "errors", "warnings", "seconds"} <= set(row)
    table = [line for line in first.markdown.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| profile | call | status | pages | errors | warnings | seconds |")
    body = table[1:]
    assert len(body) == len(first.rows)
    for row in first.rows:
        cells = f"| {row['profile']} | {row['call']} | {row['status']} | {row['pages']} | " \
                f"{row['errors']} | {row['warnings']} |"
        assert any(line.startswith(cells) for line in body), cells
    failed = next(line for line in body if "| failed |" in line)
    assert MISSING_ID in failed
    assert "6 built, 1 failed" in first.markdown


def test_cli_says_what_was_built_and_where_the_report_is(first: Run) -> None:
    assert "7 of 7 packets" in first.result.flat
    assert "output/batch-report.md" in first.result.flat


# -- skipping what is up to date ------------------------------------------------------------


def test_second_run_with_nothing_changed_rebuilds_nothing(unchanged: Run) -> None:
    assert unchanged.result.code == 0
    assert unchanged.status == {key: "up to date" for key in ALL}
    assert unchanged.after == unchanged.before
    # Up-to-date rows still say how the packet stands.
    assert all(row["pages"] > 0 for row in unchanged.rows)


def test_touching_files_without_changing_them_rebuilds_nothing(touched: Run) -> None:
    assert touched.result.code == 0
    assert touched.status == {key: "up to date" for key in ALL}
    assert touched.after == touched.before


def test_editing_one_profile_rebuilds_only_its_packets(edited: Run, ws: Path) -> None:
    assert edited.result.code == 0
    assert edited.status == {(p, c): "built" if p == "colleague" else "up to date"
                             for p, c in ALL}
    for key in ALL:
        if key[0] == "favero":
            assert edited.after[key] == edited.before[key], key
        else:
            assert edited.after[key] != edited.before[key], key
    cv = ws / "output" / "ml-theory-fellowship" / "colleague" / "documents" / "cv.docx"
    assert NEW_AWARD in "\n".join(p.text for p in docx.Document(str(cv)).paragraphs)
    awards = {
        profile: next(d for d in json.loads(
            (ws / "output" / "ml-theory-fellowship" / profile / "report.json").read_text("utf-8")
        )["documents"] if d["id"] == "cv")["items"]["awards"]
        for profile in PROFILES
    }
    assert awards["colleague"] == awards["favero"] + 1


def test_force_rebuilds_everything(forced: Run) -> None:
    assert forced.result.code == 0
    assert forced.status == {key: "built" for key in ALL}
    for key in ALL:
        assert forced.after[key] != forced.before[key], key


def test_profile_and_call_without_application_build_the_default_selection(
    default_selection: Run, ws: Path
) -> None:
    assert default_selection.result.code == 0
    assert default_selection.status == {("colleague", "us-faculty"): "built"}
    folder = ws / "output" / "us-faculty" / "colleague"
    report = json.loads((folder / "report.json").read_text("utf-8"))
    cv = next(d for d in report["documents"] if d["id"] == "cv")
    assert cv["items"]["publications"] > 0 and cv["items"]["awards"] > 0
    assert (folder / "packet.pdf").stat().st_size > 0
    # Nothing else was touched.
    others = {k: v for k, v in default_selection.after.items() if k != ("colleague", "us-faculty")}
    assert others == default_selection.before
