"""`select_items`: the items each document of a build shows, section by section."""

from __future__ import annotations

from collections.abc import Sequence

from packet.errors import Problem, UserError
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
    """Per document, what the application chose for it (else for every document, else the
    default selection), within the document's rules as of `as_of` (see `packet.select.as_of`)."""
    if application is not None:
        _check_document_ids(call, application)
    return {doc.id: resolve_selection(profile, call, doc, for_document(application, doc.id),
                                      as_of=as_of)
            for doc in documents}


def for_document(application: Application | None, doc_id: str) -> Application | None:
    """The application as one document sees it: its own sections over the shared ones."""
    if application is None or doc_id not in application.document_selections:
        return application
    own = application.document_selections[doc_id]
    return application.model_copy(update={"selections": {**application.selections, **own}})


def _check_document_ids(call: CallSpec, application: Application) -> None:
    known = {d.id for d in call.documents}
    unknown = [d for d in application.document_selections if d not in known]
    if unknown:
        raise UserError(
            f"the application for '{call.id}' chooses items for a document the call does not have",
            [Problem(f"'{d}' is not a document of {call.id}", field=f"document_selections.{d}",
                     hint="Documents: " + ", ".join(sorted(known)) + ".") for d in unknown])
