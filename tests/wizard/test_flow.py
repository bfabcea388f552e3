"""The wizard driven by scripted keystrokes, as a person would answer it."""

from __future__ import annotations

import shutil
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


@pytest.fixture(autouse=True)
def _fresh(example_workspace: Path) -> None:
    """The wizard starts as for a first-time user: no saved applications."""
    shutil.rmtree(example_workspace / "profiles" / "favero" / "applications", ignore_errors=True)


def wizard(ws_root: Path, *keys: str, call: str | None = CALL):
    ws = Workspace.open(ws_root)
    out = Console(file=open("/dev/null", "w"), width=120)  # noqa: SIM115
    with keystrokes(*keys):
        return run_wizard(ws, "favero", call, out)


def saved(ws_root: Path, call: str = CALL) -> dict:
    return load_yaml(ws_root / "profiles" / "favero" / "applications" / f"{call}.yaml")


def test_whole_flow_saves_a_replayable_application(example_workspace: Path):
    outcome = wizard(
        example_workspace,
        "diffusion models and compositional data", FINISH,  # focus text
        ENTER,  # publications: keep the ranked default selection
        "Prof. Example Host", ENTER,  # host (single line)
        "The institute studies the theory I work on.", FINISH,  # fit
        ENTER,  # cover letter: keep "Dear members of the selection committee"
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
        ENTER,
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
        ENTER,
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
           "Saved fit.", FINISH, "Dr Who", ENTER, "n", ENTER)
    first = list(saved(example_workspace)["selections"]["publications"])
    # Accept every default the second time: nothing typed, everything kept.
    wizard(example_workspace, FINISH, ENTER, ENTER, FINISH, ENTER, "n", ENTER)
    data = saved(example_workspace)
    assert data["status"] == "complete"
    assert data["answers"]["addressee"] == "Dr Who"
    assert data["focus"] == "first focus"
    assert data["answers"]["host"] == "Prof. Saved"
    assert data["answers"]["fit"] == "Saved fit."
    assert list(data["selections"]["publications"]) == first


def test_ctrl_c_in_a_list_keeps_the_ticks(example_workspace: Path):
    with pytest.raises(Stopped) as stopped:
        wizard(example_workspace, FINISH, " ", DOWN, " ", CTRL_C)  # untick the first two
    assert stopped.value.unfinished == "what you had ticked"
    data = saved(example_workspace)
    assert data["status"] == "draft"
    assert len(data["selections"]["publications"]) == 10


def test_nothing_ticked_is_confirmed_not_silent(example_workspace: Path):
    wizard(
        example_workspace,
        FINISH,
        "a", "a", ENTER,  # tick all, then none: nothing ticked
        ENTER,  # "Leave out every item of publications?" No (the default): the list again
        ENTER,  # the ranked default is ticked again: accept it
        "Host", ENTER, "Fit.", FINISH, ENTER, "n", ENTER,
    )
    assert len(saved(example_workspace)["selections"]["publications"]) == 12
    wizard(
        example_workspace,
        FINISH, "a", "a", ENTER,  # all, then none
        "y",  # yes, leave every publication out
        ENTER, FINISH, ENTER, "n", ENTER,
    )
    assert list(saved(example_workspace)["selections"]["publications"]) == []


def test_optional_document_can_be_left_out_with_its_questions(example_workspace: Path):
    # A call extending ai-faculty whose optional diversity statement has a prompt of its own.
    (example_workspace / "calls" / "with-prompt.yaml").write_text(
        "id: with-prompt\n"
        "extends: ai-faculty\n"
        "name: Faculty call with a diversity question\n"
        "documents:\n"
        "  - id: diversity-statement\n"
        "    prompts: [commitment]\n"
        "prompts:\n"
        "  - id: commitment\n"
        "    question: How have you widened participation?\n"
        "    max_words: 50\n"
    )
    wizard(
        example_workspace,
        FINISH,  # focus
        " ", ENTER,  # documents: the pointer starts on the optional one; untick it
        ENTER,  # publications: no cap, all ticked
        "Professor Smith", ENTER,  # the cover letter's addressee; the diversity prompt is not asked
        "n", ENTER,
        call="with-prompt",
    )
    data = saved(example_workspace, "with-prompt")
    assert list(data["skip_documents"]) == ["diversity-statement"]
    assert "commitment" not in data.get("answers", {})
    assert data["answers"]["addressee"] == "Professor Smith"
    assert data["status"] == "complete"

    # Run again, keep the statement this time: now its question is asked.
    wizard(
        example_workspace,
        FINISH, " ", ENTER, ENTER,
        "Mentoring first-generation students.", FINISH,
        ENTER, "n", ENTER,
        call="with-prompt",
    )
    data = saved(example_workspace, "with-prompt")
    assert "skip_documents" not in data
    assert data["answers"]["commitment"] == "Mentoring first-generation students."


def test_call_list_filters_by_id_and_ctrl_c_there_saves_nothing(example_workspace: Path):
    outcome = wizard(example_workspace, "ml-theory", ENTER, FINISH, ENTER, "Host", ENTER,
                     "Fit.", FINISH, ENTER, "n", ENTER, call=None)
    assert outcome.call == CALL
    with pytest.raises(Stopped) as stopped:
        wizard(example_workspace, "erc", CTRL_C, call=None)
    assert stopped.value.saved is False
    with pytest.raises(Stopped) as stopped:
        wizard(example_workspace, CTRL_C, call="ai-faculty")  # the first question, nothing typed
    assert stopped.value.saved is False
    folder = example_workspace / "profiles" / "favero" / "applications"
    assert sorted(p.name for p in folder.iterdir()) == [f"{CALL}.yaml"]
