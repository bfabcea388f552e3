"""`packet wizard --defaults / --data / --data-file`: applications made without a terminal,
and the pieces of the wizard that need no keys (words, checks up front, saves)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from packet.errors import UserError
from packet.store.workspace import Workspace
from packet.store.yaml_io import load_yaml

CALL = "ml-theory-fellowship"


@pytest.fixture
def run(run):
    """`packet ...` in process; `.text` is everything it printed."""

    def invoke(*args, cwd=None):
        result = run(*args, cwd=cwd)
        result.text = " ".join((result.out + result.err).split())
        return result

    return invoke


@pytest.fixture(autouse=True)
def _fresh(example_workspace: Path) -> None:
    shutil.rmtree(example_workspace / "profiles" / "favero" / "applications", ignore_errors=True)


def app_file(root: Path, call: str = CALL) -> Path:
    return root / "profiles" / "favero" / "applications" / f"{call}.yaml"


def test_defaults_and_data_make_a_complete_application_and_rerun_writes_nothing(run, example_workspace):
    result = run("wizard", "-p", "favero", "-c", CALL, "--defaults",
                 "--data", "host=Prof. Scripted", "--data", "fit=Because.", cwd=example_workspace)
    assert result.code == 0, result.text
    assert "Saved" in result.text
    data = load_yaml(app_file(example_workspace))
    assert data["status"] == "complete"
    assert data["answers"]["host"] == "Prof. Scripted"
    assert 0 < len(data["selections"]["publications"]) <= 12
    before = app_file(example_workspace).read_bytes()
    again = run("wizard", "-p", "favero", "-c", CALL, "--defaults", cwd=example_workspace)
    assert again.code == 0 and "Nothing changed" in again.text
    assert app_file(example_workspace).read_bytes() == before


def test_data_file_and_refusals(run, example_workspace, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"host": "Prof. File", "fit": "From a file.",
                                   "skip_documents": []}))
    result = run("wizard", "-p", "favero", "-c", CALL, "--defaults", "--data-file", str(answers),
                 cwd=example_workspace)
    assert result.code == 0, result.text
    assert load_yaml(app_file(example_workspace))["answers"]["fit"] == "From a file."

    missing = run("wizard", "-p", "favero", "-c", "humboldt", "--defaults", cwd=example_workspace)
    assert missing.code == 1
    assert "required answers are missing" in missing.text
    assert "--data methods=" in missing.text
    assert not app_file(example_workspace, "humboldt").exists()

    typo = run("wizard", "-p", "favero", "-c", CALL, "--defaults", "--data", "fitt=x",
               cwd=example_workspace)
    assert typo.code == 1 and "Did you mean fit?" in typo.text
    cite = run("wizard", "-p", "favero", "-c", CALL, "--defaults", "--data",
               "fit={{ cite('favero2021locality') }}", cwd=example_workspace)
    assert cite.code == 1 and "cite()" in cite.text


def test_unknown_ids_are_refused_before_any_question(run, example_workspace):
    result = run("wizard", "-p", "favero", "-c", "humbolt", cwd=example_workspace)
    assert result.code == 1
    assert "no call 'humbolt'" in result.text and "Did you mean humboldt?" in result.text
    result = run("wizard", "-p", "favro", "-c", CALL, "--defaults", cwd=example_workspace)
    assert "Did you mean favero?" in result.text


def test_reasons_in_words(example_workspace):
    from packet.model.dates import PartialDate
    from packet.select import rank_items
    from packet.wizard.words import reason_words, why

    assert reason_words("pinned") == "pinned by you to the top"
    assert reason_words("first author") == "first author"
    ws = Workspace.open(example_workspace)
    ranked = rank_items(ws.profile("favero"), ws.call(CALL), focus="diffusion models",
                        as_of=PartialDate.parse("2026-11-15"), sections=["publications"],
                        semantic=False)
    top = ranked["publications"][0]
    said = why(top)
    assert said.startswith("Mentions ") and said.endswith(".")
    assert "; " in said and " in the title" in said  # the ranker's reasons joined, in words


def test_plurals_in_the_review():
    from packet.wizard.review import count_of

    assert count_of(1, "publications") == "1 publication"
    assert count_of(2, "publications") == "2 publications"
    assert count_of(1, "teaching") == "1 teaching"


def test_eligibility_is_said_from_the_as_of_date(example_workspace):
    from packet.model.dates import PartialDate
    from packet.wizard.upfront import eligibility

    ws = Workspace.open(example_workspace)
    said = eligibility(ws.call(CALL), ws.profile("favero"), PartialDate.parse("2026-09-21"))
    assert said is not None and "at most 5 years since the PhD" in said
    assert "within the window" in said


def test_a_save_that_would_not_read_back_is_refused(example_workspace):
    from ruamel.yaml.comments import CommentedMap

    from packet.store.applications import save_application

    ws = Workspace.open(example_workspace)
    path = app_file(example_workspace)
    path.parent.mkdir(parents=True)
    path.write_text("call: ml-theory-fellowship\n")
    data = CommentedMap(call=CALL, answers=CommentedMap(nohost="x"))  # no such prompt
    with pytest.raises(UserError):
        save_application(path, data, "app.yaml", ws.profile("favero"), ws.call(CALL))
    assert path.read_text() == "call: ml-theory-fellowship\n"  # the old file stays


def test_starter_profile_is_flagged(starter):
    from packet.check.starter import STARTER_PROFILE, check_starter
    from packet.store.profiles import load_profile
    from packet.store.workspace import Workspace

    example = load_profile(STARTER_PROFILE, "starter")
    ws = Workspace.open(starter)
    (finding,) = check_starter(ws.profile(ws.profile_ids()[0]), example)
    assert finding.severity == "warning"
    assert "still holds the starter's examples" in finding.message


def test_own_profile_is_not_flagged(example_workspace):
    from packet.check.starter import STARTER_PROFILE, check_starter
    from packet.store.profiles import load_profile

    ws = Workspace.open(example_workspace)
    assert check_starter(ws.profile("favero"), load_profile(STARTER_PROFILE, "starter")) == []
