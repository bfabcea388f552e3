"""Each stage of the pipeline through its own entry point, with plain records in and out."""

from __future__ import annotations

import copy
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from packet.assemble import PacketInfo, Part, assemble_packet
from packet.check.packet import AttachmentToCheck, DocumentToCheck, PacketToCheck, check_packet
from packet.compose.context import load_statements
from packet.compose.documents import ComposeInputs, compose_documents
from packet.errors import UserError
from packet.inputs import inputs_digest
from packet.model.application import Application
from packet.model.call import AttachmentSpec, CallSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.publish import publish
from packet.render.renderer import Layout, Renderer
from packet.select.as_of import as_of_date, build_date
from packet.select.items import documents_to_build, select_items
from packet.settings import load_settings
from packet.store.workspace import Workspace

DATE = PartialDate(2026, 11, 15)


def small_profile() -> Profile:
    return Profile.model_validate({
        "person": {"name": "Ada Lovelace", "name_variants": ["Lovelace, A."]},
        "publications": [
            {"id": "new", "kind": "journal", "authors": ["Lovelace, A."], "year": 2026,
             "title": "Engines that weave patterns", "venue": "Analytical Letters"},
            {"id": "old", "kind": "journal", "authors": ["Lovelace, A."], "year": 2024,
             "title": "Notes on the engine", "venue": "Taylor's Memoirs"},
        ],
    })


def small_call(**extra: Any) -> CallSpec:
    return CallSpec.model_validate({
        "id": "test", "name": "Test Fellowship", "funder": "Test Foundation", "kind": "fellowship",
        "rules_read": "2026-11",
        "documents": [
            {"id": "cv", "title": "Curriculum Vitae", "template": "cv",
             "sections": [{"section": "publications", "within_years": 5}]},
            {"id": "letter", "title": "Cover Letter", "template": "cover-letter",
             "optional": True},
        ],
        **extra,
    })


# -- select -------------------------------------------------------------------------


def test_as_of_is_the_deadline_when_the_call_has_one_else_the_build_date() -> None:
    application = Application(call="test", build_date="2026-10-01")
    assert as_of_date(small_call(), application) == PartialDate(2026, 10, 1)
    assert as_of_date(small_call(deadline="2030-06-01"), application) == PartialDate(2030, 6, 1)
    assert build_date(None) == DATE  # the clock, which conftest pins


def test_select_items_counts_windows_back_from_the_deadline() -> None:
    profile, call = small_profile(), small_call(deadline="2030-06-01")
    docs = documents_to_build(call, None)
    chosen = select_items(profile, call, docs, None, as_of_date(call, None))
    # From 2030-06 "the last 5 years" starts in 2025-06: the 2024 paper is out.
    assert [p.id for p in chosen["cv"]["publications"]] == ["new"]
    from_today = select_items(profile, call, docs, None, DATE)
    assert [p.id for p in from_today["cv"]["publications"]] == ["new", "old"]


def test_a_document_may_choose_its_own_items_and_falls_back_to_the_shared_choice() -> None:
    profile, call = small_profile(), small_call()
    docs = documents_to_build(call, None)
    application = Application(call="test", selections={"publications": ["old"]},
                              document_selections={"letter": {"publications": ["new", "old"]}})
    chosen = select_items(profile, call, docs, application, DATE)
    assert [p.id for p in chosen["letter"]["publications"]] == ["new", "old"]
    assert [p.id for p in chosen["cv"]["publications"]] == ["old"]  # the shared choice


def test_choosing_items_for_a_document_the_call_lacks_says_which() -> None:
    profile, call = small_profile(), small_call()
    application = Application(call="test", document_selections={"cvv": {"publications": []}})
    with pytest.raises(UserError) as caught:
        select_items(profile, call, documents_to_build(call, None), application, DATE)
    assert "'cvv' is not a document of test" in str(caught.value.problems[0].message)
    assert "cv, letter" in str(caught.value.problems[0].hint)


def test_documents_to_build_leaves_out_only_optional_documents_the_application_skips() -> None:
    call = small_call()
    skipping = Application(call="test", skip_documents=["letter"])
    assert [d.id for d in documents_to_build(call, skipping)] == ["cv"]
    assert [d.id for d in documents_to_build(call, None)] == ["cv", "letter"]


