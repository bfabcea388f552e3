"""The real `packet wizard` in a pseudo-terminal at 60 and 120 columns, answered key by key
as a person would, with the screen read as they would read it.

Each test runs the installed command in its own copy of the example workspace,
with no saved applications, a private cache and a fixed build date.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("pexpect")
pytest.importorskip("pyte")

from .terminal import (
    BACK,
    CTRL_C,
    CTRL_U,
    CTRL_Z,
    DOWN,
    END,
    ENTER,
    FINISH,
    Terminal,
    environment,
    packet_command,
)

CALL = "ml-theory-fellowship"
WIDTHS = pytest.mark.parametrize("columns", [60, 120])


@pytest.fixture
def workspace(example_workspace: Path) -> Path:
    shutil.rmtree(example_workspace / "profiles" / "favero" / "applications", ignore_errors=True)
    return example_workspace


def app_file(root: Path, call: str = CALL) -> Path:
    return root / "profiles" / "favero" / "applications" / f"{call}.yaml"


def start(workspace: Path, tmp_path: Path, columns: int, *args: str) -> Terminal:
    return Terminal(["wizard", "--profile", "favero", *args], workspace,
                    environment(tmp_path, columns), columns)


def packet(workspace: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command, prefix = packet_command()
    return subprocess.run([command, *prefix, *args], cwd=workspace, stdin=subprocess.DEVNULL,
                          env=environment(tmp_path, 100), capture_output=True, text=True,
                          timeout=180)


def complete_application(workspace: Path, tmp_path: Path) -> bytes:
    done = packet(workspace, tmp_path, "wizard", "-p", "favero", "-c", CALL, "--defaults",
                  "--data", "host=Prof. Example Host", "--data", "fit=The theory I study.")
    assert done.returncode == 0, done.stderr
    return app_file(workspace).read_bytes()


@WIDTHS
def test_new_application_built_then_replayed_byte_for_byte(workspace, tmp_path, columns):
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("Eligibility: PhD awarded")  # shown before the first question
    term.wait_for("Focus (optional)")
    term.type("diffusion models and hierarchical data", FINISH)
    term.wait_for("ticked · “Curriculum Vitae” allows at most 12")
    term.wait_for("Why here:")  # the highlighted paper's details and reasons, in words
    term.type(ENTER)
    term.wait_for("Which faculty member")
    term.type("Prof. " + "x" * 130, ENTER)  # over the 120 characters: refused, in full
    term.wait_for("the limit is 120. Cut 16.", fresh=False)
    term.type(CTRL_U, "Prof. Example Host", ENTER)
    term.wait_for("Why is the institute")
    term.type("The institute works on the theory I study, ")
    term.settle()
    term.type("\x18\x05")  # Ctrl-X Ctrl-E: the editor; its text comes back to the box
    term.wait_for("written in the editor.", fresh=False)
    term.type(FINISH)
    term.wait_for("Addressed to (optional)")
    term.type(ENTER)
    term.wait_for("PDF file")
    term.type(ENTER)
    term.wait_for("What next?")
    assert "Change the answer “Fit with the Institute”" in term.shown()
    term.type(ENTER)  # no problems: the build is the default
    assert term.finish() == 0
    shown = term.text()
    assert f"output/{CALL}/favero/packet.pdf" in shown
    answers = app_file(workspace).read_text()
    assert "status: complete" in answers
    assert "fit: The institute works on the theory I study, written in the editor." in answers
    built_by_wizard = (workspace / "output" / CALL / "favero" / "packet.pdf").read_bytes()
    rebuilt = packet(workspace, tmp_path, "build", "--profile", "favero", "--call", CALL)
    assert rebuilt.returncode in (0, 1), rebuilt.stderr  # 1 only with --strict findings
    assert (workspace / "output" / CALL / "favero" / "packet.pdf").read_bytes() == built_by_wizard
    assert app_file(workspace).read_text() == answers


@WIDTHS
def test_ctrl_z_and_ctrl_c_never_damage_a_complete_application(workspace, tmp_path, columns):
    before = complete_application(workspace, tmp_path)
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("What next?")  # complete: straight to the review menu
    term.type("fit", ENTER)
    term.wait_for("Your answer")
    term.type(" More", CTRL_Z, " text")
    term.wait_for("study. More text", fresh=False)  # Ctrl-Z left no ^Z and no character
    assert "^Z" not in term.shown()
    term.type(CTRL_C)
    assert term.finish() == 130
    shown = term.text()
    assert "kept in profiles/favero/applications/ml-theory-fellowship.draft.yaml" in shown
    assert "is as it was" in shown and "Traceback" not in shown
    assert app_file(workspace).read_bytes() == before  # not downgraded, not reflowed
    again = start(workspace, tmp_path, columns, "--call", CALL)
    again.wait_for("Continue it?")
    again.type(CTRL_C)
    assert again.finish() == 130
    assert app_file(workspace).read_bytes() == before


@WIDTHS
def test_long_paste_stays_visible(workspace, tmp_path, columns):
    words = ["diffusion", "models", "learn", "the", "hierarchy", "of", "data", "from", "noise", "to", "structure"]
    paste = " ".join(words[i % len(words)] + str(i) for i in range(600))[:4600]
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("Focus (optional)")
    term.type("\x1b[200~" + paste + "\x1b[201~")  # a bracketed paste, as terminals send it
    term.wait_for(f"{len(paste.split())} words", fresh=False)
    term.settle(1.0)
    # The box shows the end of the text, where the cursor is, wrapped at the screen's width.
    box = "".join(line[3:] if line.startswith("   ") else line for line in term.screen.display)
    assert paste[-40:] in box
    term.type(CTRL_C)
    assert term.finish() == 130


@WIDTHS
def test_refusals_wrap_and_the_cap_is_enforced_while_ticking(workspace, tmp_path, columns):
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("Focus (optional)")
    term.type(FINISH)
    term.wait_for("12 ticked")
    term.type("ai")  # letters filter the list: they neither tick all nor invert
    term.wait_for("filter: ai", fresh=False)
    assert "12 ticked" in term.shown()
    term.type("\x1b")  # Esc clears the filter
    term.settle()
    term.type(END, " ")  # tick the last: one over the cap
    term.wait_for("13 ticked: “Curriculum Vitae” allows at most 12. Untick 1 to go on.", fresh=False)
    term.type(ENTER)  # refused
    term.settle()
    assert "Which faculty member" not in term.shown()
    term.type(CTRL_C)
    assert term.finish() == 130


@WIDTHS
def test_required_answer_needs_an_explicit_choice_and_build_defaults_to_no(
        workspace, tmp_path, columns):
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("Focus (optional)")
    term.type(FINISH)
    term.wait_for("ticked")
    term.type(ENTER)
    term.wait_for("Which faculty member")
    term.type("Host", ENTER)
    term.wait_for("Why is the institute")
    term.type(FINISH)
    term.wait_for("This answer is required.")
    term.type(DOWN, ENTER)  # leave it empty, on purpose
    term.wait_for("Addressed to (optional)")
    term.type(BACK)  # back to the answer: the choice is asked again there
    term.wait_for("Why is the institute")
    term.type(FINISH, DOWN, ENTER)
    term.wait_for("Addressed to (optional)")
    term.type(ENTER, ENTER)
    term.wait_for("What next?")
    term.settle()
    pointer = next(line for line in term.lines() if line.startswith("❯"))
    assert "Save and quit" in pointer  # the review shows an error: no build by default
    assert "(the review shows problems)" in term.text()
    term.type(ENTER)
    assert term.finish() == 0
    assert "fit: ''  # left empty" in app_file(workspace).read_text()


@WIDTHS
def test_checks_up_front_and_calls_found_by_funder(workspace, tmp_path, columns):
    term = start(workspace, tmp_path, columns, "--call", "humbolt")
    assert term.finish() == 1
    assert "Did you mean humboldt?" in term.text()
    term = start(workspace, tmp_path, columns)
    term.wait_for("Which call?")
    term.type("Swiss")
    term.wait_for("snsf-ambizione", fresh=False)
    term.type(CTRL_U, "zzz", ENTER)  # nothing matches: Enter picks nothing
    term.wait_for("Nothing matches", fresh=False)
    term.type(CTRL_U, "National Science Foundation U.S", ENTER)
    term.wait_for("U.S. National Science Foundation")
    term.settle(1.5)
    assert "Focus (optional)" not in term.text()  # NSF ranks no items: no focus question
    term.type(CTRL_C)
    assert term.finish() == 130


def test_without_a_terminal_points_to_build_and_defaults(workspace, tmp_path):
    done = packet(workspace, tmp_path, "wizard", "--profile", "favero", "--call", CALL)
    assert done.returncode == 1
    shown = " ".join(done.stderr.split())
    assert "needs an interactive terminal" in shown and "--defaults" in shown
    assert f"packet build --profile favero --call {CALL}" in shown
    assert "Traceback" not in shown
    assert not app_file(workspace).exists()


def test_scripted_application_builds_byte_for_byte(workspace, tmp_path):
    answers = complete_application(workspace, tmp_path)
    first = packet(workspace, tmp_path, "build", "-p", "favero", "-c", CALL)
    assert first.returncode in (0, 1), first.stderr
    pdf = workspace / "output" / CALL / "favero" / "packet.pdf"
    built = pdf.read_bytes()
    shutil.rmtree(workspace / "output")
    second = packet(workspace, tmp_path, "build", "-p", "favero", "-c", CALL)
    assert second.returncode == first.returncode
    assert pdf.read_bytes() == built
    assert app_file(workspace).read_bytes() == answers


def test_ctrl_c_during_the_build_says_so_and_leaves_no_empty_folder(workspace, tmp_path):
    before = complete_application(workspace, tmp_path)
    # An empty cache: with the documents typeset before kept there, the build would be
    # over before the interrupt arrives.
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    term = start(workspace, tmp_path, 120, "--call", CALL)
    term.wait_for("What next?")
    term.type(ENTER)  # build
    term.wait_for("Building the packet", fresh=False)
    term.type(CTRL_C)
    assert term.finish() == 130
    assert "Build stopped." in term.text() and "Traceback" not in term.text()
    output = workspace / "output" / CALL / "favero"
    assert not output.exists() or any(p.is_file() for p in output.rglob("*"))
    assert app_file(workspace).read_bytes() == before


@WIDTHS
def test_review_menu_reorders_an_item_and_attaches_a_pdf(workspace, tmp_path, columns):
    from packet.store.yaml_io import load_yaml

    complete_application(workspace, tmp_path)
    first = list(load_yaml(app_file(workspace))["selections"]["publications"])
    term = start(workspace, tmp_path, columns, "--call", CALL)
    term.wait_for("What next?")
    term.type("publications", ENTER)
    term.wait_for("Shift-↑↓: move", fresh=False)
    term.type("\x1b[1;2B", ENTER)  # Shift-Down: the first paper goes second
    term.wait_for("What next?")
    term.type("PhD", ENTER)
    term.wait_for("PDF file")
    term.type("attachments/work")
    term.settle()
    term.type("\t")  # Tab completes the file name
    term.wait_for("attachments/work-sample.pdf", fresh=False)
    term.type(ENTER)
    term.wait_for("What next?")
    term.type("save", ENTER)
    assert term.finish() == 0
    data = load_yaml(app_file(workspace))
    assert list(data["selections"]["publications"]) == [first[1], first[0], *first[2:]]
    assert data["attachments"] == {"phd-certificate": "attachments/work-sample.pdf"}
