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

from packet.errors import UserError
from packet.store.workspace import Workspace
from packet.store.yaml_io import load_yaml
from packet.wizard.flow import Stopped, run_wizard

ENTER = "\r"
FINISH = "\x1b\r"  # Esc then Enter ends a multi-line answer
DOWN = "\x1b[B"
UP = "\x1b[A"
SHIFT_DOWN = "\x1b[1;2B"
HOME = "\x1b[H"
BACK = "\x1b[Z"  # Shift-Tab
END = "\x1b[F"
CTRL_C = "\x03"
CTRL_U = "\x15"
CALL = "ml-theory-fellowship"
QUIT = ("quit", ENTER)  # the review menu: typing filters it to "Save and quit" / "Quit"
# The steps of a new ml-theory-fellowship application, with every default taken.
REST = ("Host", ENTER, "Fit.", FINISH, ENTER, ENTER)  # host, fit, addressee, attachment


@contextmanager
def keystrokes(*keys: str) -> Iterator[None]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(keys))
        pipe.close()  # out of keys: the wizard sees Ctrl-D (a test fails, never hangs)
        yield


@pytest.fixture(autouse=True)
def _fresh(example_workspace: Path) -> None:
    """The wizard starts as for a first-time user: no saved applications."""
    shutil.rmtree(example_workspace / "profiles" / "favero" / "applications", ignore_errors=True)


def wizard(ws_root: Path, *keys: str, call: str | None = CALL, data: dict | None = None):
    ws = Workspace.open(ws_root)
    out = Console(file=open("/dev/null", "w"), width=120)  # noqa: SIM115
    with keystrokes(*keys):
        return run_wizard(ws, "favero", call, out, data)


def app_file(ws_root: Path, call: str = CALL) -> Path:
    return ws_root / "profiles" / "favero" / "applications" / f"{call}.yaml"


def saved(ws_root: Path, call: str = CALL) -> dict:
    return load_yaml(app_file(ws_root, call))


def test_whole_flow_saves_a_replayable_application(example_workspace: Path):
    outcome = wizard(
        example_workspace,
        "diffusion models and compositional data", FINISH,  # focus text
        ENTER,  # publications: keep the ranked default selection
        "Prof. Example Host", ENTER,  # host (single line)
        "The institute studies the theory I work on.", FINISH,  # fit
        ENTER, ENTER,  # the committee as addressee; no PhD certificate
        *QUIT,
    )
    assert outcome.build is False and outcome.written
    data = saved(example_workspace)
    assert data["status"] == "complete"
    assert data["focus"] == "diffusion models and compositional data"
    assert data["answers"]["host"] == "Prof. Example Host"
    publications = list(data["selections"]["publications"])
    assert 0 < len(publications) <= 12  # the CV's cap of 12
    assert publications[0].startswith(("favero2025", "sclocchi2025"))
    text = app_file(example_workspace).read_text()
    # Each id carries its title, for whoever edits the file by hand.
    assert "# A Phase Transition in Diffusion Models Reveals" in text
    assert not app_file(example_workspace).with_name(f"{CALL}.draft.yaml").exists()


def test_unchanged_rerun_leaves_the_file_byte_identical(example_workspace: Path):
    wizard(example_workspace, "focus", FINISH, ENTER, *REST, *QUIT)
    path = app_file(example_workspace)
    path.write_text(path.read_text().replace("call: ", "# my own note\ncall: ", 1))
    before = path.read_bytes()
    # A complete application opens on the menu: quit at once, then after a re-asked step.
    wizard(example_workspace, *QUIT)
    wizard(example_workspace, "publications", ENTER, ENTER, "focus", ENTER, FINISH, *QUIT)
    assert path.read_bytes() == before


def test_ticked_items_keep_the_users_order_and_can_be_moved(example_workspace: Path):
    from packet.store.yaml_io import save_yaml

    wizard(example_workspace, FINISH, ENTER, *REST, *QUIT)
    path = app_file(example_workspace)
    data = load_yaml(path)
    # The person reverses the list by hand and drops the last two.
    mine = list(reversed(list(data["selections"]["publications"])))[:-2]
    data["selections"]["publications"] = mine
    save_yaml(path, data)
    # Re-ask the publications: tick the first unticked one (listed after the ticked ones),
    # then go to the top and move the first ticked item down one place.
    wizard(example_workspace, "publications", ENTER, *[DOWN] * len(mine), " ",
           HOME, SHIFT_DOWN, ENTER, *QUIT)
    chosen = list(saved(example_workspace)["selections"]["publications"])
    assert chosen[:2] == [mine[1], mine[0]]
    assert chosen[2:len(mine)] == mine[2:]
    assert len(chosen) == len(mine) + 1  # the new one appended at the end
    assert chosen[-1] not in mine


