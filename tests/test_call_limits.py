"""The figures of each built-in call that users and scripts rely on.

An edit to a spec that changes a funder's limit must be a deliberate one: these
tests pin the limits, the sources they were read from and the rounds they apply to.
"""

from __future__ import annotations

from test_call_library import _builtin, _resolved


def test_erc_stg() -> None:
    erc = _builtin("erc-stg")
    ids = [d.id for d in erc.documents]
    assert ids[:2] == ["synopsis", "cv-track-record"]
    synopsis = erc.document("synopsis")
    assert synopsis.max_pages == 5 and synopsis.references_in_limit is False
    track = erc.document("cv-track-record")
    assert track.template == "track-record" and track.max_pages == 4
    assert track.rule_for("publications").max_items == 10
    assert erc.document("scientific-proposal").max_pages == 7
    # From the 2027 calls: from the PhD defence up to 10 years after it.
    assert erc.eligibility.min_years_since_phd is None
    assert erc.eligibility.max_years_since_phd == 10
    assert erc.format.paper == "a4" and erc.format.min_font_size == 11
    assert all(a.required for a in erc.attachments)
    example = _resolved("erc-stg-2028")
    assert example.eligibility == erc.eligibility
    assert example.cycle is not None and str(example.cycle.closes) == "2027-10-15"
    assert str(example.deadline) == "2027-10-15"


def test_nih() -> None:
    nih = _builtin("nih")
    supplement = nih.document("biosketch-supplement")
    assert supplement.kind == "paste-sheet"
    assert nih.prompt("personal-statement").max_chars == 3500
    contributions = [nih.prompt(p) for p in supplement.prompts if p.startswith("contribution-")]
    assert len(contributions) == 5 and all(p.max_chars == 2000 for p in contributions)
    honors = next(f for f in supplement.fields if f.id == "honors")
    assert (honors.section, honors.max_items) == ("awards", 15)
    assert supplement.rule_for("awards").max_items == 15
    attachments = {a.id: a for a in nih.attachments}
    assert set(attachments) == {"biosketch", "current-pending-support"}
    assert all(a.certified for a in attachments.values())
    # The biosketch goes in with the application; current and pending support at Just-in-Time.
    assert attachments["biosketch"].required and not attachments["current-pending-support"].required
    facts = {f.id: f for f in nih.facts}
    assert {"certification-age", "just-in-time"} <= set(facts)
    assert facts["six-applications"].kind == "per-person"
    assert "six" in facts["six-applications"].text
    assert str(nih.cycle.opens) == "2026-01-25"
    assert nih.files.max_filename_length == 50
    assert nih.files.forbidden_chars == "&"
    assert nih.files.max_size_mb == 100
    fmt = nih.format
    assert (fmt.paper, fmt.min_font_size, fmt.min_margin) == ("us-letter", 11, "0.5in")
    assert fmt.header is False and fmt.page_numbers is False and fmt.footer is None


def test_nsf() -> None:
    nsf = _builtin("nsf")
    summary = nsf.document("project-summary")
    assert summary.kind == "paste-sheet" and summary.max_chars == 4600
    assert [f.label for f in summary.fields] == ["Overview", "Intellectual Merit",
                                                 "Broader Impacts"]
    description = nsf.document("project-description")
    assert description.max_pages == 15 and "Broader Impacts" in description.required_headings
    assert nsf.document("synergistic-activities").max_pages == 1
    assert nsf.document("data-management-plan").max_pages == 2
    assert nsf.document("budget-justification").max_pages == 5
    assert nsf.document("mentoring-plan").max_pages == 1
    assert nsf.document("coa").kind == "coa"
    # The biosketch is a SciENcv PDF attached untouched, not a document packet renders.
    assert "biosketch" not in {d.id for d in nsf.documents}
    assert {a.id: (a.required, a.certified) for a in nsf.attachments}["biosketch"] == (True, True)
    fmt = nsf.format
    assert fmt.paper == "us-letter" and fmt.min_margin == "1in" and fmt.page_numbers is False
    assert fmt.min_font_size == 10 and fmt.font_minimums["Times New Roman"] == 11


