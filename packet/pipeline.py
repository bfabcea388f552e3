"""`build_packet`: one profile, one call -> documents, packet, report.

Stages, in the one-way order of DESIGN.md:
    load -> select -> compose (Markdown -> DocTree) -> render (PDF, DOCX)
    -> assemble (cover, merge, outline) -> check -> publish (atomic swap of the output folder)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from packet import __version__
from packet.assemble import PacketInfo, Part, build_cover, merge_documents, read_attachment
from packet.compose.doctree import Document
from packet.errors import Problem, UserError
from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile
from packet.model.report import DocumentReport, Finding, OutputFile, Report
from packet.publish import Staging
from packet.render.setup import PageSetup
from packet.store.workspace import Workspace

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


def load_application(ws: Workspace, profile_id: str, call_id: str, answers: Path | None) -> Application | None:
    if answers is None:
        return ws.application(profile_id, call_id)
    from packet.store.applications import load_application as load

    application, _ = load(answers, ws.show(answers), ws.profile(profile_id), ws.call(call_id))
    return application


def build_date(ws: Workspace, application: Application | None) -> PartialDate:
    if application is not None and application.build_date is not None:
        return application.build_date
    return ws.today()


def page_setup(call: CallSpec, doc: DocumentSpec, profile: Profile, theme: str, date: PartialDate) -> PageSetup:
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
    return [d for d in call.documents if not (d.optional and d.id in skipped)]


def compose_documents(
    ws: Workspace, profile_id: str, call: CallSpec, application: Application | None,
    date: PartialDate, theme: str, style: str,
) -> list[ComposedDocument]:
    from packet.compose.citations import CitationFormatter
    from packet.compose.compose import compose_document
    from packet.compose.context import build_context
    from packet.compose.jinja_env import make_environment
    from packet.select import resolve_selection

    profile = ws.profile(profile_id)
    refs = CitationFormatter(style, profile.person, ws.settings.cache_dir / "citations").format(
        profile.publications
    )
    env = make_environment(ws.templates_dir if ws.templates_dir.is_dir() else None)
    composed = []
    for doc in documents_to_build(call, application):
        shown = resolve_selection(profile, call, doc, application, as_of=rules_date(call, date))
        context = build_context(
            profile=profile, call=call, doc=doc, application=application, selected=shown,
            refs=refs, statements_dir=ws.statements_dir(profile_id), today=date,
        )
        tree = compose_document(doc, context, env)
        shown = context.selected.shown()
        composed.append(ComposedDocument(doc, tree, shown, page_setup(call, doc, profile, theme, date)))
    return composed


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_packet(ws: Workspace, profile_id: str, call_id: str, options: BuildOptions | None = None) -> BuildResult:
    from packet.check import rules
    from packet.check.pdf_facts import inspect_pdf
    from packet.check.report_md import report_markdown
    from packet.render.docx import render_docx
    from packet.render.pdf import render_pdf

    from packet.inputs import inputs_digest

    options = options or BuildOptions()
    unknown = [f for f in options.formats if f not in FORMATS]
    if unknown:
        raise UserError(f"unknown format '{unknown[0]}'", [Problem("not an output format", hint="Formats: pdf, docx.")])
    profile = ws.profile(profile_id)
    call = ws.call(call_id)
    digest = inputs_digest(ws, profile_id, call_id, options=options.key(), answers=options.answers)
    application = load_application(ws, profile_id, call_id, options.answers)
    date = build_date(ws, application)
    theme = options.theme or (application.theme if application else None) or ws.settings.theme or call.theme
    style = options.style or (application.style if application else None) or ws.settings.style or call.style
    timestamp = int(__import__("calendar").timegm(date.as_date().timetuple()))

    composed = compose_documents(ws, profile_id, call, application, date, theme, style)
    folder = options.out or ws.output_for(call_id, profile_id)
    findings: list[Finding] = []
    parts: list[Part] = []
    doc_reports: list[DocumentReport] = []

    with Staging(folder) as stage:
        for item in composed:
            item.pdf = render_pdf(item.tree, item.setup, timestamp=timestamp)
            facts = inspect_pdf(item.pdf)
            item.pages = facts.pages
            name = f"{item.spec.id}.pdf"
            item.findings = [
                *rules.check_pdf(call, item.spec, facts, name),
                *rules.check_text(item.spec, item.tree, call),
                *rules.check_selection(item.spec, item.shown, rules_date(call, date)),
            ]
            findings.extend(item.findings)
            files = []
            if "pdf" in options.formats:
                files.append(stage.write(f"documents/{item.spec.id}.pdf", item.pdf))
            if "docx" in options.formats:
                files.append(stage.write(f"documents/{item.spec.id}.docx", render_docx(item.tree, item.setup)))
            parts.append(Part(item.spec.id, item.spec.title, item.pdf, item.pages))
            text = item.tree.plain_text()
            doc_reports.append(DocumentReport(
                id=item.spec.id, title=item.spec.title, pages=item.pages, first_page=0,
                words=rules.count_words(text), characters=rules.count_chars(text),
                items={section: len(items) for section, items in item.shown.items()},
                files=files,
            ))

        for attachment in call.attachments:
            given = application.attachments.get(attachment.id) if application else None
            if given is None:
                if attachment.required:
                    findings.append(Finding(
                        rule="attachment-missing", severity="error", document=attachment.id,
                        limit="required", actual="missing",
                        message=f"{attachment.title} is required: add it under attachments.{attachment.id} "
                                f"in the application", unconfirmed=attachment.source == "unconfirmed"))
                continue
            path = (ws.profile_dir(profile_id) / given).resolve()
            data, pages = read_attachment(path, ws.show(path))
            facts = inspect_pdf(data)
            findings.extend(rules.check_pdf(call, None, facts, path.name))
            if attachment.max_pages and pages > attachment.max_pages:
                findings.append(Finding(
                    rule="max-pages", severity="error", document=attachment.id,
                    limit=f"{attachment.max_pages} pages", actual=f"{pages} pages",
                    message=f"{attachment.title} has {pages} pages; the call allows {attachment.max_pages}"))
            copied = stage.write(f"documents/{attachment.id}.pdf", data)
            parts.append(Part(attachment.id, attachment.title, data, pages, kind="attachment"))
            doc_reports.append(DocumentReport(id=attachment.id, title=attachment.title, pages=pages,
                                              first_page=0, words=0, characters=0, files=[copied],
                                              attachment=True))

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
        packet_pdf = merge_documents(cover, cover_pages, parts, info)
        packet_file = stage.write("packet.pdf", packet_pdf)
        start = cover_pages + 1
        for report_doc, part in zip(doc_reports, parts, strict=True):
            report_doc.first_page = start
            start += part.pages

        built = [item.spec.id for item in composed]
        findings.extend(rules.check_answers(call, application.answers if application else {}, built))
        findings.extend(rules.check_eligibility(call, profile, rules_date(call, date)))
        if application is not None and application.status == "draft":
            findings.append(Finding(
                rule="draft", severity="warning", document=None, limit="complete", actual="draft",
                message="The application is a draft (the wizard was stopped before the end): "
                        "run `packet wizard` again to finish it, or set status: complete."))
        findings.extend(rules.check_files(call, [stage.path(f.path) for f in (*[f for d in doc_reports for f in d.files], packet_file)]))
        report = Report(
            profile=profile_id, call=call_id, call_name=call.name, build_date=str(date),
            rules_read=str(call.rules_read),
            tool_version=__version__, inputs=digest, documents=doc_reports, packet=packet_file,
            pages=cover_pages + sum(p.pages for p in parts), findings=findings,
        )
        stage.write("report.json", report.model_dump_json(indent=2) + "\n")
        stage.write("report.md", report_markdown(report))
    return BuildResult(report=report, folder=folder, packet=folder / "packet.pdf")