def test_typing_in_a_tick_list_filters_and_never_ticks(example_workspace: Path):
    wizard(example_workspace, FINISH,
           "ai", ENTER,  # "a" and "i" are letters of the filter, not "all" and "invert"
           *REST, *QUIT)
    ticked = list(saved(example_workspace)["selections"]["publications"])
    assert len(ticked) == 12  # the ranked default, untouched by the letters


def test_cap_is_refused_while_choosing(example_workspace: Path):
    wizard(
        example_workspace, FINISH,
        *[DOWN] * 12, *[" ", DOWN] * 6, ENTER,  # tick the 6 after the default 12: refused
        *[" ", UP] * 6, ENTER,  # untick them again (from the last up): accepted
        *REST, *QUIT,
    )
    assert len(saved(example_workspace)["selections"]["publications"]) <= 12


def test_ctrl_c_never_downgrades_a_complete_application(example_workspace: Path):
    wizard(example_workspace, "focus", FINISH, ENTER, *REST, *QUIT)
    path = app_file(example_workspace)
    before = path.read_bytes()
    with pytest.raises(Stopped) as stopped:
        wizard(example_workspace, "fit", ENTER, CTRL_U, "Half typed", CTRL_C)
    assert stopped.value.unfinished == "the answer you were typing"
    assert path.read_bytes() == before
    draft = path.with_name(f"{CALL}.draft.yaml")
    assert load_yaml(draft)["answers"]["fit"] == "Half typed"
    # The next start offers it; continuing walks the steps with the typed answer in place.
    wizard(example_workspace, ENTER, FINISH, ENTER, ENTER, " and finished.", FINISH, ENTER,
           ENTER, *QUIT)
    assert saved(example_workspace)["answers"]["fit"] == "Half typed and finished."
    assert saved(example_workspace)["status"] == "complete"
    assert not draft.exists()


def test_control_characters_are_dropped_as_typed(example_workspace: Path):
    wizard(example_workspace, FINISH, ENTER, "Prof.\x1a Host\x00ess\x07", ENTER,
           "Fit\x1a.", FINISH, ENTER, ENTER, *QUIT)
    answers = saved(example_workspace)["answers"]
    assert answers["host"] == "Prof. Hostess"
    assert answers["fit"] == "Fit."
    # And the file reads back: the build and the next run accept it.
    Workspace.open(example_workspace).application("favero", CALL)


def test_a_required_answer_left_empty_is_recorded_and_reported(example_workspace: Path):
    from packet.check.rules import check_answers

    wizard(example_workspace, FINISH, ENTER, "Host", ENTER,
           FINISH,  # fit: empty, but required: the wizard asks what to do
           DOWN, ENTER,  # "Leave it empty for now"
           ENTER, ENTER, *QUIT)
    text = app_file(example_workspace).read_text()
    assert "fit: ''  # left empty" in text
    ws = Workspace.open(example_workspace)
    application = ws.application("favero", CALL)
    assert application is not None and application.status == "complete"
    found = check_answers(ws.call(CALL), application.answers)
    assert [f.rule for f in found] == ["prompt-required"]
    assert found[0].message.endswith(".") and "is required and has no answer" in found[0].message


def test_back_goes_to_the_previous_step(example_workspace: Path):
    wizard(example_workspace, "first focus", FINISH, ENTER, "Host", ENTER,
           BACK,  # at fit: back to the host
           CTRL_U, "Other host", ENTER, BACK, BACK,  # back from fit to host, then publications
           BACK, CTRL_U, "second focus", FINISH,  # from the list back to the focus
           ENTER, ENTER, "Fit.", FINISH, ENTER, ENTER, *QUIT)
    data = saved(example_workspace)
    assert data["focus"] == "second focus"
    assert data["answers"]["host"] == "Other host"


