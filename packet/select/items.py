"""`select_items`: the items each document of a build shows, section by section."""

from __future__ import annotations

from collections.abc import Sequence

from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile
from packet.select.rules import resolve_selection

Selection = dict[str, dict[str, list[Item]]]  # document id -> section -> items, in order


def documents_to_build(call: CallSpec, application: Application | None) -> list[DocumentSpec]:
    """The call's typeset documents less the optional ones the application leaves out
    (paste sheets and spreadsheets are made by `packet.forms`)."""
    skipped = set(application.skip_documents) if application else set()
    return [d for d in call.documents
            if d.kind == "document" and not (d.optional and d.id in skipped)]


def select_items(
    profile: Profile, call: CallSpec, documents: Sequence[DocumentSpec],
    application: Application | None, as_of: PartialDate,
) -> Selection:
    """Per document, what the application chose (or the default selection), within the
    document's rules as of `as_of` (see `packet.select.as_of`)."""
    return {doc.id: resolve_selection(profile, call, doc, application, as_of=as_of)
            for doc in documents}
