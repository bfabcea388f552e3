"""`build_packet`: one profile, one call -> documents, packet, report.

The stages of DESIGN.md, in their one-way order, each a call with plain records
in and out: select -> compose -> render -> assemble -> check -> publish.
Composing is a generator, so Typst typesets each document while the next one is
composed (see `packet.render.renderer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from packet import __version__
from packet.assemble import PacketInfo, Part, assemble_packet, read_attachment
from packet.cache import Cache, fingerprint_pinned, write_atomic
from packet.check.packet import (
    AttachmentToCheck,
    DocumentToCheck,
    FormToCheck,
    PacketToCheck,
    check_packet,
    document_reports,
)
from packet.check.rendered import check_docx_pages
from packet.check.report_md import report_markdown
from packet.check.starter import STARTER_PROFILE
from packet.collector import collector_paused
from packet.compose.context import load_statements
from packet.compose.cover import ContentsLine, compose_cover
from packet.compose.documents import ComposeInputs, compose_documents
from packet.errors import Problem, UserError
from packet.forms import FormOutput, build_forms
from packet.inputs import inputs_digest
from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.model.report import Finding, Report
from packet.paths import PACKAGE_DIR, contained
from packet.publish import check_replaceable, output_file, publish, tidy
from packet.render.docx_pages import cached_page_counts, soffice
from packet.render.renderer import Layout, RenderedDocument, Renderer
from packet.select.as_of import as_of_date, build_date
from packet.select.items import documents_to_build, select_items
from packet.store.profiles import load_profile
from packet.store.workspace import Workspace

FORMATS = ("pdf", "docx")


@dataclass
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    theme: str | None = None
    style: str | None = None
    answers: Path | None = None  # an application file other than the saved one
    out: Path | None = None  # output folder other than output/<call>/<profile>
    # Publish first and count the DOCX pages afterwards (`finish_docx_pages`): LibreOffice
    # takes about a second, and `packet watch` shows the PDF and its report before that.
    docx_pages_later: bool = False

    def key(self) -> tuple[str, ...]:
        """What of these options changes the output (for the inputs fingerprint)."""
        return (",".join(self.formats), self.theme or "", self.style or "")


@dataclass
class PendingDocxPages:
    """What counting a published packet's DOCX pages needs (see `finish_docx_pages`)."""

    files: dict[str, bytes]  # document id -> its DOCX
    specs: list[DocumentSpec]
    pdf_pages: dict[str, int]
    inputs: str  # the fingerprint the report records once the count is in
    cache: Cache


@dataclass
class BuildResult:
    report: Report
    folder: Path
    packet: Path
    docx_pending: PendingDocxPages | None = None  # counted after publishing


def build_packet(
    ws: Workspace, profile_id: str, call_id: str, options: BuildOptions | None = None
) -> BuildResult:
    with fingerprint_pinned():
        return _build_packet(ws, profile_id, call_id, options)


