"""`check_packet`: every rule of a call against one built packet, as findings.

The build hands over what it made (each document's DocTree, shown items and PDF,
the attachments as read, the sizes of the files it will write) and gets back the
findings; nothing here changes its inputs or touches the disk.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from packet.cache import Cache
from packet.check.active_content import active_content_of
from packet.check.capacity import check_partner_pages
from packet.check.cycle import check_cycle
from packet.check.facts_store import load_facts, store_facts
from packet.check.human import finding, plural
from packet.check.pdf_facts import PdfFacts, inspect_pdf
from packet.check.rendered import check_docx_pages, check_glyphs
from packet.check.rules import (
    check_answers,
    check_eligibility,
    check_outputs,
    check_pdf,
    check_selection,
    check_text,
)
from packet.check.starter import check_starter
from packet.compose.doctree import Document
from packet.counting import count_chars, count_words
from packet.model.application import Application
from packet.model.call import AttachmentSpec, CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile
from packet.model.report import DocumentReport, Finding, OutputFile


@dataclass(frozen=True)
class DocumentToCheck:
    spec: DocumentSpec
    tree: Document
    shown: Mapping[str, list[Item]]
    pdf: bytes
    pages: int
    reader: Any = field(default=None, repr=False)  # a pypdf reader of `pdf`, if one is open
    missing_glyphs: Sequence[str] = ()  # characters of its text that no font has


@dataclass(frozen=True)
class AttachmentToCheck:
    spec: AttachmentSpec
    name: str  # the file's name, as findings call it
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class FormToCheck:
    """A paste sheet or spreadsheet (`packet.forms`), with what its builder found: its
    boxes are counted as the portal counts them, which only the builder knows."""

    spec: DocumentSpec
    findings: Sequence[Finding]
    words: int = 0
    characters: int = 0
    items: Mapping[str, int] = field(default_factory=dict)
    files: Sequence[str] = ()  # names under documents/


@dataclass(frozen=True)
class PacketToCheck:
    call: CallSpec
    profile: Profile
    application: Application | None
    as_of: PartialDate  # see packet.select.as_of
    built_on: PartialDate  # the build date, against the call's cycle
    documents: Sequence[DocumentToCheck]
    attachments: Sequence[AttachmentToCheck]
    files: Mapping[str, int]  # every file the build writes (path in the output folder) -> bytes
    forms: Sequence[FormToCheck] = ()
    starter: Profile | None = None  # `packet init`'s example profile, to warn if it is still here
    # The DOCX files' pages as LibreOffice lays them out, by document id (None: it is not
    # installed); `docx` says whether DOCX files were made at all.
    docx_pages: Mapping[str, int] | None = None
    docx: bool = False
    cache: Cache | None = None  # where the facts of PDFs read before are kept


def check_packet(packet: PacketToCheck) -> list[Finding]:
    call, application = packet.call, packet.application
    findings: list[Finding] = []
    for doc in packet.documents:
        facts = _facts(doc.pdf, doc.reader, packet.cache)
        findings += check_pdf(call, doc.spec, facts, f"{doc.spec.id}.pdf")
        findings += check_text(doc.spec, doc.tree, call)
        findings += check_selection(doc.spec, dict(doc.shown), packet.as_of)
    given = {a.spec.id for a in packet.attachments}
    findings += [_missing(spec) for spec in call.attachments
                 if spec.required and spec.id not in given]
    for attached in packet.attachments:
        findings += check_pdf(call, None, _facts(attached.pdf, None, packet.cache),
                              attached.name)
        findings += active_content_of(attached.pdf, attached.name, attached.spec.id)
        findings += _attachment_pages(attached)
    for form in packet.forms:
        findings += form.findings
    built = [doc.spec.id for doc in packet.documents] + [form.spec.id for form in packet.forms]
    answers = application.answers if application else {}
    findings += check_answers(call, answers, built)
    findings += check_eligibility(call, packet.profile, packet.as_of)
    findings += check_cycle(call, packet.built_on)
    findings += check_partner_pages(call, {d.spec.id: d.pages for d in packet.documents}, answers)
    if application is not None and application.status == "draft":
        findings.append(finding(
            "draft", "warning",
            "The application is a draft (the wizard was stopped before the end): run "
            "`packet wizard` again to finish it, or set status: complete.",
            limit="complete", actual="draft"))
    findings += check_outputs(call, packet.files)
    if packet.starter is not None:
        findings += check_starter(packet.profile, packet.starter)
    findings += check_glyphs(packet.documents)
    if packet.docx:
        findings += check_docx_pages([d.spec for d in packet.documents],
                                     {d.spec.id: d.pages for d in packet.documents},
                                     None if packet.docx_pages is None else dict(packet.docx_pages))
    return findings


_KNOWN: OrderedDict[bytes, PdfFacts] = OrderedDict()


def _facts(pdf: bytes, reader: Any, cache: Cache | None = None) -> PdfFacts:
    """What a PDF is, read once per process and kept in `cache`: a rebuild (`packet watch`,
    a batch worker, the next `packet build`) reads only the documents that changed. The
    rules only read facts, never change them."""
    key = hashlib.sha256(pdf).digest()
    facts = _KNOWN.get(key)
    if facts is None:
        facts = load_facts(cache, pdf) if cache is not None else None
        if facts is None:
            facts = inspect_pdf(pdf, reader=reader)
            if cache is not None:
                store_facts(cache, pdf, facts)
        _KNOWN[key] = facts
        if len(_KNOWN) > 64:
            _KNOWN.popitem(last=False)
    else:
        _KNOWN.move_to_end(key)
    return facts


def _missing(attachment: AttachmentSpec) -> Finding:
    return finding(
        "attachment-missing", "error",
        f"{attachment.title} is required: add it under attachments.{attachment.id} "
        "in the application.",
        document=attachment.id, limit="required", actual="missing", source=attachment.source)


def _attachment_pages(attached: AttachmentToCheck) -> list[Finding]:
    cap = attached.spec.max_pages
    if not cap or attached.pages <= cap:
        return []
    return [finding(
        "max-pages", "error",
        f"{attached.spec.title} has {plural(attached.pages, 'page')}; the call allows {cap}.",
        document=attached.spec.id, limit=plural(cap, "page"),
        actual=plural(attached.pages, "page"))]


def document_reports(
    packet: PacketToCheck, first_pages: Sequence[int], files: Mapping[str, OutputFile]
) -> list[DocumentReport]:
    """The report's line for each document and attachment, in packet order: its pages,
    where it starts, its words and items, and its files (`files` by path)."""
    out = []
    starts = iter(first_pages)
    for doc in packet.documents:
        text = doc.tree.plain_text()
        out.append(DocumentReport(
            id=doc.spec.id, title=doc.spec.title, pages=doc.pages, first_page=next(starts),
            words=count_words(text), characters=count_chars(text),
            items={section: len(items) for section, items in doc.shown.items()},
            files=[f for ext in ("pdf", "docx")
                   if (f := files.get(f"documents/{doc.spec.id}.{ext}")) is not None],
        ))
    for attached in packet.attachments:
        out.append(DocumentReport(
            id=attached.spec.id, title=attached.spec.title, pages=attached.pages,
            first_page=next(starts), words=0, characters=0, attachment=True,
            certified=attached.spec.certified,
            files=[files[f"documents/{attached.spec.id}.pdf"]],
        ))
    for form in packet.forms:  # files beside the PDFs, not pages of the packet
        out.append(DocumentReport(
            id=form.spec.id, title=form.spec.title, pages=0, first_page=0, words=form.words,
            characters=form.characters, items=dict(form.items), kind=form.spec.kind,
            files=[files[f"documents/{name}"] for name in form.files],
        ))
    return out
