"""Every call of the library built for the example profile, as a user runs `packet build`.

One copy of the example workspace serves the module. For each call the test
writes the application a user would: an answer to every prompt and a stand-in
PDF for every attachment (the certified ones made here, so their bytes are
known), plus a short statement for documents the example profile has no text
for. Each packet is built once; the tests read what was written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from clirun import Cli, Result, copy_example, make_cli
from openpyxl import load_workbook
from pypdf import PdfReader
from ruamel.yaml import YAML

from packet.model.call import CallSpec
from packet.store.workspace import Workspace

EPOCH = "1795219200"  # 2026-11-21T00:00:00Z
BUILD_DATE = "2026-11-21"
BUILTIN = ("nsf", "nih", "erc-stg", "msca-pf", "us-faculty", "cambridge-jrf", "humboldt",
           "snsf-ambizione", "ukri-r4ri", "dfg-cv", "doe-early-career", "nsf-career")
CALLS = (*BUILTIN, "erc-stg-2028")
ANSWERS = {"associated-partners": "1", "net-academic-age": "1 year 8 months"}
TEXT_TEMPLATES = {"statement", "research-statement", "cover-letter"}
# The example profile has no ORCID iD, which the SNSF CV form asks for.
EXPECTED_ERRORS = {"snsf-ambizione": ["paste-required"]}


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return make_cli(tmp_path_factory.getbasetemp() / "cache", {"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("calls") / "ws")


def certified_pdf(title: str, paper: str) -> bytes:
    """A one-page PDF standing in for a SciENcv form; its exact bytes are what must survive."""
    import typst

    source = (f'#set document(title: "{title}", date: datetime(year: 2026, month: 11, day: 1))\n'
              f'#set page(paper: "{paper}")\nStand-in for a certified form: {title}.\n')
    data = typst.compile(source.encode())
    assert isinstance(data, bytes)
    return data


def write_application(ws: Path, spec: CallSpec) -> dict[str, bytes]:
    """The application for `spec` and the files it needs; the attachments' bytes by id."""
    profile = ws / "profiles" / "favero"
    statements = profile / "statements"
    for doc in spec.documents:
        name = doc.statement or doc.id
        if doc.kind == "document" and doc.template in TEXT_TEMPLATES and not (
                statements / f"{name}.md").exists():
            (statements / f"{name}.md").write_text(
                f"## {doc.title}\n\nA short text written by the build test for {spec.id}.\n")
    answers = {p.id: ANSWERS.get(p.id, f"An answer for {p.id}, well within its limits.")
               for p in spec.prompts}
    attached: dict[str, bytes] = {}
    (profile / "attachments").mkdir(exist_ok=True)
    for att in spec.attachments:
        data = certified_pdf(f"{spec.id} {att.id}", spec.format.paper)
        path = profile / "attachments" / f"{spec.id}-{att.id}.pdf"
        path.write_bytes(data)
        attached[att.id] = data
    apps = profile / "applications"
    apps.mkdir(exist_ok=True)
    application = {"call": spec.id, "build_date": BUILD_DATE, "answers": answers,
                   "attachments": {a: f"attachments/{spec.id}-{a}.pdf" for a in attached}}
    with (apps / f"{spec.id}.yaml").open("w", encoding="utf-8") as out:
        YAML().dump(application, out)
    return attached


@dataclass
class Built:
    spec: CallSpec
    result: Result
    folder: Path
    report: dict[str, Any]
    attached: dict[str, bytes]

    def rules(self, severity: str) -> list[str]:
        return [f["rule"] for f in self.report["findings"] if f["severity"] == severity]


@pytest.fixture(scope="module", params=CALLS)
def built(request: pytest.FixtureRequest, ws: Path, cli: Cli,
          tmp_path_factory: pytest.TempPathFactory) -> Built:
    spec = Workspace.open(ws, cache_dir=tmp_path_factory.getbasetemp() / "cache").call(
        request.param)
    attached = write_application(ws, spec)
    result = cli("--workspace", str(ws), "build", "--profile", "favero", "--call", spec.id)
    assert result.code == 0, result.out + result.err
    folder = ws / "output" / spec.id / "favero"
    report = json.loads((folder / "report.json").read_text("utf-8"))
    return Built(spec, result, folder, report, attached)


def test_every_document_is_written_in_its_form(built: Built) -> None:
    documents = built.folder / "documents"
    for doc in built.spec.documents:
        if doc.kind == "document":
            assert (documents / f"{doc.id}.pdf").stat().st_size > 0, doc.id
        elif doc.kind == "paste-sheet":
            assert (documents / f"{doc.id}.txt").read_text("utf-8").startswith(doc.title)
            assert (documents / f"{doc.id}.md").read_text("utf-8").startswith(f"# {doc.title}")
        else:
            assert (documents / f"{doc.id}.xlsx").read_bytes()[:2] == b"PK"
    kinds = {d["id"]: d["kind"] for d in built.report["documents"]}
    assert {d.id: d.kind for d in built.spec.documents}.items() <= kinds.items()