def test_cite_in_an_answer_is_refused_with_a_reason(example_workspace: Path):
    wizard(example_workspace, FINISH, ENTER, "Host", ENTER,
           "As shown {{ cite('favero2021locality') }}.", FINISH,  # refused: stays in the box
           CTRL_U, "As shown by Favero et al. (2021).", FINISH, ENTER, ENTER, *QUIT)
    assert saved(example_workspace)["answers"]["fit"] == "As shown by Favero et al. (2021)."


def test_attachment_is_checked_and_stored_relative_to_the_profile(example_workspace: Path):
    from pypdf import PdfWriter

    folder = example_workspace / "profiles" / "favero"
    (folder / "notes.txt").write_text("not a pdf")
    locked = PdfWriter()
    locked.add_blank_page(612, 792)
    locked.encrypt("secret")
    with (folder / "locked.pdf").open("wb") as handle:
        locked.write(handle)
    good = PdfWriter()
    good.add_blank_page(612, 792)
    with (folder / "attachments" / "phd.pdf").open("wb") as handle:
        good.write(handle)
    wizard(example_workspace, FINISH, ENTER, "Host", ENTER, "Fit.", FINISH, ENTER,
           "missing.pdf", ENTER, CTRL_U, "notes.txt", ENTER, CTRL_U, "locked.pdf", ENTER,
           CTRL_U, str(folder / "attachments" / "phd.pdf"), ENTER, *QUIT)
    assert saved(example_workspace)["attachments"] == {"phd-certificate": "attachments/phd.pdf"}


def test_nothing_ticked_is_confirmed_and_no_keeps_the_list_as_left(example_workspace: Path):
    untick_all = [*[" ", DOWN] * 12]  # the 12 ticked by default
    wizard(example_workspace, FINISH, *untick_all, ENTER,
           ENTER,  # "Leave out every item?" No: back to the list, still with nothing ticked
           " ", ENTER,  # tick the one under the pointer only
           *REST, *QUIT)
    assert len(saved(example_workspace)["selections"]["publications"]) == 1


def test_call_list_filters_by_funder_and_id_and_refuses_no_match(example_workspace: Path):
    outcome = wizard(example_workspace, "zzz", ENTER,  # matches nothing: Enter does nothing
                     CTRL_U, "Lindqvist", ENTER,  # the fellowship's funder
                     FINISH, ENTER, *REST, *QUIT, call=None)
    assert outcome.call == CALL
    with pytest.raises(Stopped) as stopped:
        wizard(example_workspace, "erc", CTRL_C, call=None)
    assert stopped.value.saved is False
    folder = example_workspace / "profiles" / "favero" / "applications"
    assert sorted(p.name for p in folder.iterdir()) == [f"{CALL}.yaml"]


def test_data_prefills_answers_before_the_questions(example_workspace: Path):
    wizard(example_workspace, FINISH, ENTER, ENTER, FINISH, ENTER, ENTER, *QUIT,
           data={"host": "Prof. Given", "fit": "Given fit."})
    answers = saved(example_workspace)["answers"]
    assert answers["host"] == "Prof. Given" and answers["fit"] == "Given fit."


def test_a_stale_item_id_is_offered_to_be_dropped(example_workspace: Path):
    wizard(example_workspace, FINISH, ENTER, *REST, *QUIT)
    path = app_file(example_workspace)
    text = path.read_text()
    first = saved(example_workspace)["selections"]["publications"][0]
    path.write_text(text.replace(f"- {first}", "- gone2019paper  # deleted from the profile\n"
                                 f"    - {first}", 1))
    # "Drop them?" Yes (the default): the wizard goes on, and the save leaves the id out.
    wizard(example_workspace, ENTER, "save", ENTER)
    chosen = list(saved(example_workspace)["selections"]["publications"])
    assert "gone2019paper" not in chosen and chosen[0] == first
    # Answering No keeps the file as it is and stops with the file's error.
    path.write_text(text.replace(f"- {first}", f"- gone2019paper\n    - {first}", 1))
    with pytest.raises(UserError):
        wizard(example_workspace, "n", ENTER)
    assert "gone2019paper" in path.read_text()


def test_a_file_with_a_saved_ctrl_z_is_offered_a_repair(example_workspace: Path):
    wizard(example_workspace, FINISH, ENTER, *REST, *QUIT)
    path = app_file(example_workspace)
    path.write_text(path.read_text().replace("fit: Fit.", "fit: Fit\x1a."))
    wizard(example_workspace, ENTER, *QUIT)  # "Remove them from the file?" Yes
    assert saved(example_workspace)["answers"]["fit"] == "Fit."
