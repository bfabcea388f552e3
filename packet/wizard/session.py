"""One wizard session: the profile, the call, the draft being filled, and its steps.

A step is named by a key ("focus", "section:publications", "prompt:methods",
"attachment:budget"...) so the review menu can ask any one of them again; the
list of steps follows the answers (a document left out takes its questions
with it; the focus is asked only where the call ranks items).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from packet.wizard import ask, steps
from packet.wizard.answers import (
    ADDRESSEE,
    COVER_LETTER,
    included_documents,
    plural,
    prompts_to_ask,
    section_caps,
    sections_to_choose,
)
from packet.wizard.ask import Interrupted
from packet.wizard.draft import Draft
from packet.wizard.review import cut

if TYPE_CHECKING:
    from rich.console import Console

    from packet.model.call import CallSpec
    from packet.model.dates import PartialDate
    from packet.model.profile import Profile
    from packet.select import Ranked
    from packet.store.workspace import Workspace


@dataclass
class Step:
    key: str
    label: str  # as the review menu offers it: "Change <label>"


@dataclass
class Session:
    ws: Workspace
    profile_id: str
    profile: Profile
    call: CallSpec
    draft: Draft
    out: Console | Callable[[], Console]
    as_of: PartialDate
    from_draft: bool = False
    ranked: dict[str, list[Ranked]] | None = None
    ranked_for: str | None = None  # the focus the ranking used
    keep: Callable[[Interrupted], str | None] | None = field(default=None, repr=False)

    @property
    def shown(self) -> str:
        return self.draft.shown

    def console(self) -> Console:
        return self.out() if callable(self.out) else self.out

    @classmethod
    def start(cls, ws: Workspace, profile_id: str, call_id: str,
              out: Console | Callable[[], Console]) -> Session:
        from packet.select.as_of import as_of_date
        from packet.wizard.resume import open_draft
        from packet.wizard.upfront import introduce

        profile, call = ws.profile(profile_id), ws.call(call_id)
        draft, saved = open_draft(ws, profile_id, profile, call)
        session = cls(ws, profile_id, profile, call, draft, out, as_of_date(call, saved),
                      from_draft=draft.from_draft)
        introduce(call, profile, profile_id, session.as_of)
        if draft.from_draft:
            ask.say(("note", f"Continuing the unfinished session in {ws.show(draft.draft_file)}."))
        elif saved is not None and draft.complete():
            ask.say(("note", f"Your answers in {session.shown} are complete: change any of them "
                             "from the menu below, or build."))
        elif saved is not None:
            ask.say(("note", f"Starting from your saved answers in {session.shown}: "
                             "each question shows yours, to keep or change."))
        return session

    # -- what to ask --------------------------------------------------------------------
    def documents(self) -> list[Any]:
        return included_documents(self.call, list(self.draft.get("skip_documents") or []))

    def sections(self) -> list[str]:
        docs = self.documents()
        return [s for s in sections_to_choose(self.call, docs) if self.profile.section(s)]

    def steps(self) -> list[Step]:
        docs = self.documents()
        out = []
        if any(d.optional for d in self.call.documents):
            out.append(Step("documents", "which documents to send"))
        sections = self.sections()
        if sections:
            out.append(Step("focus", "the focus (what the call looks for)"))
        out += [Step(f"section:{s}", f"the {s} chosen") for s in sections]
        for prompt in prompts_to_ask(self.call, docs):
            name = prompt.heading or cut(" ".join(prompt.question.split()), 50)
            out.append(Step(f"prompt:{prompt.id}", f"the answer “{name}”"))
        if any(d.template == COVER_LETTER for d in docs):
            out.append(Step("addressee", "whom the cover letter addresses"))
        out += [Step(f"attachment:{a.id}", f"the {a.title} (attachment)")
                for a in self.call.attachments]
        return out

    # -- asking -------------------------------------------------------------------------
    def ask(self, step: Step) -> None:
        """Ask one step and keep its answer (in the draft file too)."""
        kind, _, name = step.key.partition(":")
        draft = self.draft
        self.keep = None
        if kind == "documents":
            draft.set_skipped(steps.choose_documents(
                self.call, list(draft.get("skip_documents") or [])))
        elif kind == "focus":
            self.keep = lambda stop: _typed(stop, draft.set_focus, "the focus you were typing")
            draft.set_focus(steps.ask_focus(str(draft.get("focus") or "")))
        elif kind == "section":
            self._choose(name)
        elif kind == "prompt":
            prompt = self.call.prompt(name)
            assert prompt is not None
            self.keep = lambda stop: _typed(stop, lambda t: draft.set_answer(name, t),
                                            "the answer you were typing")
            answer = steps.answer_prompt(prompt, draft.answer(name), self.documents())
            draft.set_answer(name, answer or "", left_empty=answer is None)
        elif kind == "addressee":
            self.keep = lambda stop: _typed(stop, lambda t: draft.set_answer(ADDRESSEE, t),
                                            "the name you were typing")
            addressee = steps.ask_addressee(draft.answer(ADDRESSEE))
            if addressee:
                draft.set_answer(ADDRESSEE, addressee)
            else:
                draft.clear_answer(ADDRESSEE)
        elif kind == "attachment":
            attachment = next(a for a in self.call.attachments if a.id == name)
            given = draft.get("attachments") or {}
            draft.set_attachment(name, steps.ask_attachment(
                attachment, str(given.get(name) or ""), self.ws.profile_dir(self.profile_id)))
        self.keep = None
        draft.keep_unfinished()

    def _choose(self, section: str) -> None:
        ranked = self.rankings().get(section, [])
        caps = section_caps(self.call, self.documents())
        titles = {r.item.id: _title(r) for r in ranked}
        self.keep = lambda stop: _ticks(stop, lambda ids: self.draft.set_selection(
            section, ids, titles))
        chosen = steps.choose_section(section, ranked, self.documents(), caps.get(section),
                                      self.draft.selection(section))
        self.draft.set_selection(section, chosen, titles)

    def rankings(self) -> dict[str, list[Ranked]]:
        focus = str(self.draft.get("focus") or "") or None
        if self.ranked is None or self.ranked_for != focus:
            from packet.select import rank_items

            with self.console().status("Ranking your items against the call…"):
                self.ranked = rank_items(self.profile, self.call, focus=focus, as_of=self.as_of,
                                         pinned=list(self.draft.get("pinned") or []),
                                         sections=self.sections(),
                                         vectors=self.ws.cache("vectors"))
            self.ranked_for = focus
        return self.ranked

    def keep_partial(self, stop: Interrupted) -> str | None:
        """On Ctrl-C, keep what the question being answered had; say what that was."""
        return self.keep(stop) if self.keep is not None else None

    def review(self) -> int:
        from packet.wizard.review import review

        return review(self.ws, self.profile_id, self.call, self.draft, self.console())


def _typed(stop: Interrupted, keep: Callable[[str], None], what: str) -> str | None:
    if stop.typed and stop.typed.strip():
        keep(stop.typed)
        return what
    return None


def _ticks(stop: Interrupted, keep: Callable[[list[str]], None]) -> str | None:
    if stop.ticked is None:
        return None
    keep(stop.ticked)
    return f"what you had ticked ({plural(len(stop.ticked), 'item')})"


def _title(ranked: Ranked) -> str:
    from packet.select import item_title

    return item_title(ranked.item)
