"""`check_packet`: every rule of a call against one built packet, as findings.

The build hands over what it made (each document's DocTree, shown items and PDF,
the attachments as read, the sizes of the files it will write) and gets back the
findings; nothing here changes its inputs or touches the disk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from packet.check.active_content import active_content_of
from packet.check.human import finding, plural
from packet.check.pdf_facts import inspect_pdf
from packet.check.rules import (
    check_answers,
    check_eligibility,
    check_outputs,
    check_pdf,
    check_selection,
    check_text,
)
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


@dataclass(frozen=True)
class AttachmentToCheck:
    spec: AttachmentSpec
    name: str  # the file's name, as findings call it
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class PacketToCheck:
    call: CallSpec
    profile: Profile
    application: Application | None
    as_of: PartialDate  # see packet.select.as_of
    documents: Sequence[DocumentToCheck]
    attachments: Sequence[AttachmentToCheck]
    files: Mapping[str, int]  # every file the build writes (path in the output folder) -> bytes


def check_packet(packet: PacketToCheck) -> list[Finding]:
    call, application = packet.call, packet.application
    findings: list[Finding] = []
    for doc in packet.documents:
        facts = inspect_pdf(doc.pdf, reader=doc.reader)
        findings += check_pdf(call, doc.spec, facts, f"{doc.spec.id}.pdf")
        findings += check_text(doc.spec, doc.tree, call)
        findings += check_selection(doc.spec, dict(doc.shown), packet.as_of)
    given = {a.spec.id for a in packet.attachments}
    findings += [_missing(spec) for spec in call.attachments
                 if spec.required and spec.id not in given]
    for attached in packet.attachments:
        findings += check_pdf(call, None, inspect_pdf(attached.pdf), attached.name)
        findings += active_content_of(attached.pdf, attached.name, attached.spec.id)
        findings += _attachment_pages(attached)
    built = [doc.spec.id for doc in packet.documents]
    findings += check_answers(call, application.answers if application else {}, built)
    findings += check_eligibility(call, packet.profile, packet.as_of)
    if application is not None and application.status == "draft":
        findings.append(finding(
            "draft", "warning",
            "The application is a draft (the wizard was stopped before the end): run "
            "`packet wizard` again to finish it, or set status: complete.",
            limit="complete", actual="draft"))
    findings += check_outputs(call, packet.files)
    return findings


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
            files=[files[f"documents/{attached.spec.id}.pdf"]],
        ))
    return out
