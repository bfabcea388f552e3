"""Documents a portal takes as data rather than as a typeset PDF.

Paste sheets (the text for a portal's boxes, with each box counted as the
portal counts it) and NSF's Collaborators and Other Affiliations spreadsheet.
Each is built from plain records (the call, the profile, the application and
the as-of date) into bytes and findings; the pipeline writes the bytes under
documents/ and adds the findings to the report. Nothing here touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.model.report import Finding

FORM_KINDS = ("paste-sheet", "coa")


@dataclass
class FormOutput:
    doc: DocumentSpec
    files: dict[str, bytes]  # file name under documents/ -> bytes, e.g. "coa.xlsx"
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    characters: int = 0
    items: dict[str, int] = field(default_factory=dict)


def form_documents(call: CallSpec, application: Application | None) -> list[DocumentSpec]:
    """The call's paste sheets and spreadsheets this application builds, in the call's order."""
    skipped = set(application.skip_documents) if application else set()
    return [d for d in call.documents
            if d.kind in FORM_KINDS and not (d.optional and d.id in skipped)]


def build_forms(
    call: CallSpec, profile: Profile, application: Application | None, as_of: PartialDate
) -> list[FormOutput]:
    """Every paste sheet and COA spreadsheet of the call, built in memory."""
    from packet.forms.coa import coa_output
    from packet.forms.paste_sheet import paste_sheet_output

    out = []
    for doc in form_documents(call, application):
        if doc.kind == "paste-sheet":
            out.append(paste_sheet_output(call, doc, profile, application, as_of))
        else:
            out.append(coa_output(doc, profile, as_of))
    return out