def test_rank_and_build_agree_on_the_window_of_a_call_with_a_deadline(
    run: Callable[..., Any], tmp_path: Path,
) -> None:
    ws = tmp_path / "ws"
    (ws / "profiles" / "ada").mkdir(parents=True)
    (ws / "calls").mkdir()
    (ws / "profiles" / "ada" / "profile.yaml").write_text(json.dumps(
        small_profile().model_dump(mode="json", exclude_defaults=True)), encoding="utf-8")
    call = small_call(deadline="2030-06-01")
    cv_only = call.model_copy(update={"documents": call.documents[:1]})
    (ws / "calls" / "test.yaml").write_text(json.dumps(
        cv_only.model_dump(mode="json", exclude_defaults=True)), encoding="utf-8")
    ranked = run("-w", str(ws), "rank", "-p", "ada", "-c", "test", "--json")
    assert ranked.code == 0, ranked.err
    allowed = {r["id"]: r["allowed"] for r in json.loads(ranked.out)}
    assert allowed == {"new": True, "old": False}
    built = run("-w", str(ws), "build", "-p", "ada", "-c", "test")
    assert built.code == 0, built.err
    report = json.loads((ws / "output" / "test" / "ada" / "report.json").read_text("utf-8"))
    assert report["documents"][0]["items"]["publications"] == 1


# -- compose, render, assemble --------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> tuple[Workspace, Profile, CallSpec, Application | None]:
    ws = Workspace.open(Path(__file__).resolve().parent.parent)
    call = ws.call("ml-theory-fellowship")
    return ws, ws.profile("favero"), call, ws.application("favero", call.id)


def compose_inputs(example: Any) -> ComposeInputs:
    ws, profile, call, application = example
    docs = documents_to_build(call, application)
    return ComposeInputs(
        profile, call, application, docs,
        select_items(profile, call, docs, application, as_of_date(call, application)),
        statements=load_statements(ws.statements_dir("favero")), date=DATE, style=call.style)


def test_compose_documents_yields_each_document_when_asked(example: Any) -> None:
    inputs = compose_inputs(example)
    composing = compose_documents(inputs)
    first = next(composing)  # nothing after the first is composed yet: a generator
    assert first.spec.id == inputs.documents[0].id
    assert first.markdown.startswith("# ") and first.tree.title == first.spec.title
    rest = list(composing)
    assert [d.spec.id for d in [first, *rest]] == [d.id for d in inputs.documents]
    publications = next(d for d in rest if d.spec.id == "publications")
    assert publications.shown["publications"] == inputs.selection["publications"]["publications"]


def test_renderer_typesets_pdf_and_docx_of_each_document(example: Any) -> None:
    _, profile, call, _ = example
    composed = list(compose_documents(compose_inputs(example)))[:2]
    with Renderer(Layout(call, profile.person.name, "classic", DATE), docx=True) as renderer:
        rendered = renderer.render_documents(composed)
        docx = [r.docx() for r in rendered]
    for doc, word in zip(rendered, docx, strict=True):
        assert doc.pdf.startswith(b"%PDF") and doc.pages == len(PdfReader(io.BytesIO(doc.pdf)).pages)
        assert doc.setup.title == f"{doc.spec.title} — Alessandro Favero"
        with zipfile.ZipFile(io.BytesIO(word)) as archive:
            assert "word/document.xml" in archive.namelist()


def test_assemble_packet_puts_each_part_after_the_cover_and_says_where(example: Any) -> None:
    _, profile, call, _ = example
    composed = list(compose_documents(compose_inputs(example)))
    with Renderer(Layout(call, profile.person.name, "classic", DATE), docx=False) as renderer:
        rendered = renderer.render_documents(composed)
        cover, cover_pages = renderer.render_cover(composed[0].tree, "Cover")
    parts = [Part(r.spec.id, r.spec.title, r.pdf, r.pages) for r in rendered]
    info = PacketInfo(title="T", author="A", subject="S", keywords=[], applicant="A",
                      call_name="C", funder="F", date_text="today", pdf_date="D:20261115000000Z",
                      producer="packet")
    packet = assemble_packet(cover, cover_pages, parts, info)
    expected = [cover_pages + 1]
    for part in parts[:-1]:
        expected.append(expected[-1] + part.pages)
    assert packet.first_pages == expected
    reader = PdfReader(io.BytesIO(packet.pdf))
    assert len(reader.pages) == packet.pages == cover_pages + sum(p.pages for p in parts)
    assert reader.page_labels[packet.first_pages[1] - 1] == f"{parts[1].title} 1"


# -- check --------------------------------------------------------------------------


