"""A publication not yet out ("In press", "Submitted") has no year: what every consumer
of publications makes of it (the model, citations, ordering, date windows, COA rows)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from packet.compose.citations import CitationFormatter
from packet.compose.filters import format_publication
from packet.forms.coa import coa_rows
from packet.model.call import SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import Person, Profile, Publication
from packet.select.boosts import recent
from packet.select.rules import allowed_items, newest_first

AS_OF = PartialDate(2026, 3, 1)


def _pub(pid: str, year: int | None, status: str = "published") -> Publication:
    return Publication(
        id=pid,
        kind="journal",
        authors=["Roe, Jane", "Poe, Ann"],
        title=f"Paper {pid}",
        venue="Isis",
        year=year,
        status=status,
    )  # type: ignore[arg-type]


def test_only_a_work_not_yet_out_may_have_no_year() -> None:
    assert _pub("p", None, "to appear").year is None
    with pytest.raises(ValidationError, match="a published work needs its year"):
        _pub("p", None)


@pytest.mark.parametrize("style", ["apa", "ieee", "nature", "chicago-author-date"])
def test_a_citation_prints_the_status_where_there_is_no_year(style: str) -> None:
    pub = _pub("p", None, "submitted")
    entry = CitationFormatter(style, Person(name="Jane Roe")).format([pub])["p"]
    assert "submitted" in entry.lower() and "n.d." not in entry and "None" not in entry
    plain = format_publication(pub)
    assert r"\(submitted\)" in plain and "None" not in plain


def test_forthcoming_work_comes_first_and_is_inside_every_window() -> None:
    pubs = [_pub("old", 2010), _pub("new", 2025), _pub("press", None, "to appear")]
    assert [p.id for p in newest_first(pubs)] == ["press", "new", "old"]
    rule = SectionRule(section="publications", within_years=5)
    assert [p.id for p in allowed_items(pubs, rule, AS_OF)] == ["new", "press"]
    assert recent(pubs[2], AS_OF) is not None and recent(pubs[0], AS_OF) is None


def test_coauthors_of_a_forthcoming_work_are_current_collaborators() -> None:
    profile = Profile(
        person=Person(name="Jane Roe"), publications=[_pub("press", None, "accepted")]
    )
    rows, _ = coa_rows(profile, AS_OF)
    assert [r.name for r in rows if r.table == 4] == ["Poe, Ann"]
