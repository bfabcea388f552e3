"""`build_packet`: one profile, one call -> documents, packet, report.

Stages, in the one-way order of DESIGN.md:
    load -> select -> compose (Markdown -> DocTree) -> render (PDF, DOCX)
    -> assemble (cover, merge, outline) -> check -> publish (atomic swap of the output folder)

Typst typesets each document in a thread and python-docx writes it in a helper
process (see `packet.render.docx_process`) as soon as it is composed, while
this thread composes the next one and checks the PDFs; the output is the same
bytes as when everything runs one after the other.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from packet import __version__
from packet.assemble import PacketInfo, Part, build_cover, merge_documents, read_attachment
from packet.collector import collector_paused
from packet.compose.doctree import Document
from packet.errors import Problem, UserError
from packet.model.application import Application
from packet.model.call import AttachmentSpec, CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile
from packet.model.report import DocumentReport, Finding, Report
from packet.publish import Staging
from packet.render.setup import PageSetup
from packet.render.workers import docx_bytes, render_workers
from packet.store.workspace import Workspace

if TYPE_CHECKING:
    from packet.render.docx_process import DocxWorker

FORMATS = ("pdf", "docx")


@dataclass
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    theme: str | None = None
    style: str | None = None
    answers: Path | None = None  # an application file other than the saved one
    out: Path | None = None  # output folder other than output/<call>/<profile>

    def key(self) -> tuple[str, ...]:
        """What of these options changes the output (for the inputs fingerprint)."""
        return (",".join(self.formats), self.theme or "", self.style or "")


@dataclass
class ComposedDocument:
    spec: DocumentSpec
    tree: Document
    shown: dict[str, list[Item]]
    setup: PageSetup
    pdf: bytes = b""
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class BuildResult:
    report: Report
    folder: Path
    packet: Path


def load_application(
    ws: Workspace, profile_id: str, call_id: str, answers: Path | None
) -> Application | None:
    if answers is None:
        return ws.application(profile_id, call_id)
    from packet.store.applications import load_application as load

    application, _ = load(answers, ws.show(answers), ws.profile(profile_id), ws.call(call_id))
    return application


def build_date(ws: Workspace, application: Application | None) -> PartialDate:
    if application is not None and application.build_date is not None:
        return application.build_date
    return ws.today()


def page_setup(
    call: CallSpec, doc: DocumentSpec, profile: Profile, theme: str, date: PartialDate
) -> PageSetup:
    fmt = call.format
    return PageSetup(
        paper=fmt.paper,
        font_size=max(fmt.font_size, fmt.min_font_size),
        min_font_size=fmt.min_font_size,
        margins=fmt.margins.points(),
        page_numbers=fmt.page_numbers,
        header=profile.person.name if fmt.header else None,
        footer=fmt.footer,
        theme=theme,
        fonts=tuple(fmt.fonts),
        title=f"{doc.title} — {profile.person.name}",
        author=profile.person.name,
        keywords=tuple(call.keywords),
        date=date.as_date().isoformat(),
    )


def rules_date(call: CallSpec, built_on: PartialDate) -> PartialDate:
    """The date the call's windows count back from: its deadline when known ("the last
    5 years", years since the PhD), else the build date."""
    return call.deadline or built_on


def documents_to_build(call: CallSpec, application: Application | None) -> list[DocumentSpec]:
    skipped = set(application.skip_documents) if application else set()
    return [d for d in call.documents
            if d.kind == "document" and not (d.optional and d.id in skipped)]


def compose_documents(
    ws: Workspace, profile_id: str, call: CallSpec, application: Application | None,
    date: PartialDate, theme: str, style: str,
    then: Callable[[ComposedDocument], object] | None = None,
) -> list[ComposedDocument]:
    """Each document's DocTree and page setup; `then` gets each as soon as it is composed."""
    from packet.compose.citations import CitationFormatter
    from packet.compose.compose import compose_document
    from packet.compose.context import build_context
    from packet.compose.jinja_env import make_environment
    from packet.select import resolve_selection
    from packet.store.template_cache import TemplateCodeCache

    profile = ws.profile(profile_id)
    refs = CitationFormatter(style, profile.person, ws.settings.cache_dir / "citations").format(
        profile.publications
    )
    env = make_environment(ws.templates_dir if ws.templates_dir.is_dir() else None)
    env.bytecode_cache = TemplateCodeCache(ws.settings.cache_dir / "templates")
    composed = []
    for doc in documents_to_build(call, application):
        shown = resolve_selection(profile, call, doc, application, as_of=rules_date(call, date))
        context = build_context(
            profile=profile, call=call, doc=doc, application=application, selected=shown,
            refs=refs, statements_dir=ws.statements_dir(profile_id), today=date,
        )
        tree = compose_document(doc, context, env)
        shown = context.selected.shown()
        composed.append(ComposedDocument(doc, tree, shown,
                                         page_setup(call, doc, profile, theme, date)))
        if then is not None:
            then(composed[-1])
    return composed


