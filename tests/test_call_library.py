"""The built-in call library (packet/calls/) and the example workspace's own calls (calls/).

These tests pin the figures users and scripts rely on, so that an edit to a spec
that changes a funder's limit is a deliberate one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from packet.model.call import CallSpec
from packet.store.calls import BUILTIN_DIR, CallSource, merge, resolve_call

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = REPO / "calls"

BUILTIN_IDS = {
    "nsf", "nih", "erc-stg", "msca-pf", "us-faculty", "cambridge-jrf", "humboldt", "snsf-ambizione",
    "ukri-r4ri", "dfg-cv", "doe-early-career", "nsf-career",
}
# Built-in calls that start from another built-in one.
BUILTIN_CHILDREN = {"nsf-career": "nsf"}
EXAMPLE_IDS = {"ml-theory-fellowship", "ai-faculty"}
TEMPLATES = {
    "cv", "publications", "talks", "awards-and-funding", "track-record", "research-statement",
    "cover-letter", "statement", "biosketch-supplement",
}
STYLES = {"apa", "nature", "ieee", "chicago-author-date", "vancouver"}


def _raw(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _builtin(call_id: str) -> CallSpec:
    if call_id in BUILTIN_CHILDREN:
        spec, _ = resolve_call(call_id, _sources())
        return spec
    return CallSpec.model_validate(_raw(BUILTIN_DIR / f"{call_id}.yaml"))


def _sources() -> dict[str, CallSource]:
    sources = {p.stem: CallSource(p.stem, p, p.name, True) for p in BUILTIN_DIR.glob("*.yaml")}
    for path in EXAMPLE_DIR.glob("*.yaml"):
        sources[path.stem] = CallSource(path.stem, path, f"calls/{path.name}", False)
    return sources


def _resolved(call_id: str) -> CallSpec:
    spec, _ = resolve_call(call_id, _sources())
    return spec


def _all_specs() -> list[CallSpec]:
    return [_builtin(i) for i in sorted(BUILTIN_IDS)] + [_resolved(i) for i in sorted(EXAMPLE_IDS)]


# -- the library as a whole ---------------------------------------------------------


def test_builtin_ids_are_the_promised_ones() -> None:
    assert {p.stem for p in BUILTIN_DIR.glob("*.yaml")} >= BUILTIN_IDS


@pytest.mark.parametrize("call_id", sorted(BUILTIN_IDS))
def test_builtin_loads_and_validates(call_id: str) -> None:
    path = BUILTIN_DIR / f"{call_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "each spec opens with a comment citing its sources and date"
    spec = _builtin(call_id)
    assert spec.id == call_id
    assert spec.extends == BUILTIN_CHILDREN.get(call_id)
    assert spec.rules_read is not None
    # Every built-in records the round its rules are for and the documents they come from.
    assert spec.cycle is not None, "each built-in call records its cycle"
    assert spec.sources, "each built-in call lists the documents its rules were read from"
    assert "Sklodowska" not in text
    assert spec.url or spec.note, "a spec without a url says why in `note`"
    if spec.url:
        assert spec.url.startswith("https://")
    assert spec.description.strip()
    assert len(spec.keywords) >= 4
    assert spec.style in STYLES


@pytest.mark.parametrize("spec", _all_specs(), ids=lambda s: s.id)
def test_templates_exist(spec: CallSpec) -> None:
    for doc in spec.documents:
        if doc.kind == "document":
            assert doc.template in TEMPLATES, f"{spec.id}/{doc.id} uses unknown {doc.template}"
        else:
            assert doc.template == "", f"{spec.id}/{doc.id}: a {doc.kind} has no template"


@pytest.mark.parametrize("spec", _all_specs(), ids=lambda s: s.id)
def test_every_prompt_is_answered_somewhere(spec: CallSpec) -> None:
    used = {p for doc in spec.documents for p in doc.prompts}
    used |= {f.prompt for doc in spec.documents for f in doc.fields if f.prompt}
    used |= {doc.partner_pages.prompt for doc in spec.documents if doc.partner_pages}
    assert {p.id for p in spec.prompts} == used


# -- source marks ---------------------------------------------------------------------


def test_unconfirmed_and_secondary_rules_are_marked() -> None:
    erc = _builtin("erc-stg")
    assert erc.format.source == "unconfirmed"
    assert erc.document("synopsis").source == "funder"
    assert erc.document("cv-track-record").source == "secondary"
    assert erc.document("cv-track-record").rule_for("publications").source == "secondary"
    # The 2027 window is reported by a university office and the press, not read in the WP.
    assert erc.eligibility is not None and erc.eligibility.source == "secondary"
    assert {a.id: a.source for a in erc.attachments} == {
        "host-support-letter": "funder", "phd-record": "secondary", "funding-annex": "secondary",
    }

    nsf = _builtin("nsf")
    assert nsf.format.source == "secondary"
    assert nsf.document("project-summary").source == "secondary"  # the 4,600 characters
    assert {f.source for f in nsf.document("project-summary").fields} == {"secondary"}
    assert nsf.document("budget-justification").source == "secondary"
    assert nsf.document("coa").source == "funder"
    assert nsf.document("synergistic-activities").source == "funder"
    # NSF's own SBIR/STTR page (citing PAPPG II.D.2.h(i)) says both come from SciENcv.
    assert {a.id: a.source for a in nsf.attachments} == {
        "biosketch": "funder", "current-pending-support": "funder",
    }
    # PAPPG Chapter II was looked for and not found: the spec says so with a source.
    assert any(s.status == "unconfirmed" and "Chapter II" in s.title for s in nsf.sources)
    # That 24-1 is still in force was read only in a secondary source: the cycle says so.
    assert nsf.cycle is not None and nsf.cycle.source == "secondary"

    nih = _builtin("nih")
    assert nih.format.source == "funder" and nih.files.source == "funder"
    assert nih.document("biosketch-supplement").source == "funder"
    # The Supplement's limits were read in guides quoting NIH, not in NIH's own text.
    assert all(p.source == "secondary" for p in nih.prompts)
    assert {f.source for f in nih.document("biosketch-supplement").fields} == {"secondary"}
    # Current and Pending Support goes in at Just-in-Time, not with the application.
    cpos = next(a for a in nih.attachments if a.id == "current-pending-support")
    assert cpos.certified and not cpos.required
    assert {f.id: f.source for f in nih.facts}["six-applications"] == "secondary"

    msca = _builtin("msca-pf")
    assert msca.format.source == "secondary"
    assert all(d.source == "secondary" for d in msca.documents)
    assert msca.eligibility is not None and msca.eligibility.source == "funder"
    assert msca.document("capacity").partner_pages.source == "secondary"
    # Grant monitors give 80% for the 2026 call, the 2021 guides 70%: sources disagree.
    resubmission = {f.id: f for f in msca.facts}["resubmission"]
    assert resubmission.source == "unconfirmed" and "80%" in resubmission.text

    snsf = _builtin("snsf-ambizione")
    assert snsf.prompt("achievements").source == "secondary"
    assert snsf.eligibility is not None and snsf.eligibility.source == "funder"

    # Funders that set no format: packet's defaults must not pass for the funder's rules.
    for call_id in ("cambridge-jrf", "humboldt", "snsf-ambizione", "ukri-r4ri",
                    "doe-early-career"):
        assert _builtin(call_id).format.source == "unconfirmed", call_id
    # The DFG form's Arial 11 pt and four pages, read in a reproduction of the form.
    dfg = _builtin("dfg-cv")
    assert dfg.format.source == "secondary" and dfg.format.min_font_size == 11
    assert dfg.document("cv").max_pages == 4 and dfg.document("cv").source == "secondary"


@pytest.mark.parametrize("call_id", sorted(BUILTIN_IDS))
def test_sources_carry_their_status_and_date(call_id: str) -> None:
    spec = _builtin(call_id)
    for source in spec.sources:
        assert source.status in ("funder", "secondary", "unconfirmed")
        assert source.read.year >= 2022
    # A spec that says something was not found says so with an unconfirmed source or rule.
    statuses = {s.status for s in spec.sources}
    assert statuses, call_id


@pytest.mark.parametrize("call_id", sorted(BUILTIN_IDS))
def test_every_builtin_was_rechecked_against_the_funders_pages(call_id: str) -> None:
    """The 2026-12-06 re-check left a dated source in each spec, with its address."""
    spec = _builtin(call_id)
    rechecked = [s for s in spec.sources if str(s.read) == "2026-12-06"]
    assert rechecked, f"{call_id}: no source read on 2026-12-06"
    # A funder's page read that day is named by its address.
    for source in rechecked:
        assert source.url or source.status != "funder", (call_id, source.title)


def test_the_funders_own_pages_confirm_what_they_say() -> None:
    # Trinity's own page: the statement, the work sample and who sends the references.
    jrf = _builtin("cambridge-jrf")
    assert jrf.prompt("research-statement").max_words == 1000
    assert any("trin.cam.ac.uk" in (s.url or "") and s.status == "funder" and
               str(s.read) == "2026-12-06" for s in jrf.sources)
    assert all(d.ref for d in jrf.documents) and all(a.ref for a in jrf.attachments)
    # A generic faculty search says that its limits come from typical postings.
    faculty = _builtin("us-faculty")
    assert all(d.source == "secondary" for d in faculty.documents)
    assert faculty.files.ref and "Interfolio" in faculty.files.ref
    # NIH's leniency notice moves the cycle: the legacy formats ended with May 2026.
    nih = _builtin("nih")
    assert nih.cycle is not None and "NOT-OD-26-033" in (nih.cycle.ref or "")


def test_rules_read_follows_the_dated_rules() -> None:
    assert str(_builtin("nsf").rules_read) == "2024-05-20"  # PAPPG 24-1
    assert str(_builtin("cambridge-jrf").rules_read) == "2025"
    for call_id in ("nih", "msca-pf", "erc-stg", "humboldt", "snsf-ambizione", "ukri-r4ri",
                    "dfg-cv", "doe-early-career", "nsf-career", "us-faculty"):
        assert str(_builtin(call_id).rules_read) == "2026-12-06", call_id


# -- the example workspace's own calls -------------------------------------------------


def test_example_ids_match_file_names() -> None:
    assert {p.stem for p in EXAMPLE_DIR.glob("*.yaml")} >= EXAMPLE_IDS
    for call_id in EXAMPLE_IDS:
        assert _raw(EXAMPLE_DIR / f"{call_id}.yaml")["id"] == call_id


def test_ml_theory_fellowship() -> None:
    call = _resolved("ml-theory-fellowship")
    assert call.description.startswith("Example call for packet's example workspace")
    assert call.kind == "fellowship"
    assert (call.format.paper, call.format.font_size) == ("a4", 11)
    assert [d.id for d in call.documents] == [
        "cv", "publications", "research-statement", "cover-letter",
    ]
    cv = call.document("cv")
    pubs = cv.rule_for("publications")
    assert cv.max_pages == 3 and pubs.max_items == 12 and str(pubs.since) == "2020"
    assert call.document("publications").rule_for("publications").max_items == 15
    statement = call.document("research-statement")
    assert (statement.max_pages, statement.max_words, statement.statement) == (2, 1000, "research")
    assert call.document("cover-letter").max_pages == 1
    assert call.prompt("fit").max_words == 100
    assert {"diffusion models", "theory of deep learning"} <= set(call.keywords)
    assert any("statistical physics" in k for k in call.keywords)


def test_ai_faculty_extends_us_faculty() -> None:
    raw = _raw(EXAMPLE_DIR / "ai-faculty.yaml")
    assert raw["extends"] == "us-faculty"
    # Only the differences are written: no document repeats its template.
    assert all("template" not in d for d in raw.get("documents", []))

    call = _resolved("ai-faculty")
    parent = _builtin("us-faculty")
    assert call.name == "Assistant Professor in Machine Learning (example)"
    assert call.kind == "job"
    assert call.description.startswith("Example call for packet's example workspace")
    assert [d.id for d in call.documents] == [d.id for d in parent.documents]
    assert call.document("diversity-statement").optional
    assert call.document("research-statement").max_pages == 3
    assert call.document("research-statement").template == "research-statement"
    assert call.document("teaching-statement") == parent.document("teaching-statement")
    assert call.files.max_size_mb == 25
    assert call.rules_read == parent.rules_read
    assert call.format == parent.format
    assert "foundation models" in call.keywords


# -- docs/calls.md ---------------------------------------------------------------------


def _doc_examples() -> list[dict[str, Any]]:
    text = (REPO / "docs" / "calls.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    loaded = [YAML(typ="safe").load(block) for block in blocks]
    return [b for b in loaded if isinstance(b, dict) and "id" in b]


def test_docs_examples_validate() -> None:
    examples = _doc_examples()
    assert len(examples) >= 4
    for example in examples:
        if "extends" in example:
            parent = _raw(BUILTIN_DIR / f"{example['extends']}.yaml")
            parent = {k: v for k, v in parent.items() if k not in ("id", "extends")}
            CallSpec.model_validate(merge(parent, example))
        else:
            CallSpec.model_validate(example)


def test_docs_complete_example_matches_the_example_call() -> None:
    example = next(e for e in _doc_examples() if e["id"] == "ml-theory-fellowship")
    documented = CallSpec.model_validate(example)
    shipped = _resolved("ml-theory-fellowship")
    assert documented.documents == shipped.documents
    assert documented.prompts == shipped.prompts


@pytest.mark.parametrize("call_id", ["nsf", "nih", "msca-pf", "erc-stg", "dfg-cv"])
def test_the_checked_calls_say_where_each_document_rule_was_read(call_id: str) -> None:
    """A grants office can go from any page or box limit to the text it came from."""
    spec = _builtin(call_id)
    titles = " ".join(s.title for s in spec.sources)
    for rule in [*spec.documents, *spec.attachments]:
        assert rule.ref, f"{call_id}: {rule.id} does not say where it was read"
        # A reference names a source the spec lists, or the reference notes read in 2026-11.
        named = rule.ref.split(",")[0].split(" (")[0].split(";")[0].strip()
        assert named.split()[0] in titles or "2026-11" in rule.ref, (call_id, rule.id, named)
