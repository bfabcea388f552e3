"""The wizard driven by scripted keystrokes, as a person would answer it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from packet.store.workspace import Workspace
from packet.store.yaml_io import load_yaml
from packet.wizard.flow import Stopped, run_wizard

ENTER = "\r"
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line answer
DOWN = "\x1b[B"
CTRL_C = "\x03"
CALL = "ml-theory-fellowship"


@contextmanager
def keystrokes(*keys: str) -> Iterator[None]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(keys))
        yield


def wizard(ws_root: Path, *keys: str):
    ws = Workspace.open(ws_root)
    out = Console(file=open("/dev/null", "w"), width=120)  # noqa: SIM115
    with keystrokes(*keys):
        return run_wizard(ws, "favero", CALL, out)


def saved(ws_root: Path) -> dict:
    return load_yaml(ws_root / "profiles" / "favero" / "applications" / f"{CALL}.yaml")


def test_whole_flow_saves_a_replayable_application(example_workspace: Path):
    outcome = wizard(
        example_workspace,
        "diffusion models and compositional data", FINISH,  # focus text
        ENTER,  # publications: keep the ranked default selection
        "Prof. Example Host", ENTER,  # host (single line)
        "The institute studies the theory I work on.", FINISH,  # fit
        "n", ENTER,  # review: do not build now
    )
    assert outcome.build is False
    data = saved(example_workspace)
    assert data["status"] == "complete"
    assert data["focus"] == "diffusion models and compositional data"
    assert data["answers"]["host"] == "Prof. Example Host"
    publications = list(data["selections"]["publications"])
    assert 0 < len(publications) <= 12  # the CV's cap of 12
    # Ranked by the focus: a diffusion-models paper is chosen and listed before older kernel work.
    assert publications[0].startswith(("favero2025", "sclocchi2025"))


def test_cap_is_refused_while_choosing(example_workspace: Path):
    outcome = wizard(
        example_workspace,
        FINISH,  # no focus
        "a", ENTER,  # tick all 18 publications: more than the CV's 12, so enter is refused
        "i",  # invert: nothing ticked
        " ", DOWN, " ", ENTER,  # tick the first two: accepted
        "Host", ENTER,
        "Fit.", FINISH,
        "n", ENTER,
    )
    assert outcome.build is False
    data = saved(example_workspace)
    # Had the 18 been accepted, the keys after it would have landed in the next answers.
    assert len(data["selections"]["publications"]) == 2
    assert data["answers"]["host"] == "Host"


def test_over_limit_answer_is_refused_until_shortened(example_workspace: Path):
    too_long = " ".join(["word"] * 120)
    wizard(
        example_workspace,
        FINISH,
        ENTER,
        "Host", ENTER,
        too_long, FINISH,  # 120 words > 100: refused
        "\x08" * (len(too_long) - len("word " * 50) + 1), FINISH,  # delete to 50 words, submit
        "n", ENTER,
    )
    answer = saved(example_workspace)["answers"]["fit"]
    assert len(answer.split()) <= 100


def test_ctrl_c_keeps_a_draft_with_what_was_typed(example_workspace: Path):
    with pytest.raises(Stopped):
        wizard(
            example_workspace,
            "my focus", FINISH,
            ENTER,
            "Prof. Half Typed", CTRL_C,
        )
    data = saved(example_workspace)
    assert data["status"] == "draft"
    assert data["focus"] == "my focus"
    assert data["answers"]["host"] == "Prof. Half Typed"
    assert "publications" in data["selections"]


def test_rerun_starts_from_saved_answers(example_workspace: Path):
    wizard(example_workspace, "first focus", FINISH, ENTER, "Prof. Saved", ENTER,
           "Saved fit.", FINISH, "n", ENTER)
    first = list(saved(example_workspace)["selections"]["publications"])
    # Accept every default the second time: nothing typed, everything kept.
    wizard(example_workspace, FINISH, ENTER, ENTER, FINISH, "n", ENTER)
    data = saved(example_workspace)
    assert data["focus"] == "first focus"
    assert data["answers"]["host"] == "Prof. Saved"
    assert data["answers"]["fit"] == "Saved fit."
    assert list(data["selections"]["publications"]) == first