def build_packet(
    ws: Workspace, profile_id: str, call_id: str, options: BuildOptions | None = None
) -> BuildResult:
    options = options or BuildOptions()
    # The workers first: the DOCX helper is forked before anything else is loaded or started.
    with collector_paused(freeze=True), render_workers("docx" in options.formats) as (typst, word):
        return _build_packet(ws, profile_id, call_id, options, typst, word)


def _build_packet(
    ws: Workspace, profile_id: str, call_id: str, options: BuildOptions,
    typst: ThreadPoolExecutor, word: DocxWorker | None,
) -> BuildResult:
    # Everything the checks need is imported now, while nothing waits for Typst yet.
    import pypdf  # noqa: F401

    from packet.check import rules
    from packet.check.report_md import report_markdown
    from packet.inputs import inputs_digest
    from packet.render.pdf import render_pdf

    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise UserError(f"unknown format '{unknown[0]}'",
                        [Problem("not an output format", hint="Formats: pdf, docx.")])
    profile = ws.profile(profile_id)
    call = ws.call(call_id)
    digest = inputs_digest(ws, profile_id, call_id, options=options.key(), answers=options.answers)
    application = load_application(ws, profile_id, call_id, options.answers)
    date = build_date(ws, application)
    theme = (options.theme or (application.theme if application else None) or ws.settings.theme
             or call.theme)
    style = (options.style or (application.style if application else None) or ws.settings.style
             or call.style)
    timestamp = calendar.timegm(date.as_date().timetuple())
    folder = options.out or ws.output_for(call_id, profile_id)
    findings: list[Finding] = []
    parts: list[Part] = []
    doc_reports: list[DocumentReport] = []
    forms_reports: list[DocumentReport] = []

    # Each document is typeset by Typst and written as DOCX in the background while
    # the next one is composed; the PDFs are checked here as they come.
    pdfs: list[Future[bytes]] = []
    docxs: list[Future[bytes]] = []

    def render(item: ComposedDocument) -> None:
        pdfs.append(typst.submit(render_pdf, item.tree, item.setup, timestamp=timestamp))
        if word is not None:
            docxs.append(word.submit(item.tree, item.setup))

    if word is not None:  # the documents of a call share their layout: style it meanwhile
        word.prepare(page_setup(call, call.documents[0], profile, theme, date))
    composed = compose_documents(ws, profile_id, call, application, date, theme, style,
                                 then=render)
    with Staging(folder) as stage:
        for item, pdf in zip(composed, pdfs, strict=True):
            item.pdf = pdf.result()
            part, report_doc = _check_document(item, call, rules_date(call, date))
            findings.extend(item.findings)
            if "pdf" in options.formats:
                report_doc.files.append(stage.write(f"documents/{item.spec.id}.pdf", item.pdf))
            parts.append(part)
            doc_reports.append(report_doc)

        for attachment in call.attachments:
            given = application.attachments.get(attachment.id) if application else None
            if given is None:
                if attachment.required:
                    findings.append(_missing(attachment))
                continue
            path = (ws.profile_dir(profile_id) / given).resolve()
            part, report_doc = _check_attachment(attachment, call, path, ws.show(path),
                                                 findings)
            report_doc.files.append(stage.write(f"documents/{attachment.id}.pdf", part.pdf))
            parts.append(part)
            doc_reports.append(report_doc)

        # Paste sheets and the COA spreadsheet: files beside the PDFs, not pages of the packet.
        from packet.forms import build_forms
        forms = build_forms(call, profile, application, rules_date(call, date))
        for form in forms:
            findings.extend(form.findings)
            form_files = [stage.write(f"documents/{name}", data)
                          for name, data in form.files.items()]
            forms_reports.append(DocumentReport(
                id=form.doc.id, title=form.doc.title, pages=0, first_page=0, words=form.words,
                characters=form.characters, items=form.items, files=form_files,
                kind=form.doc.kind))

        info = PacketInfo(
            title=f"{call.name} — {profile.person.name}",
            author=profile.person.name,
            subject=f"Application to {call.name} ({call.funder})",
            keywords=list(call.keywords),
            applicant=profile.person.name,
            call_name=call.name,
            funder=call.funder,
            date_text=date.human(),
            pdf_date="D:" + date.as_date().strftime("%Y%m%d") + "000000Z",
            producer=f"packet {__version__}",
        )
        # The cover is packet's own page: no running header, no call footer ("Page 1 of 1").
        cover_setup = replace(page_setup(call, call.documents[0], profile, theme, date),
                              header=None, footer=None, page_numbers=False, title=info.title)
        cover, cover_pages = build_cover(
            info, parts, lambda doc: render_pdf(doc, cover_setup, timestamp=timestamp))
        for item, report_doc, docx in zip(composed, doc_reports, docxs, strict=False):
            report_doc.files.append(stage.write(f"documents/{item.spec.id}.docx",
                                                docx_bytes(item.tree, item.setup, docx)))
        packet_pdf = merge_documents(cover, cover_pages, parts, info)
        packet_file = stage.write("packet.pdf", packet_pdf)
        start = cover_pages + 1
        for report_doc, part in zip(doc_reports, parts, strict=True):
            report_doc.first_page = start
            start += part.pages

        built = [item.spec.id for item in composed] + [form.doc.id for form in forms]
        answers = application.answers if application else {}
        findings.extend(rules.check_answers(call, answers, built))
        findings.extend(rules.check_eligibility(call, profile, rules_date(call, date)))
        from packet.check.capacity import check_partner_pages
        from packet.check.cycle import check_cycle
        findings.extend(check_cycle(call, date))
        findings.extend(check_partner_pages(call, {d.id: d.pages for d in doc_reports}, answers))
        if application is not None and application.status == "draft":
            findings.append(Finding(
                rule="draft", severity="warning", document=None, limit="complete",
                actual="draft",
                message="The application is a draft (the wizard was stopped before the end): "
                        "run `packet wizard` again to finish it, or set status: complete."))
        doc_reports.extend(forms_reports)
        written = [*(f for d in doc_reports for f in d.files), packet_file]
        findings.extend(rules.check_files(call, [stage.path(f.path) for f in written]))
        report = Report(
            profile=profile_id, call=call_id, call_name=call.name, build_date=str(date),
            rules_read=str(call.rules_read),
            tool_version=__version__, inputs=digest, documents=doc_reports, packet=packet_file,
            pages=cover_pages + sum(p.pages for p in parts), findings=findings,
        )
        stage.write("report.json", report.model_dump_json(indent=2) + "\n")
        stage.write("report.md", report_markdown(report))
    return BuildResult(report=report, folder=folder, packet=folder / "packet.pdf")


