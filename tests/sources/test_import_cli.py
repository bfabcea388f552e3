"""`packet import` as a user runs it: tables, saving, re-import, undo, bad input, interruption."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from packet.sources.candidate import Candidate, SourceRead
from packet.store.profiles import load_profile

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = "profiles/favero/profile.yaml"
# One paper the example profile has (same authors, a DOI it lacks) and one it has not.
TWO_PAPERS = rb"""@article{sclocchi2025phase,
  title   = {A Phase Transition in Diffusion Models Reveals the {H}ierarchical Nature of Data},
  author  = {Sclocchi, A. and Favero, A. and Wyart, M.},
  journal = {Proceedings of the National Academy of Sciences},
  year    = {2025}, volume = {122}, number = {1},
  doi     = {10.1073/pnas.2408799121},
}
@inproceedings{favero2026paper,
  title     = {A New Paper on Caf{\'e} Networks},
  author    = {Favero, Alessandro and M{\"u}ller, J{\"o}rg},
  booktitle = {International Conference on Learning Representations},
  year      = {2026},
}
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "profiles" / "favero", tmp_path / "profiles" / "favero")
    (tmp_path / "refs.bib").write_bytes(TWO_PAPERS)
    return tmp_path


def _subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(line in rest for line in small)


def test_dry_run_shows_the_plan_and_saves_nothing(ws: Path, run: Callable) -> None:
    before = (ws / PROFILE).read_bytes()
    result = run("-w", str(ws), "import", "refs.bib", "--profile", "favero", "--dry-run", cwd=ws)
    assert result.code == 0, result.err
    assert "publications: 1 added, 1 merged" in result.out
    assert "favero2026paper" in result.out and "filled doi" in result.out
    assert "dry run: profiles/favero/profile.yaml not changed" in result.out
    assert (ws / PROFILE).read_bytes() == before
    assert not (ws / (PROFILE + ".bak")).exists()


def test_saving_keeps_every_line_and_comment_and_backs_up(ws: Path, run: Callable) -> None:
    before = (ws / PROFILE).read_text(encoding="utf-8")
    result = run("-w", str(ws), "import", "refs.bib", "--profile", "favero", cwd=ws)
    assert result.code == 0, result.err
    after = (ws / PROFILE).read_text(encoding="utf-8")
    assert _subsequence(before.splitlines(), after.splitlines())  # comments, order, hand edits
    assert (ws / (PROFILE + ".bak")).read_text(encoding="utf-8") == before
    profile = load_profile(ws / PROFILE, PROFILE)
    paper = profile.items()["sclocchi2025phase"]
    assert paper.doi == "10.1073/pnas.2408799121"  # type: ignore[attr-defined]
    new = profile.items()["favero2026paper"]
    assert new.authors == ["Favero, Alessandro", "Müller, Jörg"]  # type: ignore[attr-defined]
    assert new.title == "A New Paper on Café Networks"  # type: ignore[attr-defined]
    record = (ws / "profiles/favero/imports.yaml").read_text(encoding="utf-8")
    assert "refs.bib:8 favero2026paper" in record and "sha256:" in record


def test_importing_the_same_source_again_is_a_noop_that_says_so(ws: Path, run: Callable) -> None:
    assert run("-w", str(ws), "import", "refs.bib", "--profile", "favero", cwd=ws).code == 0
    saved = (ws / PROFILE).read_bytes()
    result = run("-w", str(ws), "import", "refs.bib", "--profile", "favero", cwd=ws)
    assert result.code == 0
    assert "nothing to change in profiles/favero/profile.yaml: already imported" in result.out
    assert (ws / PROFILE).read_bytes() == saved


def test_undo_restores_the_profile_once(ws: Path, run: Callable) -> None:
    before = (ws / PROFILE).read_bytes()
    assert run("-w", str(ws), "import", "refs.bib", "--profile", "favero", cwd=ws).code == 0
    result = run("-w", str(ws), "import", "--undo", "--profile", "favero", cwd=ws)
    assert result.code == 0 and "restored profiles/favero/profile.yaml" in result.out
    assert (ws / PROFILE).read_bytes() == before
    assert not (ws / "profiles/favero/imports.yaml").exists()
    again = run("-w", str(ws), "import", "--undo", "--profile", "favero", cwd=ws)
    assert again.code == 1 and "nothing to undo" in again.err


def test_a_new_profile_is_created_with_the_person_from_the_source(ws: Path, run: Callable) -> None:
    result = run(
        "-w", str(ws), "import", str(FIXTURES / "cv.rendercv.yaml"), "--profile", "rossi", cwd=ws
    )
    assert result.code == 0, result.err
    path = ws / "profiles/rossi/profile.yaml"
    profile = load_profile(path, "rossi")
    assert profile.person.name == "Maria Rossi" and profile.person.orcid == "0000-0002-1825-0097"
    assert len(profile.education) == 2 and profile.talks[0].kind == "invited"
    assert path.read_text(encoding="utf-8").startswith("# Profile store created by `packet import`")
    assert "kept as a note" in result.out and "'hobbies'" in result.out
    undo = run("-w", str(ws), "import", "--undo", "--profile", "rossi", cwd=ws)
    assert "the last import had created it" in undo.out and not path.exists()


def test_sections_and_a_folder_of_files(ws: Path, run: Callable) -> None:
    folder = ws / "sources"
    folder.mkdir()
    shutil.copy(FIXTURES / "resume.json", folder / "resume.json")
    shutil.copy(FIXTURES / "refs.ris", folder / "refs.ris")
    (folder / "README.txt").write_text("notes to self\n", encoding="utf-8")
    result = run(
        "-w",
        str(ws),
        "import",
        "sources",
        "--profile",
        "novak",
        "--sections",
        "education,awards",
        cwd=ws,
    )
    assert result.code == 0, result.err
    profile = load_profile(ws / "profiles/novak/profile.yaml", "novak")
    assert (len(profile.education), len(profile.awards), len(profile.publications)) == (1, 1, 0)
    # Not a format packet reads (a loose text file is tried as a CV): passed over, listed.
    assert "sources/README.txt" in result.out
    assert "no CV section was recognised" in " ".join(result.out.split())


def test_standard_input(ws: Path, run: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO((FIXTURES / "refs.ris").read_bytes()))
    monkeypatch.setattr(sys, "stdin", stream)
    result = run("-w", str(ws), "import", "-", "--profile", "favero", "--dry-run", cwd=ws)
    assert result.code == 0, result.err
    assert "<stdin>: ris, 3 items read" in result.out


def test_identifiers_go_to_the_network_readers(
    ws: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def read_identifier(spec: str) -> SourceRead:
        asked.append(spec)
        fields = {
            "title": "Fetched by id",
            "authors": ["Favero, A."],
            "year": 2024,
            "arxiv": "2401.99999",
        }
        return SourceRead(spec, "arxiv-atom", [Candidate("publications", fields, spec)])

    fake = types.ModuleType("packet.sources.remote")
    fake.read_identifier = read_identifier  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "packet.sources.remote", fake)
    result = run(
        "-w", str(ws), "import", "arxiv:2401.99999", "--profile", "favero", "--dry-run", cwd=ws
    )
    assert result.code == 0, result.err
    assert asked == ["arxiv:2401.99999"] and "favero2024fetched" in result.out


BAD_INPUT = [
    (
        "cut.bib",
        b"@article{x,\n  title = {never closed,\n  year = 2020\n",
        "cut.bib holds no BibTeX entry",
        "cut.bib:4",
    ),
    (
        "cut.json",
        b'{"basics": {"name": "A"},\n "work": [\n',
        "cut.json is not valid JSON",
        "cut.json:3",
    ),
    (
        "bad.yaml",
        b"cv:\n  name: A\n  sections:\n    x: [\n",
        "bad.yaml is not valid YAML",
        "bad.yaml:5",
    ),
    (
        "photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "photo.png is a binary file",
        "photo.png",
    ),
    ("empty.bib", b"   \n", "empty.bib is empty", "empty.bib"),
    ("notes.txt", b"Just some words.\n", "notes.txt: no CV section was recognised", "Education"),
]


@pytest.mark.parametrize(
    ("name", "data", "summary", "where"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT]
)
def test_bad_input_is_an_error_and_the_profile_is_untouched(
    ws: Path, run: Callable, name: str, data: bytes, summary: str, where: str
) -> None:
    (ws / name).write_bytes(data)
    before = (ws / PROFILE).read_bytes()
    result = run("-w", str(ws), "import", name, "--profile", "favero", cwd=ws)
    assert result.code == 1
    assert summary in result.err and where in result.err
    assert "Traceback" not in result.err
    assert (ws / PROFILE).read_bytes() == before and not (ws / (PROFILE + ".bak")).exists()


def test_a_50_mb_file_is_refused_before_it_is_read(ws: Path, run: Callable) -> None:
    with open(ws / "huge.bib", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    result = run("-w", str(ws), "import", "huge.bib", "--profile", "favero", cwd=ws)
    assert result.code == 1 and "huge.bib is too large (52 MB" in result.err


def test_ctrl_c_while_saving_leaves_the_profile_as_it_was(
    ws: Path, run: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (ws / PROFILE).read_bytes()
    calls = {"n": 0}
    real_replace = os.replace

    def interrupted(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if str(dst).endswith("profile.yaml"):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    result = run("-w", str(ws), "import", "refs.bib", "--profile", "favero", cwd=ws)
    assert result.code == 130 and calls["n"] >= 1
    assert (ws / PROFILE).read_bytes() == before
    assert not [p for p in (ws / "profiles/favero").iterdir() if p.name.endswith(".tmp")]


def test_sigkill_during_an_import_never_leaves_a_half_written_profile(ws: Path) -> None:
    before = (ws / PROFILE).read_bytes()
    backup = ws / (PROFILE + ".bak")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "packet",
            "-w",
            str(ws),
            "import",
            "refs.bib",
            "--profile",
            "favero",
        ],
        env=env,
        cwd=ws,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not backup.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    child.send_signal(signal.SIGKILL)  # the moment the backup exists: the profile is next
    child.wait()
    after = (ws / PROFILE).read_bytes()
    if after != before:  # the rename happened before the kill: then it is the whole new file
        assert load_profile(ws / PROFILE, PROFILE).items()["favero2026paper"]


def test_help_has_an_example(run: Callable) -> None:
    result = run("import", "--help")
    assert result.code == 0 and "Example: packet import refs.bib" in result.out


LISTING = b"""Natural data is often organized as a hierarchical composition of features. How many
samples do generative models need to learn the composition rules, so as to produce a
combinatorially large number of novel data?

The first two authors contributed equally

arXiv:2502.12089
Created: 2025-02-17
"""
PAPER = rb"""@inproceedings{favero2025how,
  title     = {How compositional generalization and creativity improve as diffusion models are trained},
  author    = {Favero, Alessandro and Sclocchi, Antonio and Wyart, Matthieu},
  booktitle = {International Conference on Machine Learning},
  year      = {2025},
  abstract  = {Natural data is often organized as a hierarchical composition of features. How many samples do generative models need to learn the composition rules, so as to produce a combinatorially large number of novel data?},
}
"""


def test_a_listing_imported_before_its_papers_completes_them_on_a_later_import(
    tmp_path: Path, run: Callable
) -> None:
    (tmp_path / "listing.txt").write_bytes(LISTING)
    (tmp_path / "paper.bib").write_bytes(PAPER)
    first = run("-w", str(tmp_path), "import", "listing.txt", "--format", "arxiv-listing",
                "--profile", "new", cwd=tmp_path)
    assert first.code == 0, first.err
    assert "kept for later 1 entries" in " ".join((first.out + first.err).split())
    second = run("-w", str(tmp_path), "import", "paper.bib", "--profile", "new", cwd=tmp_path)
    assert second.code == 0, second.err
    [paper] = load_profile(tmp_path / "profiles/new/profile.yaml", "profile.yaml").publications
    assert paper.arxiv == "2502.12089"
    assert paper.equal_contribution == paper.authors[:2]
    assert "pending" not in (tmp_path / "profiles/new/imports.yaml").read_text(encoding="utf-8")


def test_a_damaged_pending_record_is_ignored_not_fatal(tmp_path: Path, run: Callable) -> None:
    (tmp_path / "paper.bib").write_bytes(PAPER)
    folder = tmp_path / "profiles" / "new"
    folder.mkdir(parents=True)
    (folder / "imports.yaml").write_text(
        "pending:\n  - 7\n  - {origin: x, item: [1, 2]}\n"
        "  - {origin: y, equal_first: true, item: {arxiv: '2502.12089', year: [2025],"
        " title: Stolen, notes: [{a: 1}], abstract: 'Natural data is often organized as a"
        " hierarchical composition of features. How many samples do generative models need"
        " to learn the composition rules, so as to produce a combinatorially large number of"
        " novel data?'}}\n",
        encoding="utf-8",
    )
    result = run("-w", str(tmp_path), "import", "paper.bib", "--profile", "new", cwd=tmp_path)
    assert result.code == 0, result.err
    [paper] = load_profile(folder / "profile.yaml", "profile.yaml").publications
    assert paper.title.startswith("How compositional") and paper.arxiv == "2502.12089"
    assert paper.equal_contribution == []
