"""The call library's own checks: headings by official title, stale rules, partner pages.

Each test builds what a user would write (a heading as the funder's template
prints it, a spec read for a past round) and asserts what the report says.
"""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from packet.check.capacity import check_partner_pages
from packet.check.cycle import check_cycle, stale_reasons
from packet.check.headings import heading_matches, missing_headings
from packet.check.rules import check_text
from packet.compose.doctree import Document, Heading, Paragraph, Text
from packet.model.call import CallSpec, RequiredHeading
from packet.model.dates import PartialDate
from packet.store.calls import BUILTIN_DIR

IMPLEMENTATION = RequiredHeading(
    title="Quality and Efficiency of the Implementation", number="3", short=["Implementation"])


def _builtin(call_id: str) -> CallSpec:
    data = YAML(typ="safe").load((BUILTIN_DIR / f"{call_id}.yaml").read_text("utf-8"))
    return CallSpec.model_validate(data)


def _tree(*titles: str) -> Document:
    blocks: list[Heading | Paragraph] = [Heading(1, [Text("Part B-1")])]
    for title in titles:
        blocks += [Heading(2, [Text(title)]), Paragraph([Text("Text.")])]
    return Document("part-b1", "Part B-1", list(blocks))


# -- required headings ------------------------------------------------------------------


@pytest.mark.parametrize("heading", [
    "3. Quality and Efficiency of the Implementation",
    "Quality and efficiency of the implementation",
    "3 Implementation",
    "3. Implementation plan and resources",
    "Implementation",
    "3) QUALITY AND EFFICIENCY OF THE IMPLEMENTATION:",
])
def test_the_official_title_its_number_and_short_form_match(heading: str) -> None:
    assert heading_matches(IMPLEMENTATION, heading)


@pytest.mark.parametrize("heading", ["2. Impact", "Gantt chart", "4. Quality of the host"])
def test_other_sections_do_not_pass_for_implementation(heading: str) -> None:
    assert not heading_matches(IMPLEMENTATION, heading)


def test_msca_part_b1_with_the_official_template_titles_has_no_heading_error() -> None:
    msca = _builtin("msca-pf")
    doc = msca.document("part-b1")
    tree = _tree("1. Excellence", "2. Impact", "3. Quality and Efficiency of the Implementation")
    assert [f for f in check_text(doc, tree, msca) if f.rule == "required-heading"] == []


def test_msca_part_b1_without_impact_names_the_official_section() -> None:
    msca = _builtin("msca-pf")
    doc = msca.document("part-b1")
    [finding] = [f for f in check_text(doc, _tree("1. Excellence", "3. Implementation"), msca)
                 if f.rule == "required-heading"]
    assert finding.severity == "error" and "'2 Impact'" in finding.message


def test_plain_string_headings_keep_working() -> None:
    assert missing_headings(["Broader Impacts"], ["1. Intro", "Broader Impacts"]) == []
    assert missing_headings(["Broader Impacts"], ["Impacts"]) == ["Broader Impacts"]


# -- stale rules ------------------------------------------------------------------------


def test_msca_rules_of_the_2026_call_warn_after_it_closed() -> None:
    msca = _builtin("msca-pf")
    assert stale_reasons(msca, PartialDate(2026, 9, 9)) == []
    [finding] = check_cycle(msca, PartialDate(2026, 11, 15))
    assert (finding.rule, finding.severity) == ("stale-rules", "warning")
    assert finding.message.startswith(
        "msca-pf: rules read for the 2026 call (closed 2026-09-09); the 2027 call opens "
        "2027-04-07 and closes 2027-09-08: check the new guide")


def test_rules_read_before_the_round_opened_warn() -> None:
    spec = _builtin("ukri-r4ri").model_copy(update={"rules_read": PartialDate(2022)})
    spec.cycle = spec.cycle.model_copy(update={"opens": PartialDate(2023, 1, 1)})  # type: ignore[union-attr]
    [reason] = stale_reasons(spec, PartialDate(2026, 11, 15))
    assert "rules read in 2022, before the R4RI guidance as read 2026-12 opened (2023-01-01)" in (
        reason)


def test_a_day_is_read_on_it_and_a_year_in_it() -> None:
    spec = _builtin("ukri-r4ri")
    spec.cycle = spec.cycle.model_copy(update={"opens": PartialDate(2030, 1, 1)})  # type: ignore[union-attr]
    for read, said in ((PartialDate(2026, 12, 6), "on 2026-12-06"),
                       (PartialDate(2026, 11), "in 2026-11")):
        [reason] = stale_reasons(spec.model_copy(update={"rules_read": read}),
                                 PartialDate(2026, 12, 6))
        assert f"rules read {said}, before" in reason


def test_a_rolling_guide_warns_after_its_check_date_only() -> None:
    humboldt = _builtin("humboldt")
    assert check_cycle(humboldt, PartialDate(2027, 3, 31)) == []
    [finding] = check_cycle(humboldt, PartialDate(2027, 4, 1))
    assert "to be checked again after 2027-03-31" in finding.message


def test_a_call_without_a_cycle_is_quiet_in_builds_but_listed() -> None:
    spec = _builtin("dfg-cv").model_copy(update={"cycle": None})
    assert check_cycle(spec, PartialDate(2030)) == []
    [reason] = stale_reasons(spec, PartialDate(2030))
    assert "records no cycle" in reason


def test_checking_does_not_change_the_call() -> None:
    msca = _builtin("msca-pf")
    before = msca.model_dump()
    check_cycle(msca, PartialDate(2027, 1, 1))
    assert msca.model_dump() == before


# -- page limits that grow with the partners ----------------------------------------------


@pytest.mark.parametrize(("partners", "pages", "errors"), [
    ("0", 1, 0), ("0", 2, 1), ("1", 2, 0), ("2", 2, 0), ("2", 3, 1), ("3", 3, 0),
])
def test_capacity_allows_half_a_page_per_associated_partner(
    partners: str, pages: int, errors: int
) -> None:
    msca = _builtin("msca-pf")
    found = check_partner_pages(msca, {"capacity": pages}, {"associated-partners": partners})
    assert len(found) == errors
    if found:
        assert found[0].rule == "max-pages" and "the call allows" in found[0].message


def test_a_partner_count_that_is_not_a_number_is_an_error() -> None:
    msca = _builtin("msca-pf")
    [finding] = check_partner_pages(msca, {"capacity": 1}, {"associated-partners": "two"})
    assert finding.rule == "partner-count" and "'two'" in finding.message


def test_capacity_is_not_checked_when_it_is_not_built() -> None:
    msca = _builtin("msca-pf")
    assert check_partner_pages(msca, {}, {"associated-partners": "0"}) == []
