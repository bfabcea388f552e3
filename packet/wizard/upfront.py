"""What is checked and said before the first question: the ids typed on the command
line, and the call with the applicant's eligibility for it."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from packet.errors import Problem, UserError
from packet.wizard import ask

if TYPE_CHECKING:
    from packet.model.call import CallSpec
    from packet.model.dates import PartialDate
    from packet.model.profile import Profile
    from packet.store.workspace import Workspace


def known(given: str | None, ids: list[str], what: str, option: str) -> None:
    """Refuse an unknown id at once, with the closest ones ("Did you mean humboldt?")."""
    if given is None or given in ids:
        return
    close = difflib.get_close_matches(given, ids, n=3, cutoff=0.6)
    hint = (f"Did you mean {' or '.join(close)}?" if close
            else f"`packet list` shows every {what}." if ids else f"There is no {what} yet.")
    raise UserError(f"no {what} '{given}'", [Problem(f"{option} {given}: no such {what}",
                                                     hint=hint)])


def check_ids(ws: Workspace, profile_id: str | None, call_id: str | None) -> None:
    known(profile_id, ws.profile_ids(), "profile", "--profile")
    known(call_id, ws.call_ids(), "call", "--call")


_PHD = re.compile(r"\b(ph\.?\s?d|d\.?\s?phil|doctor|doctorate|dr\.)", re.IGNORECASE)


def eligibility(call: CallSpec, profile: Profile, as_of: PartialDate) -> str | None:
    """'PhD awarded 2024-06: 2.6 years before the deadline (2027-01-15); the call asks
    for at most 7 years.'"""
    rules = call.eligibility
    low = rules.min_years_since_phd if rules else None
    high = rules.max_years_since_phd if rules else None
    if low is None and high is None:
        return None
    window = (f"{low:g} to {high:g} years" if low is not None and high is not None
              else f"at least {low:g} years" if low is not None else f"at most {high:g} years")
    asks = f"the call asks for {window} since the PhD"
    from packet.model.dates import PartialDate

    ends = [e.end for e in profile.education
            if _PHD.search(e.degree) and isinstance(e.end, PartialDate)]
    if not ends:
        return f"Eligibility: no finished PhD in your profile; {asks}."
    awarded = min(ends, key=lambda d: d.as_date())
    years = (as_of.as_date() - awarded.as_date()).days / 365.25
    at = f"the deadline ({call.deadline})" if call.deadline else f"{as_of}"
    inside = (low is None or years >= low) and (high is None or years <= high)
    verdict = "within the window" if inside else "OUTSIDE the window: check the call's extensions"
    return (f"Eligibility: PhD awarded {awarded}, {years:.1f} years before {at}; {asks} "
            f"({verdict}).")


def introduce(call: CallSpec, profile: Profile, profile_id: str, as_of: PartialDate) -> None:
    details = [call.funder, f"deadline {call.deadline}" if call.deadline else "no deadline set",
               f"rules read {call.rules_read}"]
    docs = ", ".join(d.title + (" (optional)" if d.optional else "") for d in call.documents)
    attached = ", ".join(a.title for a in call.attachments)
    attached = f"; attached: {attached}" if attached else ""
    lines: list[ask.Part] = [("bold", call.name), "\n", " · ".join(details), "\n",
                             f"Applicant: {profile.person.name} ({profile_id}). "
                             f"The packet: {docs}{attached}."]
    said = eligibility(call, profile, as_of)
    if said:
        lines += ["\n", ("warn" if "OUTSIDE" in said else "note", said)]
    ask.say(*lines, gap=True)