def test_check_packet_holds_the_build_rules_and_changes_nothing(example: Any) -> None:
    _, profile, call, application = example
    call = call.model_copy(update={"attachments": [
        AttachmentSpec(id="letter", title="Reference letter", required=True),
        AttachmentSpec(id="sample", title="Writing sample", max_pages=1),
    ]})
    composed = next(compose_documents(compose_inputs(example)))
    with Renderer(Layout(call, profile.person.name, "classic", DATE), docx=False) as renderer:
        [rendered] = renderer.render_documents([composed])
    draft = application.model_copy(update={"status": "draft"})
    two_pages = AttachmentToCheck(call.attachments[1], "sample.pdf", rendered.pdf, 2)
    packet = PacketToCheck(
        call, profile, draft, DATE, DATE,
        documents=[DocumentToCheck(rendered.spec, composed.tree, composed.shown, rendered.pdf,
                                   rendered.pages)],
        attachments=[two_pages], files={"packet.pdf": 0, "documents/cv.pdf": 10})
    before = copy.deepcopy(packet)
    rules = {f.rule: f for f in check_packet(packet)}
    assert {"draft", "attachment-missing", "max-pages", "empty-file"} <= set(rules)
    assert rules["attachment-missing"].document == "letter"
    assert rules["max-pages"].actual == "2 pages" and rules["max-pages"].limit == "1 page"
    assert rules["empty-file"].document == "packet.pdf"
    assert packet == before


# -- publish, inputs, settings --------------------------------------------------------


def test_publish_replaces_the_folder_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "out"
    publish(folder, {"packet.pdf": b"%PDF-1", "documents/cv.pdf": b"%PDF-cv"})
    assert (folder / "documents" / "cv.pdf").read_bytes() == b"%PDF-cv"

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    # The two-rename swap (where the OS cannot exchange two folders atomically).
    monkeypatch.setattr("packet.publish._exchange", lambda a, b: False)
    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match="the disk is full"):
        publish(folder, {"packet.pdf": b"%PDF-2"})
    assert (folder / "packet.pdf").read_bytes() == b"%PDF-1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_inputs_change_with_what_the_build_reads_and_only_with_it(example_workspace: Path) -> None:
    ws = Workspace.open(example_workspace)
    call = "cambridge-jrf"
    application = ws.application("favero", call)
    assert application is not None and application.attachments

    def digest() -> str:
        return inputs_digest(Workspace.open(example_workspace), "favero", call,
                             application=application)

    first = digest()
    profile_dir = example_workspace / "profiles" / "favero"
    (profile_dir / "unused.pdf").write_bytes(b"%PDF- not attached")
    os.mkfifo(profile_dir / "pipe.pdf")  # would hang a reader: never opened
    assert digest() == first
    attached = profile_dir / next(iter(application.attachments.values()))
    attached.write_bytes(attached.read_bytes() + b"\n% edited\n")
    assert digest() != first
    edited = digest()
    statement = profile_dir / "statements" / "research.md"
    statement.write_text(statement.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert digest() != edited


def test_settings_layer_toml_then_environment_then_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "packet.toml").write_text('theme = "modern"\nstyle = "ieee"\njobs = 3\n', "utf-8")
    monkeypatch.delenv("PACKET_THEME", raising=False)
    monkeypatch.setenv("PACKET_STYLE", "nature")
    settings = load_settings(tmp_path, jobs=1)
    assert (settings.theme, settings.style, settings.jobs) == ("modern", "nature", 1)


def test_a_packet_built_from_the_starter_says_it_still_holds_its_examples(
    starter: Path, run: Callable[..., Any],
) -> None:
    call = next((starter / "calls").glob("*.yaml")).stem
    result = run("-w", str(starter), "build", "-c", call)
    assert result.code == 0, result.err
    report = json.loads(next((starter / "output").rglob("report.json")).read_text("utf-8"))
    assert "starter-placeholders" in {f["rule"] for f in report["findings"]}


def test_an_item_sharing_only_an_id_with_the_starter_is_not_an_example() -> None:
    from packet.check.starter import STARTER_PROFILE, check_starter
    from packet.store.profiles import load_profile

    starter = load_profile(STARTER_PROFILE, "starter")
    data = starter.model_dump(mode="json", exclude_none=True)
    data["person"]["name"] = "Aiko Tanaka"
    mine = Profile.model_validate(data)
    assert check_starter(mine, starter)  # every example item still there
    for section in ("education", "positions", "interests", "publications", "talks", "awards",
                    "teaching", "mentoring", "service", "grants", "meetings", "skills",
                    "languages"):
        for item in data.get(section, []):
            for field in ("title", "degree", "area", "course", "student", "organization",
                          "name", "category"):
                if field in item and isinstance(item[field], str):
                    item[field] = f"My own {field}"
    assert check_starter(Profile.model_validate(data), starter) == []
