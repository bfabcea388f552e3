"""`compose_documents`: every document of a build as a DocTree, from plain records.

Compose knows nothing of the workspace: the caller hands it the profile, the
call, what to show, the person's statements and where the workspace's templates
are. Documents come out one by one (a generator), so the renderer can typeset
the first while the next is composed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from packet.compose.context import StatementSource, build_context
from packet.compose.doctree import Document
from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile


@dataclass(frozen=True)
class ComposeInputs:
    profile: Profile
    call: CallSpec
    application: Application | None
    documents: Sequence[DocumentSpec]
    selection: Mapping[str, Mapping[str, list[Item]]]  # document id -> section -> items
    statements: Mapping[str, StatementSource]
    date: PartialDate  # printed on the documents
    style: str  # CSL style of reference lists
    templates: Path | None = None  # the workspace's templates/, searched before the built-ins
    cache_dir: Path | None = None  # packet's cache: formatted references, compiled templates
    workspace: Path | None = None  # where workspace templates may point (default: templates/)
    max_authors: int = 10  # a longer author list is shortened, never past the applicant


@dataclass
class ComposedDocument:
    spec: DocumentSpec
    tree: Document
    shown: dict[str, list[Item]]  # the items the document really prints, per section
    markdown: str  # what the template produced, before parsing (for goldens and debugging)


def compose_documents(inputs: ComposeInputs) -> Iterator[ComposedDocument]:
    from packet.cache import Cache
    from packet.compose.citations import CitationFormatter
    from packet.compose.compose import parse_document, render_markdown
    from packet.compose.jinja_env import make_environment
    from packet.compose.template_cache import TemplateCodeCache

    profile = inputs.profile
    root = inputs.cache_dir
    citations = Cache(root, "citations") if root is not None else None
    formatter = CitationFormatter(inputs.style, profile.person, citations, inputs.max_authors)
    refs = formatter.format(profile.publications)
    cited = formatter.format(profile.publications, notes=False)
    env = make_environment(inputs.templates, inputs.workspace)
    trees = Cache(root, "doctrees") if root is not None else None
    if root is not None:
        env.bytecode_cache = TemplateCodeCache(Cache(root, "templates"))
    for doc in inputs.documents:
        context = build_context(
            profile, inputs.call, doc, application=inputs.application,
            selected=inputs.selection[doc.id], refs=refs, statements=inputs.statements,
            cited_refs=cited,
            today=inputs.date,
        )
        markdown = render_markdown(doc, context, env)
        tree = parse_document(doc, context, markdown, trees)
        yield ComposedDocument(doc, tree, context.selected.shown(), markdown)