def test_an_application_that_follows_the_rules_has_no_errors(built: Built) -> None:
    assert built.rules("error") == EXPECTED_ERRORS.get(built.spec.id, []), built.result.out


def test_certified_attachments_are_kept_byte_for_byte(built: Built) -> None:
    certified = [a for a in built.spec.attachments if a.certified]
    if not certified:
        pytest.skip(f"{built.spec.id} has no certified attachment")
    packet = PdfReader(built.folder / "packet.pdf")
    for att in certified:
        original = hashlib.sha256(built.attached[att.id]).hexdigest()
        copy = built.folder / "documents" / f"{att.id}.pdf"
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == original
        [embedded] = packet.attachments[f"{att.id}.pdf"]
        assert hashlib.sha256(embedded).hexdigest() == original
        entry = next(d for d in built.report["documents"] if d["id"] == att.id)
        assert entry["certified"] is True
        assert entry["files"][0]["sha256"] == original


def test_stale_rules_warn_in_the_build(built: Built) -> None:
    from packet.check.cycle import stale_reasons
    from packet.model.dates import PartialDate

    expected = stale_reasons(built.spec, PartialDate.parse(BUILD_DATE)) if built.spec.cycle else []
    messages = [f["message"] for f in built.report["findings"] if f["rule"] == "stale-rules"]
    assert len(messages) == len(expected)
    for reason, message in zip(expected, messages, strict=True):
        assert message.startswith(reason.rstrip("."))


# -- what a grants office checks on particular calls ----------------------------------------


def _built(ws: Path, call: str) -> Path:
    folder = ws / "output" / call / "favero"
    assert (folder / "report.json").exists(), f"build {call} first"
    return folder


def test_msca_warns_that_the_2026_rules_are_past(built: Built) -> None:
    if built.spec.id != "msca-pf":
        pytest.skip("msca-pf only")
    [message] = [f["message"] for f in built.report["findings"] if f["rule"] == "stale-rules"]
    assert message.startswith("msca-pf: rules read for the 2026 call (closed 2026-09-09); the "
                              "2027 call opens 2027-04-07")
    assert "warning stale-rules" in " ".join(built.result.out.split())


def test_nsf_coa_lists_each_coauthor_of_the_last_48_months_once(built: Built) -> None:
    if built.spec.id != "nsf":
        pytest.skip("nsf only")
    book = load_workbook(built.folder / "documents" / "coa.xlsx")
    sheet = book["NSF COA Template"]
    rows = list(sheet[sheet.tables["Table4"].ref])[1:]
    names = [r[1].value for r in rows]
    assert len(names) == len(set(names)) > 10
    assert names.count("Wyart, Matthieu") == 1  # printed as "Wyart, M." and "Matthieu Wyart"
    assert all(r[0].value == "A:" for r in rows)
    assert {"G:", "T:"} == {r[0].value for r in list(sheet[sheet.tables["Table3"].ref])[1:]}
    assert "coa-unfilled" in built.rules("warning")


def test_nih_paste_sheet_is_within_every_limit(built: Built) -> None:
    if built.spec.id != "nih":
        pytest.skip("nih only")
    text = (built.folder / "documents" / "biosketch-supplement.txt").read_text("utf-8")
    assert "OVER" not in text
    assert text.count("within the limit") >= 6  # the statement, honors and five contributions


def test_calls_show_and_batch_warn_about_stale_rules(ws: Path, cli: Cli, built: Built) -> None:
    if built.spec.id != "msca-pf":
        pytest.skip("msca-pf only")
    shown = cli("--workspace", str(ws), "calls", "show", "msca-pf")
    assert shown.code == 0
    assert "warning: msca-pf: rules read for the 2026 call (closed 2026-09-09)" in shown.flat
    assert "Skłodowska" in shown.flat and "resubmission" in shown.flat
    batch = cli("--workspace", str(ws), "batch", "--profile", "favero", "--call", "msca-pf",
                "--force", "--jobs", "1")
    assert batch.code == 0, batch.out + batch.err
    [row] = json.loads((ws / "output" / "batch-report.json").read_text("utf-8"))
    assert row["warnings"] >= 1
    report = json.loads((_built(ws, "msca-pf") / "report.json").read_text("utf-8"))
    assert "stale-rules" in {f["rule"] for f in report["findings"]}