def _build_packet(
    ws: Workspace, profile_id: str, call_id: str, options: BuildOptions | None
) -> BuildResult:
    options = options or BuildOptions()
    _check_formats(options.formats)
    profile, call = ws.profile(profile_id), ws.call(call_id)
    application = load_application(ws, profile_id, call_id, options.answers)
    folder = options.out or ws.output_for(call_id, profile_id)
    check_replaceable(folder)
    digest = inputs_digest(ws, profile_id, call_id, options=options.key(), answers=options.answers,
                           application=application)
    date, as_of = build_date(application), as_of_date(call, application)
    documents = documents_to_build(call, application)
    selection = select_items(profile, call, documents, application, as_of)
    forms = build_forms(call, profile, application, as_of)
    attachments = read_attachments(ws, profile_id, call, application)
    compose = ComposeInputs(
        profile, call, application, documents, selection,
        statements=load_statements(ws.statements_dir(profile_id), within=ws.root), date=date,
        style=options.style or (application and application.style) or ws.settings.style
        or call.style,
        templates=ws.templates_dir if ws.templates_dir.is_dir() else None, workspace=ws.root,
        cache_dir=ws.settings.cache_dir, max_authors=ws.settings.max_authors)
    theme = (options.theme or (application and application.theme) or ws.settings.theme
             or call.theme)
    info = packet_info(call, profile, date)
    with (collector_paused(freeze=True),
          Renderer(Layout(call, profile.person.name, theme, date,
                          acronym=(application and application.acronym) or "",
                          fonts_dir=str(ws.root / "fonts")),
                   docx="docx" in options.formats, cache_dir=ws.settings.cache_dir) as renderer):
        rendered = renderer.render_documents(compose_documents(compose))
        parts = [Part(r.spec.id, r.spec.title, r.pdf, r.pages, reader=r.reader) for r in rendered]
        parts += [Part(a.spec.id, a.spec.title, a.pdf, a.pages, kind="attachment",
                       certified=a.spec.certified) for a in attachments]
        cover, cover_pages = render_cover(renderer, info, parts)
        packet = assemble_packet(cover, cover_pages, parts, info, ws.cache("packets"))
        files = output_files(options.formats, rendered, attachments, forms, packet.pdf)
    docx_counts = None
    pending = None
    if "docx" in options.formats:
        docx_files = {r.spec.id: files[f"documents/{r.spec.id}.docx"] for r in rendered}
        docx_cache = Cache(ws.settings.cache_dir, "docx-pages")
        if options.docx_pages_later and soffice() is not None:
            pending = PendingDocxPages(docx_files, [r.spec for r in rendered],
                                       {r.spec.id: r.pages for r in rendered}, digest,
                                       docx_cache)
        else:
            docx_counts = cached_page_counts(docx_files, docx_cache)
    to_check = PacketToCheck(
        call, profile, application, as_of, date,
        documents=[DocumentToCheck(r.spec, r.composed.tree, r.composed.shown, r.pdf, r.pages,
                                   reader=r.reader, missing_glyphs=r.missing_glyphs)
                   for r in rendered],
        attachments=attachments, files={path: len(data) for path, data in files.items()},
        forms=[FormToCheck(f.doc, f.findings, f.words, f.characters, f.items, list(f.files))
               for f in forms],
        starter=load_profile(STARTER_PROFILE, "the starter profile", ws.cache("profiles")),
        docx_pages=docx_counts, docx="docx" in options.formats and pending is None,
        cache=ws.cache("pdf-facts"))
    described = {path: output_file(path, data) for path, data in files.items()}
    findings = check_packet(to_check)
    if pending is not None:
        findings.append(DOCX_PAGES_PENDING)
    report = Report(
        profile=profile_id, call=call_id, call_name=call.name, build_date=str(date),
        rules_read=str(call.rules_read), tool_version=__version__,
        # Not up to date for batch until the DOCX pages are in: a watch stopped before
        # then leaves a packet that the next batch builds again.
        inputs=None if pending else digest,
        documents=document_reports(to_check, packet.first_pages, described),
        packet=described["packet.pdf"], pages=packet.pages, findings=findings)
    for doc in report.documents:
        doc.docx_pages = (docx_counts or {}).get(doc.id)
    files.update(report_files(report))
    publish(folder, files)
    return BuildResult(report=report, folder=folder, packet=folder / "packet.pdf",
                       docx_pending=pending)


DOCX_PAGES_PENDING = Finding(
    rule="docx-pages", severity="info",
    message="The DOCX pages are being counted in LibreOffice; this report is rewritten with "
    "their page caps checked when they are.")


def report_files(report: Report) -> dict[str, bytes]:
    return {"report.json": (report.model_dump_json(indent=2) + "\n").encode(),
            "report.md": report_markdown(report).encode()}


def still_published(result: BuildResult) -> bool:
    """Whether the output folder still holds the packet `result` published (no build since
    replaced it): its report is byte for byte the one that build wrote."""
    try:
        return (result.folder / "report.json").read_bytes() == \
            report_files(result.report)["report.json"]
    except OSError:
        return False


def docx_pages_countable() -> bool:
    """Whether LibreOffice is there to count DOCX pages."""
    return soffice() is not None


def count_docx_pages(*pending: PendingDocxPages) -> list[dict[str, int] | None]:
    """The slow part of finishing packets (LibreOffice, one run for them all, files it
    counted before taken from the cache), with no lock held: each one's counts."""
    files = {f"{n}-{doc}": data for n, one in enumerate(pending) for doc, data in one.files.items()}
    counts = cached_page_counts(files, pending[0].cache) if pending else None
    if counts is None:
        return [None] * len(pending)
    return [{name.split("-", 1)[1]: pages for name, pages in counts.items()
             if name.split("-", 1)[0] == str(n)} for n in range(len(pending))]