def _check_document(
    item: ComposedDocument, call: CallSpec, as_of: PartialDate
) -> tuple[Part, DocumentReport]:
    """Read and check a typeset document (setting its pages and findings); its packet part
    and its report entry, files still to add."""
    from pypdf import PdfReader

    from packet.check import rules
    from packet.check.pdf_facts import inspect_pdf

    # One parse of the PDF's objects serves the structure checks and the merge.
    reader = PdfReader(io.BytesIO(item.pdf), strict=False)
    facts = inspect_pdf(item.pdf, reader=reader)
    item.pages = facts.pages
    item.findings = [
        *rules.check_pdf(call, item.spec, facts, f"{item.spec.id}.pdf"),
        *rules.check_text(item.spec, item.tree, call),
        *rules.check_selection(item.spec, item.shown, as_of),
    ]
    text = item.tree.plain_text()
    report_doc = DocumentReport(
        id=item.spec.id, title=item.spec.title, pages=item.pages, first_page=0,
        words=rules.count_words(text), characters=rules.count_chars(text),
        items={section: len(items) for section, items in item.shown.items()},
        files=[],
    )
    return Part(item.spec.id, item.spec.title, item.pdf, item.pages, reader=reader), report_doc


def _missing(attachment: AttachmentSpec) -> Finding:
    return Finding(
        rule="attachment-missing", severity="error", document=attachment.id,
        limit="required", actual="missing",
        message=f"{attachment.title} is required: add it under attachments.{attachment.id} "
                f"in the application", unconfirmed=attachment.source == "unconfirmed")


def _check_attachment(
    attachment: AttachmentSpec, call: CallSpec, path: Path, shown: str, findings: list[Finding]
) -> tuple[Part, DocumentReport]:
    """An external PDF, checked as it is (adding to `findings`): its part and report entry."""
    from packet.check import rules
    from packet.check.pdf_facts import inspect_pdf

    data, pages = read_attachment(path, shown)
    findings.extend(rules.check_pdf(call, None, inspect_pdf(data), path.name))
    if attachment.max_pages and pages > attachment.max_pages:
        findings.append(Finding(
            rule="max-pages", severity="error", document=attachment.id,
            limit=f"{attachment.max_pages} pages", actual=f"{pages} pages",
            message=f"{attachment.title} has {pages} pages; "
                    f"the call allows {attachment.max_pages}"))
    report_doc = DocumentReport(id=attachment.id, title=attachment.title, pages=pages,
                                first_page=0, words=0, characters=0, files=[], attachment=True,
                                certified=attachment.certified)
    return Part(attachment.id, attachment.title, data, pages, kind="attachment",
                certified=attachment.certified), report_doc
