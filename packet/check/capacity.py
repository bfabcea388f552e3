"""Page limits that grow with the partners (MSCA: 1 page plus half a page per associated partner).

The number of associated partners is the applicant's answer to a prompt; the
allowed pages are rounded up to whole pages, since the checker counts pages.
"""

from __future__ import annotations

import math

from packet.check.human import finding, plural
from packet.model.call import CallSpec
from packet.model.report import Finding


def check_partner_pages(
    call: CallSpec, pages: dict[str, int], answers: dict[str, str]
) -> list[Finding]:
    """Each built document with a partner-dependent limit, against the pages it has."""
    out = []
    for doc in call.documents:
        rule = doc.partner_pages
        if rule is None or doc.id not in pages:
            continue
        given = (answers.get(rule.prompt) or "0").strip()
        if not given.isdigit():
            out.append(finding(
                "partner-count", "error",
                f"The answer to '{rule.prompt}' should be a whole number of associated partners, "
                f"not '{given}'.", document=doc.id, limit="a whole number", actual=given,
                source=rule.source))
            continue
        partners = int(given)
        allowed = rule.base + rule.per_partner * partners
        if pages[doc.id] > math.ceil(allowed):
            out.append(finding(
                "max-pages", "error",
                f"{doc.title} has {plural(pages[doc.id], 'page')}; with "
                f"{plural(partners, 'associated partner')} the call allows {allowed:g}.",
                document=doc.id, limit=f"{allowed:g} pages", actual=plural(pages[doc.id], "page"),
                source=rule.source))
    return out