def finish_docx_pages(result: BuildResult, counts: dict[str, int] | None) -> Report:
    """The report of a packet published with its DOCX pages pending, completed with their
    counts and written over the pending one: the same report a build that counted them
    first writes. The caller makes sure the folder still holds that packet."""
    assert result.docx_pending is not None
    pending = result.docx_pending
    report = result.report.model_copy(deep=True)
    report.findings = [f for f in report.findings if f != DOCX_PAGES_PENDING]
    report.findings += check_docx_pages(pending.specs, pending.pdf_pages, counts)
    report.inputs = pending.inputs
    for doc in report.documents:
        doc.docx_pages = (counts or {}).get(doc.id)
    for name, data in report_files(report).items():
        write_atomic(result.folder / name, data)
    return report


def tidy_output(ws: Workspace, profile_id: str, call_id: str) -> None:
    """Put back or remove what a killed build of this packet left (batch, when up to date)."""
    tidy(ws.output_for(call_id, profile_id))


def _check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UserError(f"unknown format '{unknown[0]}'",
                        [Problem("not an output format", hint="Formats: pdf, docx.")])


def load_application(
    ws: Workspace, profile_id: str, call_id: str, answers: Path | None
) -> Application | None:
    if answers is None:
        return ws.application(profile_id, call_id)
    from packet.store.applications import load_application as load

    application, _ = load(answers, ws.show(answers), ws.profile(profile_id), ws.call(call_id))
    return application


def read_attachments(
    ws: Workspace, profile_id: str, call: CallSpec, application: Application | None
) -> list[AttachmentToCheck]:
    """The attachments the application gives, read as they are (paths from the profile)."""
    given = application.attachments if application else {}
    out = []
    for spec in call.attachments:
        if spec.id in given:
            given_path = ws.profile_dir(profile_id) / given[spec.id]
            # Named as the application writes it, from the workspace on.
            relative = given[spec.id]
            shown = relative if Path(relative).is_absolute() else \
                f"{ws.show(ws.profile_dir(profile_id))}/{relative}"
            path = contained(given_path, (ws.root, PACKAGE_DIR), shown, "attachment")
            data, pages = read_attachment(path, shown)
            out.append(AttachmentToCheck(spec, path.name, data, pages))
    return out


def packet_info(call: CallSpec, profile: Profile, date: PartialDate) -> PacketInfo:
    name = profile.person.name
    return PacketInfo(
        title=f"{call.name} — {name}", author=name,
        subject=f"Application to {call.name} ({call.funder})", keywords=list(call.keywords),
        applicant=name, call_name=call.name, funder=call.funder, date_text=date.human(),
        pdf_date="D:" + date.as_date().strftime("%Y%m%d") + "000000Z",
        producer=f"packet {__version__}")


def render_cover(renderer: Renderer, info: PacketInfo, parts: list[Part]) -> tuple[bytes, int]:
    """The cover, rendered until the page count its contents assume is the one it takes
    (a long contents list may need a second page, which moves every first page)."""
    contents = [ContentsLine(p.title, p.pages, p.kind == "attachment") for p in parts]
    pages = 1
    for _ in range(3):
        cover = compose_cover(info.call_name, info.funder, info.applicant, info.date_text,
                              contents, pages)
        pdf, count = renderer.render_cover(cover, info.title)
        if count == pages:
            break
        pages = count
    return pdf, count


def output_files(
    formats: tuple[str, ...], rendered: list[RenderedDocument],
    attachments: list[AttachmentToCheck], forms: list[FormOutput], packet_pdf: bytes,
) -> dict[str, bytes]:
    """Every file of the output folder but the reports, by path in the folder."""
    files = {}
    for doc in rendered:
        if "pdf" in formats:
            files[f"documents/{doc.spec.id}.pdf"] = doc.pdf
        if "docx" in formats:
            files[f"documents/{doc.spec.id}.docx"] = doc.docx()
    for attached in attachments:
        files[f"documents/{attached.spec.id}.pdf"] = attached.pdf
    for form in forms:
        files.update({f"documents/{name}": data for name, data in form.files.items()})
    files["packet.pdf"] = packet_pdf
    return files
