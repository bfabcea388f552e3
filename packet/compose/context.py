"""The data a document template sees: who, for which call, which items, which texts.

`build_context` gathers it once per document. Per-document helpers that keep
state while rendering (`cite`, `references`, the statements rendered on first
use) are added by `compose_document`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packet.compose.escape import TrustedMarkdown, trusted
from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec, Prompt
from packet.model.dates import PartialDate
from packet.model.profile import SECTIONS, Item, Person, Profile
from packet.paths import contained, read_user_text


@dataclass(frozen=True)
class StatementSource:
    """One of the person's own texts (Markdown + Jinja) from profiles/P/statements/."""

    name: str
    text: str
    filename: str  # as shown in messages, e.g. profiles/favero/statements/research.md


class SectionsShown(dict[str, list[Item]]):
    """The chosen items per section, remembering which sections the template looked at.

    The report counts items per section for what a document really shows; a
    publication list is given every section but prints only one.
    """

    def __init__(self, data: dict[str, list[Item]]) -> None:
        super().__init__(data)
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> list[Item]:
        self.used.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.used.add(key)
        return super().get(key, default)

    def items(self) -> Any:
        self.used.update(self.keys())
        return super().items()

    def values(self) -> Any:
        self.used.update(self.keys())
        return super().values()

    def shown(self) -> dict[str, list[Item]]:
        return {name: items for name, items in dict.items(self) if name in self.used and items}


@dataclass
class TemplateContext:
    profile: Profile
    call: CallSpec
    doc: DocumentSpec
    application: Application | None
    selected: SectionsShown
    answers: dict[str, str]
    prompts: list[Prompt]
    statements: dict[str, StatementSource]
    refs: dict[str, TrustedMarkdown]
    significance: dict[str, str]
    today: PartialDate
    # The same references without their notes, for a statement's list of what it cites.
    cited_refs: dict[str, TrustedMarkdown] = field(default_factory=dict)

    @property
    def person(self) -> Person:
        return self.profile.person

    @property
    def statement_name(self) -> str:
        return self.doc.statement or self.doc.id

    def variables(self) -> dict[str, Any]:
        """The template variables that are plain data (no per-render state)."""
        return {
            "person": self.person,
            "profile": self.profile,
            "call": self.call,
            "doc": self.doc,
            "application": self.application,
            "selected": self.selected,
            "answers": self.answers,
            "prompts": self.prompts,
            "refs": self.refs,
            "significance": self.significance,
            "today": self.today,
            "caps": {r.section: r.max_items for r in self.doc.sections if r.max_items is not None},
            "statement_name": self.statement_name,
        }


def build_context(
    profile: Profile,
    call: CallSpec,
    doc: DocumentSpec,
    *,
    selected: Mapping[str, list[Item]],
    today: PartialDate,
    application: Application | None = None,
    refs: Mapping[str, str] | None = None,
    statements: Mapping[str, StatementSource] | None = None,
    cited_refs: Mapping[str, str] | None = None,
) -> TemplateContext:
    """Everything one document's template may use.

    `selected` is the items to show per section, filtered and ordered by
    `packet.select`; sections it leaves out are empty. `refs` maps publication
    ids to formatted references (trusted Markdown). `today` is the date the
    documents are dated.
    """
    significance = {p.id: p.significance for p in profile.publications if p.significance}
    if application is not None:
        significance.update(application.significance)
    prompts = [p for p in (call.prompt(pid) for pid in doc.prompts) if p is not None]
    return TemplateContext(
        profile=profile,
        call=call,
        doc=doc,
        application=application,
        selected=SectionsShown({name: list(selected.get(name, [])) for name in SECTIONS}),
        answers=dict(application.answers) if application else {},
        prompts=prompts,
        statements=dict(statements or {}),
        refs={key: trusted(value) for key, value in (refs or {}).items()},
        significance=significance,
        today=today,
        cited_refs={key: trusted(value) for key, value in (cited_refs or {}).items()},
    )


def load_statements(folder: Path, within: Path | None = None) -> dict[str, StatementSource]:
    """The statement texts in `folder` (`<name>.md`), by name.

    Messages name them from the workspace on (profiles/P/statements/x.md). Each must
    resolve (symlinks followed) inside `within` (the workspace; default: `folder`),
    be a regular UTF-8 file of at most MAX_TEXT_BYTES: else a UserError names it.
    """
    if not folder.is_dir():
        return {}
    out: dict[str, StatementSource] = {}
    for path in sorted(folder.glob("*.md")):
        shown = str(Path(*path.parts[-4:]) if len(path.parts) >= 4 else path)
        contained(path, [within or folder], shown, "statement")
        out[path.stem] = StatementSource(path.stem, read_user_text(path, shown, what="statement"),
                                         shown)
    return out
