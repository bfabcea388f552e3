"""NSF's Collaborators and Other Affiliations (COA) from the profile.

PAPPG II.D.2.h(iii) and NSF's COA FAQ (2023-01-30) ask, per senior person, for
co-authors and collaborators of the 48 months before submission, co-editors of
the 24 months before, and graduate advisors and thesis advisees of all time
(postdoctoral sponsors and scholars are no longer asked). The profile knows
the publications, education (with advisors) and mentoring, and what it has
recorded of other people under `coauthors:` (affiliations hand-written or kept
by `packet import` from Crossref and arXiv); what it does not know (other
co-authors' affiliations, personal relationships, co-editors' names) is
reported as rows to fill by hand, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt

from packet.check.human import finding
from packet.forms import FormOutput
from packet.forms.coa_sheet import Row, write_workbook
from packet.forms.names import Name, is_self, merge_names
from packet.model.call import DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.model.report import Finding

CO_AUTHOR_MONTHS = 48
CO_EDITOR_MONTHS = 24
THESIS_LEVELS = ("phd", "master-thesis")


def _months_before(date: PartialDate, months: int) -> tuple[int, int, int]:
    total = date.year * 12 + (date.month or 1) - 1 - months
    return (total // 12, total % 12 + 1, date.day or 1)


def _last_day(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 12, date.day or 31)


def _active(date: PartialDate | None, as_of: PartialDate) -> dt.date | None:
    """The template's Last Active date: the last day the date can mean (May 2025 -> 5/31/2025,
    the reading that keeps a collaboration recent the longest), never after the as-of date."""
    if date is None:
        return None
    return min(_end_of(date), _end_of(as_of))


def _end_of(date: PartialDate) -> dt.date:
    year, month = date.year, date.month or 12
    return dt.date(year, month, date.day or calendar.monthrange(year, month)[1])


def coa_rows(profile: Profile, as_of: PartialDate) -> tuple[list[Row], list[str]]:
    """The COA rows the profile fills, and what it could not fill (one sentence each)."""
    person = profile.person
    own = [person.name, *person.name_variants]
    rows: list[Row] = []
    unfilled: list[str] = []

    # Table 1: the person, with affiliations of the last 12 months.
    year_ago = _months_before(as_of, 12)
    recent = [p for p in profile.positions
              if p.end == "present" or (isinstance(p.end, PartialDate)
                                        and _last_day(p.end) >= year_ago)]
    me = str(Name.parse(person.name))
    seen: set[str] = set()
    for pos in recent:
        if pos.organization not in seen:
            seen.add(pos.organization)
            # Blank for a current affiliation, as the template asks.
            ended = pos.end if isinstance(pos.end, PartialDate) else None
            rows.append(Row(1, "", me, pos.organization, last_active=_active(ended, as_of)))
    if person.affiliation and person.affiliation not in seen:
        seen.add(person.affiliation)
        rows.append(Row(1, "", me, person.affiliation))
    if not seen:
        rows.append(Row(1, "", me))
        unfilled.append("Table 1: no position or affiliation of the last 12 months in the profile")
    unfilled.append("Table 2: personal, family or business relationships are not in a profile; "
                    "add them by hand if there are any")

    # Where people were, most specific first: the affiliations recorded under `coauthors`
    # (any of their spellings), then the institutions education and mentoring name with
    # an advisor or a student. Tables 3 and 4 look names up here.
    known: list[tuple[Name, str]] = [
        (Name.parse(spelling), c.affiliation)
        for c in profile.coauthors if c.affiliation
        for spelling in (c.name, *c.variants)
    ]
    for edu in profile.education:
        for advisor in edu.advisors:
            known.append((Name.parse(advisor), edu.institution))
            rows.append(Row(3, "G:", str(Name.parse(advisor)), edu.institution))
    known += [(Name.parse(m.student), m.institution) for m in profile.mentoring if m.institution]
    for mentee in profile.mentoring:
        if mentee.level not in THESIS_LEVELS:
            continue
        student = Name.parse(mentee.student)
        where_now = mentee.institution or _affiliation(student, known)
        rows.append(Row(3, "T:", str(student), where_now))
        if not where_now:
            unfilled.append(f"Table 3: affiliation of thesis advisee {mentee.student}")
        if Name.parse(mentee.student).initials_only:
            unfilled.append(f"Table 3: full name of thesis advisee {mentee.student} "
                            "(the profile has initials only)")

    # Table 4: co-authors of the last 48 months, one row per person.
    start = _months_before(as_of, CO_AUTHOR_MONTHS)
    names: list[str] = []
    dates: list[PartialDate] = []
    for pub in profile.publications:
        when = pub.when()
        # No upper bound: NSF counts collaboration in the 48 months, and "publication date
        # may be later" (a paper to appear, or submitted, names collaborators of now).
        if when is None or _last_day(when) < start:
            continue
        for author in pub.authors:
            if not is_self(author, own):
                names.append(author)
                dates.append(when)
    people = merge_names(names)
    for who, where in sorted(people, key=lambda p: p[0].name.key + " " + p[0].name.given):
        latest = max((dates[i] for i in where), key=lambda d: d.key())
        shown = str(who.name)
        org = _affiliation(who.name, known)
        rows.append(Row(4, "A:", shown, org, last_active=_active(latest, as_of)))
        if not org:
            unfilled.append(f"Table 4: affiliation of {shown}")

    # Table 5: editorial roles of the last 24 months; the co-editors' names are not known.
    edit_start = _months_before(as_of, CO_EDITOR_MONTHS)
    for service in profile.service:
        when = service.when()
        if service.kind == "editorial" and when is not None and _last_day(when) >= edit_start:
            unfilled.append(f"Table 5: co-editors at {service.organization} "
                            f"({service.role or 'editorial role'})")
    return rows, unfilled


def _affiliation(name: Name, known: list[tuple[Name, str]]) -> str:
    return next((org for other, org in known if other.same_person(name)), "")


def coa_findings(doc: DocumentSpec, unfilled: list[str]) -> list[Finding]:
    """One warning per table with rows to fill by hand, naming each of them."""
    out = []
    for table in sorted({u.split(":", 1)[0] for u in unfilled}):
        items = [u.split(": ", 1)[1] for u in unfilled if u.startswith(table + ":")]
        out.append(finding(
            "coa-unfilled", "warning",
            f"{doc.title}, {table}: packet could not fill {len(items)} "
            f"{'entry' if len(items) == 1 else 'entries'}: " + "; ".join(items).rstrip(".") + ".",
            document=doc.id, limit="every entry filled", actual=f"{len(items)} to fill by hand",
            source=doc.source))
    return out


def coa_output(doc: DocumentSpec, profile: Profile, as_of: PartialDate) -> FormOutput:
    rows, unfilled = coa_rows(profile, as_of)
    data = write_workbook(rows, as_of.as_date())
    counts = {f"table {n}": sum(1 for r in rows if r.table == n) for n in (1, 3, 4)}
    return FormOutput(doc=doc, files={f"{doc.id}.xlsx": data},
                      findings=coa_findings(doc, unfilled), items=counts)
