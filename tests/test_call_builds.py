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
from collections.abc import Callable
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


@pytest.fixture(scope="module")
def build(ws: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """Build a call once for the module (on first use) and hand back what was written."""
    done: dict[str, Built] = {}
    cache = tmp_path_factory.getbasetemp() / "cache"

    def get(call_id: str) -> Built:
        if call_id not in done:
            spec = Workspace.open(ws, cache_dir=cache).call(call_id)
            attached = write_application(ws, spec)
            result = cli("--workspace", str(ws), "build", "--profile", "favero", "--call",
                         call_id)
            assert result.code == 0, result.out + result.err
            folder = ws / "output" / call_id / "favero"
            report = json.loads((folder / "report.json").read_text("utf-8"))
            done[call_id] = Built(spec, result, folder, report, attached)
        return done[call_id]

    return get


@pytest.fixture(params=CALLS)
def built(request: pytest.FixtureRequest, build: Callable[[str], Built]) -> Built:
    return build(request.param)


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


@pytest.mark.parametrize("call_id", ["nih", "nsf", "nsf-career", "doe-early-career"])
def test_certified_attachments_are_kept_byte_for_byte(
    call_id: str, build: Callable[[str], Built]
) -> None:
    built = build(call_id)
    certified = [a for a in built.spec.attachments if a.certified]
    assert certified
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


def test_msca_warns_that_the_2026_rules_are_past(build: Callable[[str], Built]) -> None:
    built = build("msca-pf")
    [message] = [f["message"] for f in built.report["findings"] if f["rule"] == "stale-rules"]
    assert message.startswith("msca-pf: rules read for the 2026 call (closed 2026-09-09); the "
                              "2027 call opens 2027-04-07")
    assert "warning stale-rules" in " ".join(built.result.out.split())


def test_nsf_coa_lists_each_coauthor_of_the_last_48_months_once(
    build: Callable[[str], Built]
) -> None:
    built = build("nsf")
    book = load_workbook(built.folder / "documents" / "coa.xlsx")
    sheet = book["NSF COA Template"]
    rows = [r for r in list(sheet[sheet.tables["TableD"].ref])[1:] if r[1].value]
    names = [r[1].value for r in rows]
    assert len(names) == len(set(names)) > 10
    assert names.count("Wyart, Matthieu") == 1  # printed as "Wyart, M." and "Matthieu Wyart"
    assert all(r[0].value == "A:" for r in rows)
    assert {"G:", "T:"} == {r[0].value for r in list(sheet[sheet.tables["TableC"].ref])[1:]
                            if r[1].value}
    assert "coa-unfilled" in built.rules("warning")


def test_nih_paste_sheet_is_within_every_limit(build: Callable[[str], Built]) -> None:
    built = build("nih")
    text = (built.folder / "documents" / "biosketch-supplement.txt").read_text("utf-8")
    assert "OVER" not in text
    assert text.count("within the limit") >= 6  # the statement, honors and five contributions


def test_calls_show_and_batch_warn_about_stale_rules(
    ws: Path, cli: Cli, build: Callable[[str], Built]
) -> None:
    build("msca-pf")
    shown = cli("--workspace", str(ws), "calls", "show", "msca-pf")
    assert shown.code == 0
    assert "warning: msca-pf: rules read for the 2026 call (closed 2026-09-09)" in shown.flat
    assert "Skłodowska" in shown.flat and "resubmission" in shown.flat
    batch = cli("--workspace", str(ws), "batch", "--profile", "favero", "--call", "msca-pf",
                "--force", "--jobs", "1")
    assert batch.code == 0, batch.out + batch.err
    [row] = json.loads((ws / "output" / "batch-report.json").read_text("utf-8"))
    assert row["warnings"] >= 1
    report = json.loads((ws / "output" / "msca-pf" / "favero" / "report.json").read_text("utf-8"))
    assert "stale-rules" in {f["rule"] for f in report["findings"]}


# -- the commands of the call library -------------------------------------------------------


def test_calls_outdated_lists_the_stale_calls_and_strict_fails(ws: Path, cli: Cli) -> None:
    listed = cli("--workspace", str(ws), "calls", "outdated", "--as-of", "2026-11-21", "--json")
    assert listed.code == 0
    rows = {r["id"]: r for r in json.loads(listed.out)}
    assert {"msca-pf", "erc-stg", "cambridge-jrf"} <= set(rows)
    # Current on that day: NIH's 2026 forms, the R4RI guidance, PAPPG 24-1 (still in force in
    # 2026-07 by the source the spec cites).
    assert not {"nih", "ukri-r4ri", "nsf"} & set(rows)
    assert rows["msca-pf"]["reasons"][0].startswith("msca-pf: rules read for the 2026 call")
    later = cli("--workspace", str(ws), "calls", "outdated", "--as-of", "2027-02-01", "--json")
    # NIH's forms change each January, and the PAPPG is due a re-read.
    assert {"nih", "nsf"} <= {r["id"] for r in json.loads(later.out)}
    strict = cli("--workspace", str(ws), "calls", "outdated", "--strict")
    assert strict.code == 1
    bad = cli("--workspace", str(ws), "calls", "outdated", "--as-of", "2027-13-01")
    assert bad.code == 1 and "--as-of '2027-13-01' is not a date" in bad.err


def test_coa_command_writes_the_spreadsheet_and_lists_what_to_fill(
    ws: Path, cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "favero-coa.xlsx"
    result = cli("--workspace", str(ws), "coa", "--profile", "favero", "--as-of", "2026-11-21",
                 "--out", str(target))
    assert result.code == 0, result.err
    assert "co-authors (Table 4)" in result.flat and "To fill by hand" in result.flat
    assert "Table 4: affiliation of" in result.flat
    sheet = load_workbook(target)["NSF COA Template"]
    names = [r[1].value for r in list(sheet[sheet.tables["TableD"].ref])[1:]]
    assert names.count("Wyart, Matthieu") == 1
    # Eight years on, the same publications are outside the 48 months.
    old = cli("--workspace", str(ws), "coa", "--profile", "favero", "--as-of", "2034-01-01",
              "--out", str(tmp_path / "later.xlsx"))
    assert "0 co-authors (Table 4)" in old.flat
    wrong = cli("--workspace", str(ws), "coa", "--profile", "favero", "--out",
                str(tmp_path / "coa.pdf"))
    assert wrong.code == 1 and "is not an .xlsx file" in wrong.err
    assert not (tmp_path / "coa.pdf").exists()


def test_msca_part_b1_in_the_official_templates_headings_builds_without_heading_errors(
    cli: Cli, tmp_path: Path
) -> None:
    """The MSCA Part B template writes its sections in capitals with their numbers; a
    proposal that keeps them, the third as 'Quality and Efficiency of the Implementation',
    has every required heading."""
    ws = copy_example(tmp_path / "ws")
    part_b1 = ws / "profiles" / "favero" / "statements" / "part-b1.md"
    text = part_b1.read_text("utf-8")
    for old, new in (("## 1. Excellence", "## 1. EXCELLENCE"), ("## 2. Impact", "## 2. IMPACT"),
                     ("## 3. Implementation",
                      "## 3. QUALITY AND EFFICIENCY OF THE IMPLEMENTATION")):
        assert old in text
        text = text.replace(old, new)
    part_b1.write_text(text, "utf-8")
    result = cli("--workspace", str(ws), "build", "--profile", "favero", "--call", "msca-pf")
    assert result.code == 0, result.out + result.err
    report = json.loads((ws / "output" / "msca-pf" / "favero" / "report.json").read_text("utf-8"))
    assert "required-heading" not in {f["rule"] for f in report["findings"]}
    # Leaving a section out is still caught, under its official name.
    part_b1.write_text(text.replace("## 3. QUALITY AND EFFICIENCY OF THE IMPLEMENTATION",
                                    "## 3. Work and resources"), "utf-8")
    again = cli("--workspace", str(ws), "build", "--profile", "favero", "--call", "msca-pf")
    report = json.loads((ws / "output" / "msca-pf" / "favero" / "report.json").read_text("utf-8"))
    [missing] = [f for f in report["findings"] if f["rule"] == "required-heading"]
    assert missing["severity"] == "error", again.out
    assert "3 Quality and Efficiency of the Implementation" in missing["message"]