def test_nsf_career_extends_nsf() -> None:
    career = _builtin("nsf-career")
    nsf = _builtin("nsf")
    assert [d.id for d in career.documents] == [d.id for d in nsf.documents]
    assert {a.id for a in career.attachments} == {a.id for a in nsf.attachments} | {
        "departmental-letter"}
    assert {"coa-per-person", "three-competitions", "tenure"} <= {f.id for f in career.facts}
    assert career.cycle is not None and career.cycle.check_by is None


def test_msca_pf() -> None:
    msca = _builtin("msca-pf")
    assert msca.document("part-b1").max_pages == 10
    titles = [h.title for h in msca.document("part-b1").required_headings]  # type: ignore[union-attr]
    assert titles == ["Excellence", "Impact", "Quality and Efficiency of the Implementation"]
    capacity = msca.document("capacity")
    assert capacity.max_pages is None
    assert (capacity.partner_pages.base, capacity.partner_pages.per_partner) == (1, 0.5)
    assert msca.document("cv").max_pages == 5
    assert msca.format.footer == "Part B - Page {page} of {pages}"
    assert msca.format.min_margin == "15mm"
    assert msca.eligibility.max_years_since_phd == 8
    assert "Skłodowska" in msca.funder
    cycle = msca.cycle
    assert (str(cycle.closes), str(cycle.next_opens), str(cycle.next_closes)) == (
        "2026-09-09", "2027-04-07", "2027-09-08")
    assert {a.id for a in msca.attachments} == {"letter-of-commitment"}
    assert "resubmission" in {f.id for f in msca.facts}


def test_us_faculty() -> None:
    job = _builtin("us-faculty")
    assert job.kind == "job"
    assert [d.id for d in job.documents] == [
        "cover-letter", "cv", "research-statement", "teaching-statement", "diversity-statement",
    ]
    assert job.document("diversity-statement").optional
    assert not any(d.optional for d in job.documents if d.id != "diversity-statement")
    assert job.document("cover-letter").template == "cover-letter"
    assert job.document("research-statement").statement == "research"
    assert job.files.max_size_mb == 100


def test_cambridge_jrf() -> None:
    jrf = _builtin("cambridge-jrf")
    statement = jrf.document("research-statement")
    assert [jrf.prompt(p).max_words for p in statement.prompts] == [1000]
    assert {a.id: a.required for a in jrf.attachments} == {"work-sample": True}


def test_humboldt_and_snsf() -> None:
    humboldt = _builtin("humboldt")
    assert humboldt.document("research-outline").max_pages == 5
    assert humboldt.eligibility.max_years_since_phd == 4
    assert {"three-calls", "expert-reviews", "host-statement"} <= {f.id for f in humboldt.facts}
    assert "800" in {f.id: f for f in humboldt.facts}["three-calls"].text
    snsf = _builtin("snsf-ambizione")
    assert snsf.prompt("achievements").max_chars == 4350
    assert (snsf.eligibility.min_years_since_phd, snsf.eligibility.max_years_since_phd) == (1, 4)
    form = snsf.document("cv-form")
    assert [(f.id, f.person or f.prompt) for f in form.fields] == [
        ("orcid", "orcid"), ("net-academic-age", "net-academic-age"),
        ("achievements", "achievements")]


def test_new_calls() -> None:
    ukri = _builtin("ukri-r4ri")
    r4ri = ukri.document("r4ri")
    assert r4ri.kind == "paste-sheet" and r4ri.max_words == 1000 and r4ri.source == "secondary"
    assert [f.id for f in r4ri.fields] == ["module-1", "module-2", "module-3", "module-4"]
    assert all(f.count == "words" and f.source == "funder" for f in r4ri.fields)
    dfg = _builtin("dfg-cv")
    assert dfg.document("cv").rule_for("publications").max_items == 10
    assert str(dfg.cycle.opens) == "2023-03-01"
    doe = _builtin("doe-early-career")
    assert all(a.certified for a in doe.attachments)
    assert {"one-per-competition", "no-letters", "position"} == {f.id for f in doe.facts}


