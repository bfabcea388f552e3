"""Each built-in template, composed for the example profile, against its golden Markdown
and DocTree (`pytest --update-goldens` rewrites them; read the diff)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from goldens import check_golden

from packet.compose.context import load_statements
from packet.compose.documents import ComposedDocument, ComposeInputs, compose_documents
from packet.model.call import DocumentSpec
from packet.model.dates import PartialDate
from packet.select.as_of import as_of_date
from packet.select.items import select_items
from packet.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
BUILTIN = REPO / "packet" / "compose" / "templates"
TEMPLATES = sorted(p.name.removesuffix(".md.j2") for p in BUILTIN.glob("*.md.j2")
                   if not p.name.startswith("_"))
# Where each template is met first: the example applications, then the built-in calls.
CALLS = ("ml-theory-fellowship", "us-faculty", "erc-stg-2028", "msca-pf", "cambridge-jrf", "nih")
DATE = PartialDate(2026, 11, 15)


def compose_with_builtins(template: str) -> ComposedDocument:
    """The template's document in the first call that has one (or one added to the first
    call), with that call's saved application, built-in templates only."""
    ws = Workspace.open(REPO)
    profile = ws.profile("favero")
    for call_id in CALLS:
        call = ws.call(call_id)
        doc = next((d for d in call.documents if d.template == template), None)
        if doc is not None:
            break
    else:
        call = ws.call(CALLS[0])
        doc = DocumentSpec(id=template, title=template.replace("-", " ").title(),
                           template=template)
        call = call.model_copy(update={"documents": [*call.documents, doc]})
    application = ws.application("favero", call.id)
    selection = select_items(profile, call, [doc], application, as_of_date(call, application))
    inputs = ComposeInputs(profile, call, application, [doc], selection,
                           statements=load_statements(ws.statements_dir("favero")), date=DATE,
                           style=call.style)
    [composed] = compose_documents(inputs)
    return composed


def test_every_built_in_template_has_a_case() -> None:
    assert set(TEMPLATES) >= {"cv", "publications", "cover-letter", "research-statement"}


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_output_matches_its_golden(request: pytest.FixtureRequest, template: str) -> None:
    composed = compose_with_builtins(template)
    check_golden(request, f"templates/{template}.md", composed.markdown)
    tree = json.dumps(composed.tree.to_dict(), ensure_ascii=False, indent=1) + "\n"
    check_golden(request, f"templates/{template}.doctree.json", tree)
