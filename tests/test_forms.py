"""Paste sheets and NSF's COA, built from plain records (no workspace, no disk)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from packet.forms import build_forms
from packet.forms.coa import coa_output, coa_rows
from packet.forms.coa_sheet import Row, write_workbook
from packet.forms.names import Name, is_self, merge_names
from packet.forms.paste_sheet import paste_sheet_output
from packet.model.application import Application
from packet.model.call import CallSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.store.calls import BUILTIN_DIR

AS_OF = PartialDate(2026, 11, 15)


def _builtin(call_id: str) -> CallSpec:
    data = YAML(typ="safe").load((BUILTIN_DIR / f"{call_id}.yaml").read_text("utf-8"))
    return CallSpec.model_validate(data)


def _profile(**sections: object) -> Profile:
    person = {"name": "Ada Rossi", "name_variants": ["Rossi, A.", "A. Rossi"],
              "orcid": "0000-0002-1825-0097", "affiliation": "EPFL"}
    return Profile.model_validate({"person": person, **sections})


def _pub(pid: str, year: int, authors: list[str], month: int | None = None) -> dict[str, object]:
    date = {"date": f"{year}-{month:02d}"} if month else {}
    return {"id": pid, "kind": "journal", "title": f"Paper {pid}", "year": year,
            "authors": authors, **date}


# -- names ------------------------------------------------------------------------------


def test_name_variants_of_one_coauthor_merge_and_others_stay_apart() -> None:
    people = merge_names(["Wyart, M.", "Matthieu Wyart", "M. Wyart", "Wyart, J.",
                          "Ortiz-Jiménez, Guillermo", "Ortiz-Jimenez, G."])
    shown = sorted(str(p.name) for p, _ in people)
    assert shown == ["Ortiz-Jiménez, Guillermo", "Wyart, J.", "Wyart, Matthieu"]


def test_parsing_keeps_particles_and_initials_only_names() -> None:
    assert str(Name.parse("Ludovic van der Berg")) == "van der Berg, Ludovic"
    assert Name.parse("C. A. B.").initials_only
    assert is_self("A. Rossi", ["Ada Rossi"]) and not is_self("B. Rossi", ["Ada Rossi"])


# -- paste sheets -------------------------------------------------------------------------


def _nih_application(statement: str, **more: str) -> Application:
    return Application(call="nih", answers={"personal-statement": statement,
                                            "contribution-1": "First contribution.", **more})


def test_nih_sheet_counts_each_box_as_the_portal_does() -> None:
    nih = _builtin("nih")
    profile = _profile(awards=[{"id": f"a{i}", "title": f"Prize {i}", "issuer": "Society",
                                "date": f"{2010 + i}"} for i in range(3)])
    out = paste_sheet_output(nih, nih.document("biosketch-supplement"), profile,
                             _nih_application("I am well suited."), AS_OF)
    text = out.files["biosketch-supplement.txt"].decode()
    assert "== Personal Statement ==" in text
    assert "Counts: 17 characters with spaces; 14 without; 4 words" in text
    assert "Limit: at most 3 entries" not in text
    assert "3 entries; " in text and "Limit: at most 15 entries — within the limit" in text
    assert "2012 Prize 2, Society" in text
    assert out.findings == []
    markdown = out.files["biosketch-supplement.md"].decode()
    assert markdown.startswith("# NIH Biographical Sketch Supplement")
    assert "| Honors | 3 entries;" in markdown


def test_sixteen_chosen_honors_are_one_over_the_limit() -> None:
    nih = _builtin("nih")
    profile = _profile(awards=[{"id": f"a{i}", "title": f"Prize {i}", "date": f"{2000 + i}"}
                               for i in range(16)])
    # The default selection stops at 15; an application that chooses 16 keeps them all.
    default = paste_sheet_output(nih, nih.document("biosketch-supplement"), profile,
                                 _nih_application("Statement."), AS_OF)
    assert default.findings == [] and default.items == {"awards": 15}
    chosen = _nih_application("Statement.").model_copy(
        update={"selections": {"awards": [f"a{i}" for i in range(16)]}})
    out = paste_sheet_output(nih, nih.document("biosketch-supplement"), profile, chosen, AS_OF)
    [finding] = out.findings
    assert (finding.rule, finding.severity) == ("paste-limit", "error")
    assert finding.actual == "16 entries" and finding.limit == "15 entries"
    assert "OVER: 1 entries over" in out.files["biosketch-supplement.txt"].decode()


def test_nsf_summary_total_counts_all_three_boxes() -> None:
    nsf = _builtin("nsf")
    long = "word " * 400  # 2,000 characters per box with its spaces
    application = Application(call="nsf", answers={
        "overview": long, "intellectual-merit": long, "broader-impacts": long})
    out = paste_sheet_output(nsf, nsf.document("project-summary"), _profile(), application,
                             AS_OF)
    [finding] = out.findings
    assert finding.rule == "paste-total" and finding.limit == "4,600 characters (spaces included)"
    assert "OVER by" in out.files["project-summary.txt"].decode().splitlines()[2]


def test_r4ri_counts_words_across_the_four_modules() -> None:
    ukri = _builtin("ukri-r4ri")
    answers = {f"module-{i}": "one two three " * 90 for i in range(1, 5)}  # 270 words each
    out = paste_sheet_output(ukri, ukri.document("r4ri"), _profile(),
                             Application(call="ukri-r4ri", answers=answers), AS_OF)
    [finding] = out.findings
    assert (finding.actual, finding.limit) == ("1,080 words", "1,000 words")
    assert "(the portal counts 270 words)" in out.files["r4ri.txt"].decode()


def test_snsf_sheet_takes_the_orcid_from_the_person_and_flags_a_missing_one() -> None:
    snsf = _builtin("snsf-ambizione")
    form = snsf.document("cv-form")
    ok = paste_sheet_output(snsf, form, _profile(), None, AS_OF)
    assert "0000-0002-1825-0097" in ok.files["cv-form.txt"].decode()
    bare = Profile.model_validate({"person": {"name": "Ada Rossi"}})
    [finding] = paste_sheet_output(snsf, form, bare, None, AS_OF).findings
    assert finding.rule == "paste-required" and "person.orcid" in finding.message


# -- COA ----------------------------------------------------------------------------------


def _coa_profile() -> Profile:
    return _profile(
        publications=[
            _pub("p1", 2025, ["Rossi, A.", "Wyart, M.", "Chen, Li"], month=5),
            _pub("p2", 2024, ["Ada Rossi", "Matthieu Wyart"]),
            _pub("p3", 2021, ["Rossi, A.", "Old, Coauthor"], month=3),  # before the 48 months
        ],
        education=[{"id": "phd", "degree": "PhD", "institution": "EPFL", "end": "2025-03",
                    "advisors": ["Matthieu Wyart"]}],
        mentoring=[{"id": "m1", "student": "Jo Park", "level": "phd", "institution": "EPFL",
                    "date": "2024"},
                   {"id": "m2", "student": "T. H.", "level": "bachelor", "date": "2024"}],
        positions=[{"id": "pos", "title": "Postdoc", "organization": "EPFL", "start": "2025-04",
                    "end": "present"}],
    )


def test_coa_rows_from_publications_education_and_mentoring() -> None:
    rows, unfilled = coa_rows(_coa_profile(), AS_OF)
    table4 = [(r.code, r.name, r.affiliation, r.last_active) for r in rows if r.table == 4]
    # May 2025 is dated its last day; the newest shared paper counts (p1 of 2025-05, not p2).
    assert table4 == [("A:", "Chen, Li", "", dt.date(2025, 5, 31)),
                      ("A:", "Wyart, Matthieu", "EPFL", dt.date(2025, 5, 31))]
    table3 = [(r.code, r.name) for r in rows if r.table == 3]
    assert table3 == [("G:", "Wyart, Matthieu"), ("T:", "Park, Jo")]  # bachelor's left out
    # A current affiliation leaves Last Active Date blank, as the template asks.
    assert [(r.name, r.affiliation, r.last_active) for r in rows if r.table == 1] == [
        ("Rossi, Ada", "EPFL", None)]
    assert "Table 4: affiliation of Chen, Li" in unfilled
    assert any(u.startswith("Table 2:") for u in unfilled)


def test_coa_fills_a_coauthors_affiliation_from_the_mentoring_the_profile_records() -> None:
    data = _coa_profile().model_dump(mode="json", exclude_none=True)
    data["publications"].append(_pub("p5", 2026, ["Rossi, A.", "Park, J."], month=2))
    rows, unfilled = coa_rows(Profile.model_validate(data), AS_OF)
    # "Park, J." is the thesis advisee Jo Park, whose institution the profile knows.
    assert [(r.name, r.affiliation) for r in rows if r.table == 4 and "Park" in r.name] == [
        ("Park, J.", "EPFL")]
    assert not any("Park" in u for u in unfilled)


def test_coa_reads_a_coauthors_affiliation_from_the_profiles_coauthors_under_any_spelling(
) -> None:
    data = _coa_profile().model_dump(mode="json", exclude_none=True)
    data["coauthors"] = [{"id": "co-chen-li", "name": "Li Chen", "variants": ["Chen, L."],
                          "affiliation": "Tsinghua University", "last_active": "2025-05"}]
    rows, unfilled = coa_rows(Profile.model_validate(data), AS_OF)
    assert [(r.name, r.affiliation) for r in rows if r.table == 4 and "Chen" in r.name] == [
        ("Chen, Li", "Tsinghua University")]
    assert "Table 4: affiliation of Chen, Li" not in unfilled
    # A recorded person of another given name is someone else: nothing is borrowed.
    data["coauthors"][0].update(name="Wei Chen", variants=[])
    rows, unfilled = coa_rows(Profile.model_validate(data), AS_OF)
    assert "Table 4: affiliation of Chen, Li" in unfilled


def test_coa_counts_coauthors_of_papers_published_after_the_as_of_date() -> None:
    data = _coa_profile().model_dump(mode="json", exclude_none=True)
    data["publications"].append(
        {**_pub("p4", 2027, ["Rossi, A.", "Novak, Eva"], month=3), "status": "to appear"})
    rows, _ = coa_rows(Profile.model_validate(data), AS_OF)
    [novak] = [r for r in rows if r.table == 4 and r.name == "Novak, Eva"]
    assert novak.last_active == AS_OF.as_date()  # never a date after the COA's own


def test_coa_workbook_has_the_template_layout_and_each_coauthor_once() -> None:
    out = coa_output(_builtin("nsf").document("coa"), _coa_profile(), AS_OF)
    book = load_workbook(io.BytesIO(out.files["coa.xlsx"]))
    assert book.sheetnames == ["NSF COA Template"]
    sheet = book["NSF COA Template"]
    # NSF's table names and places (template 3.8): Table 4 holds two rows and three blank
    # ones, as the template has five.
    assert {name: ref for name, ref in sheet.tables.items()} == {
        "TableA": "A16:D21", "TableD23": "A27:E32", "TableC": "A37:D44",
        "TableD": "A51:E56", "TableD5": "A63:E68"}
    assert sheet["A2"].value.startswith("There are five separate categories of information")
    assert sheet["A15"].value.startswith("Table 1: List the individual\u2019s last name")
    assert sheet["B24"].value.startswith('Select "R:" for column A')
    cells = list(sheet["A51:E56"])
    assert [c.value for c in cells[0]] == ["4", "Name:", "Organizational Affiliation",
                                           "Optional  (email, Department)", "Last Active"]
    assert [c.value for c in sheet["A37:D37"][0]] == [
        "3", "Advisor/Advisee Name:", "Organizational Affiliation",
        "Optional  (email, Department)"]
    assert [row[1].value for row in cells[1:]] == ["Chen, Li", "Wyart, Matthieu", None, None,
                                                   None]
    assert cells[1][4].value == dt.datetime(2025, 5, 31) and cells[1][4].number_format == \
        "m/d/yyyy"
    codes = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert codes == {"A28:A32": '"R:"', "A38:A44": '"G:,T:"', "A52:A56": '"A:,C:"',
                     "A64:A68": '"B:,E:"'}
    [warning] = [f for f in out.findings if "Table 4" in f.message]
    assert warning.severity == "warning" and "Chen, Li" in warning.message


def test_coa_tables_grow_past_the_templates_blank_rows() -> None:
    rows = [Row(4, "A:", f"Author{i:02d}, A.") for i in range(12)]
    sheet = load_workbook(io.BytesIO(write_workbook(rows, dt.date(2026, 11, 21))))[
        "NSF COA Template"]
    assert sheet.tables["TableD"].ref == "A51:E63"  # header and 12 rows
    assert sheet.tables["TableD5"].ref == "A70:E75"  # Table 5 moved down with it
    assert sheet["A65"].value.startswith("Table 5: List editorial board")
    assert [sheet.cell(r, 2).value for r in (52, 63)] == ["Author00, A.", "Author11, A."]


def test_coa_workbook_is_the_same_bytes_on_every_build() -> None:
    doc = _builtin("nsf").document("coa")
    first = coa_output(doc, _coa_profile(), AS_OF).files["coa.xlsx"]
    assert coa_output(doc, _coa_profile(), AS_OF).files["coa.xlsx"] == first


def test_build_forms_follows_the_calls_order_and_skips() -> None:
    nsf = _builtin("nsf")
    assert [f.doc.id for f in build_forms(nsf, _coa_profile(), None, AS_OF)] == [
        "project-summary", "coa"]


@pytest.mark.parametrize("call_id", ["nih", "nsf", "snsf-ambizione", "ukri-r4ri"])
def test_forms_do_not_change_their_inputs(call_id: str, tmp_path: Path) -> None:
    call = _builtin(call_id)
    profile = _coa_profile()
    before = (call.model_dump(), profile.model_dump())
    build_forms(call, profile, None, AS_OF)
    assert (call.model_dump(), profile.model_dump()) == before
    assert list(tmp_path.iterdir()) == []
