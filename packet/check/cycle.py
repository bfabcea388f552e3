"""Stale rules: a call's rules against the round they were read for and the build date.

Funders rewrite their guides every round, so a spec read for the 2026 call
misleads an applicant of 2027 without anyone noticing. Each call records its
cycle; the build, `packet calls show` and `packet calls outdated` all ask here
and warn in the same words. Nothing here changes the call.
"""

from __future__ import annotations

from packet.check.human import finding
from packet.model.call import CallSpec, Cycle
from packet.model.dates import PartialDate
from packet.model.report import Finding


def _last_day(date: PartialDate) -> tuple[int, int, int]:
    """'2026-09' ends on its last day: the round is open until then."""
    return (date.year, date.month or 12, date.day or 31)


def _first_day(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1)


def _next(cycle: Cycle) -> str:
    if cycle.next_label is None and cycle.next_opens is None:
        return "check the funder's current guide"
    name = cycle.next_label or "the next round"
    when = []
    if cycle.next_opens is not None:
        when.append(f"opens {cycle.next_opens}")
    if cycle.next_closes is not None:
        when.append(f"closes {cycle.next_closes}")
    return f"the {name} {' and '.join(when)}: check the new guide" if when else (
        f"the {name} has its own guide: check it")


def _when(date: PartialDate) -> str:
    """'on 2026-12-06' for a day, 'in 2025' or 'in 2026-11' for a year or a month."""
    return f"on {date}" if str(date).count("-") == 2 else f"in {date}"


def stale_reasons(call: CallSpec, today: PartialDate) -> list[str]:
    """Why the call's rules may be out of date on `today`, as sentences; empty when current."""
    cycle = call.cycle
    if cycle is None:
        return [f"{call.id}: the spec records no cycle, so packet cannot tell whether its rules "
                f"(read {call.rules_read}) are current; check the funder's guide"]
    reasons = []
    read = f"rules read for the {cycle.label}"
    now = _first_day(today)
    if cycle.closes is not None and now > _last_day(cycle.closes):
        reasons.append(f"{call.id}: {read} (closed {cycle.closes}); {_next(cycle)}")
    if cycle.check_by is not None and now > _last_day(cycle.check_by):
        reasons.append(f"{call.id}: {read} {_when(call.rules_read)}, to be checked again after "
                       f"{cycle.check_by}; {_next(cycle)}")
    if cycle.opens is not None and _last_day(call.rules_read) < _first_day(cycle.opens):
        reasons.append(f"{call.id}: rules read {_when(call.rules_read)}, before the {cycle.label} "
                       f"opened ({cycle.opens}): check its guide")
    return reasons


def check_cycle(call: CallSpec, today: PartialDate) -> list[Finding]:
    """One warning per reason the rules may be stale (a build goes on: the rules may still hold).

    A call without a cycle (a workspace's own posting) is not warned about in every build;
    `packet calls show` and `packet calls outdated` say that it records none."""
    if call.cycle is None:
        return []
    return [
        finding("stale-rules", "warning", reason + ".", limit=_limit(call),
                actual=f"built {today}",
                source=call.cycle.source if call.cycle else "unconfirmed")
        for reason in stale_reasons(call, today)
    ]


def _limit(call: CallSpec) -> str:
    cycle = call.cycle
    if cycle is None:
        return "a recorded cycle"
    if cycle.closes is not None:
        return f"{cycle.label}, until {cycle.closes}"
    if cycle.check_by is not None:
        return f"{cycle.label}, checked by {cycle.check_by}"
    return cycle.label
