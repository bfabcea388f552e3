"""The wizard's steps: profile, call, focus, optional documents, items per section,
prompts, the cover letter's addressee, review, build.

Each step saves the answers file before the next one starts, so stopping
anywhere (Ctrl-C, a closed terminal) loses nothing already answered; an
answer being typed, or a list being ticked, when Ctrl-C comes is saved too.

Only what the first question needs is imported at the top: ranking (and its
index library) loads after the focus is answered.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packet.wizard import ask
from packet.wizard.answers import (
    ADDRESSEE,
    COVER_LETTER,
    DEFAULT_ADDRESSEE,
    LISTS_PUBLICATIONS,
    Cap,
    Draft,
    answer_count,
    cap_message,
    included_documents,
    limit_text,
    over_limit,
    prompts_to_ask,
    section_caps,
    section_uses,
    sections_to_choose,
    tick_count,
)
from packet.wizard.review import cut, review

if TYPE_CHECKING:
    from rich.console import Console

    from packet.model.call import CallSpec, DocumentSpec, Prompt
    from packet.model.profile import Profile
    from packet.select import Ranked
    from packet.store.workspace import Workspace

# prompt_toolkit garbles a question line wider than the terminal, so questions stay short,
# explanations are printed above them, and the answer starts on its own line.
FINISH = "(Esc Enter: done · Ctrl-X Ctrl-E: editor)\n> "
FINISH_LINE = "(Enter: done)\n> "
TICK = "(space: tick · a: all · i: invert · enter: done)"


class Stopped(Exception):
    """The applicant pressed Ctrl-C; the answers were saved at `path` (a draft, unless
    every question had been answered: `complete`), or nothing was: `saved` is False."""

    def __init__(self, path: str, complete: bool = False, unfinished: str | None = None,
                 saved: bool = True) -> None:
        super().__init__(path)
        self.path = path
        self.complete = complete
        self.unfinished = unfinished  # what of the question being answered was kept too
        self.saved = saved


@dataclass
class Outcome:
    profile: str
    call: str
    answers_file: str
    build: bool  # the applicant asked for the build now


def _columns() -> int:
    return shutil.get_terminal_size((100, 40)).columns


def pick_profile(ws: Workspace) -> str:
    ids = ws.profile_ids()
    if len(ids) == 1:
        return ids[0]
    from packet.errors import Problem, UserError

    if not ids:
        raise UserError("no profile in this workspace", [Problem(
            "profiles/ is empty", hint="Run `packet init` or add profiles/NAME/profile.yaml.")])
    options = []
    for profile_id in ids:
        try:
            options.append(ask.Option(f"{ws.profile(profile_id).person.name} ({profile_id})",
                                      profile_id))
        except UserError:
            options.append(ask.Option(profile_id, profile_id,
                                      disabled="has errors: `packet validate` shows them"))
    return ask.choose("Whose application?", options, default=ws.settings.profile, search=True)


CALL_QUESTION = "Which call?"


def pick_call(ws: Workspace, profile_id: str) -> str:
    """Every call, built-in or the workspace's, by id and name; type to filter by either."""
    ids = ws.call_ids()
    saved = set(ws.application_ids(profile_id))
    id_width = max(len(i) for i in ids)
    # The chosen title is echoed after the question: it must fit on that line too.
    room = max(_columns() - len(CALL_QUESTION) - id_width - 8, 20)
    from packet.errors import UserError

    options = []
    for call_id in ids:
        try:
            call = ws.call(call_id)
        except UserError:
            options.append(ask.Option(call_id, call_id,
                                      disabled="has errors: `packet validate` shows them"))
            continue
        mark = " · answers saved" if call_id in saved else ""
        name = cut(call.name, room - len(mark))
        details = [call.funder]
        if call.deadline:
            details.append(f"deadline {call.deadline}")
        details.append(f"rules read {call.rules_read}")
        if ws.call_origin(call_id) != "built-in":
            details.append(f"your call ({ws.show(ws.call_sources[call_id].path)}"
                           + (f", extends {call.extends})" if call.extends else ")"))
        options.append(ask.Option(f"{call_id:<{id_width}}  {name}{mark}", call_id,
                                  description=" · ".join(details)))
    return ask.choose(CALL_QUESTION, options, search=True)


def introduce(call: CallSpec, profile: Profile, profile_id: str) -> None:
    details = [call.funder]
    if call.deadline:
        details.append(f"deadline {call.deadline}")
    details.append(f"rules read {call.rules_read}")
    docs = ", ".join(d.title + (" (optional)" if d.optional else "") for d in call.documents)
    attached = ", ".join(a.title for a in call.attachments)
    attached = f"; attached: {attached}" if attached else ""
    ask.say(("bold", call.name), "\n", " · ".join(details), "\n",
            f"Applicant: {profile.person.name} ({profile_id}). The packet: {docs}{attached}.",
            gap=True)


def ask_focus(saved: str) -> str:
    ask.say(("note", "Focus: paste the call's advert, or type a few lines on what it looks for. "
                     "Your items are ranked by how well they fit it and the call. "
                     "Leave it empty to rank by the call alone."), gap=True)
    return ask.write(
        "Focus (optional)", default=saved, instruction=FINISH,
        toolbar=lambda text: f"{len(text.split())} words", check=lambda text: None,
    ).strip()


def choose_documents(call: CallSpec, skipped: list[str]) -> list[str]:
    """The optional documents to leave out; returns their ids (empty if none is optional)."""
    optional = [d for d in call.documents if d.optional]
    if not optional:
        return []
    ask.say(("note", "Some documents of this call are optional. Untick the ones you will not "
                     "send: they are left out of the packet, and their questions are not asked."),
            gap=True)
    options = []
    for doc in call.documents:
        options.append(ask.Option(
            doc.title, doc.id, checked=doc.id not in skipped,
            disabled=None if doc.optional else "required",
            description=doc.note.strip() if doc.note else None,
        ))
    kept = ask.choose_many("Documents", options, validate=lambda ids: True,
                           instruction="(space: tick · enter: done)")
    left_out = [d for d in optional if d.id not in kept]
    if left_out:
        ask.say(("note", f"Left out: {', '.join(d.title for d in left_out)}."))
    return [d.id for d in left_out]


def _year(ranked: Ranked) -> str:
    when = ranked.item.when()
    return str(when.year) if when else "    "


def section_options(ranked: list[Ranked], saved: list[str] | None) -> list[ask.Option]:
    from packet.select import item_title

    chosen = set(saved) if saved is not None else {r.item.id for r in ranked if r.selected}
    width = max(_columns() - 26, 30)
    options = []
    for r in ranked:
        title = cut(item_title(r.item), width)
        mark = f"  fit {r.score:.2f}" if r.score > 0 else ""
        options.append(ask.Option(
            title=f"{_year(r)}  {title}{mark}",
            value=r.item.id,
            checked=r.item.id in chosen,
            disabled=None if r.allowed else (r.blocked_by or "not allowed by the call"),
            description="why: " + "; ".join(r.reasons) if r.reasons else None,
        ))
    return options


def choose_section(section: str, ranked: list[Ranked], documents: list[DocumentSpec],
                   cap: Cap | None, saved: list[str] | None) -> list[str]:
    uses = section_uses(section, documents) or [
        d.title for d in documents if d.template in LISTS_PUBLICATIONS]
    where = "They go in: " + "; ".join(uses) + "."
    ordered = "Best fit to the call first" if any(r.score > 0 for r in ranked) else "Newest first"
    ask.say(("bold", section.capitalize()),
            f": tick what goes in. {ordered}; ticked ones are listed in this order. ",
            ("note", where), gap=True)
    options = section_options(ranked, saved)
    allowed = sum(1 for o in options if not o.disabled)
    while True:
        ids = ask.choose_many(
            section.capitalize(), options, instruction=TICK,
            validate=lambda ids: cap_message(section, len(ids), cap),
            count=lambda ids, _: (tick_count(section, len(ids), cap),
                                  cap is not None and len(ids) > cap.limit),
        )
        if ids or not allowed:
            return ids
        ask.say(("warn", "Nothing ticked:"), f" the packet would list no {section}.")
        if ask.confirm(f"Leave out every item of {section}?", default=False):
            return ids
        options = section_options(ranked, None)  # back to the ranked default


def answer_prompt(prompt: Prompt, saved: str, documents: list[DocumentSpec]) -> str:
    limit = limit_text(prompt)
    where = [d.title for d in documents if prompt.id in d.prompts]
    notes = [prompt.help.strip()] if prompt.help else []
    if where:
        notes.append(f"It goes in the {' and the '.join(where)}"
                     + (f", under “{prompt.heading}”." if prompt.heading else "."))
    if not prompt.required:
        notes.append("Optional: leave it empty to leave it out.")
    ask.say(("bold", prompt.question), ("note", f" ({limit})" if limit else ""),
            *([("note", "\n" + " ".join(notes))] if notes else []), gap=True)
    answer = ask.write(
        "Your answer", default=saved, instruction=FINISH if prompt.multiline else FINISH_LINE,
        multiline=prompt.multiline,
        toolbar=lambda text: answer_count(prompt, text),
        check=lambda text: over_limit(prompt, text),
    ).strip()
    # A one-line answer stays on one line, even if it came back from an editor in several.
    return answer if prompt.multiline else " ".join(answer.split())


def ask_addressee(saved: str) -> str:
    ask.say(("bold", "The cover letter"), f" opens “Dear {DEFAULT_ADDRESSEE},”. ",
            ("note", "To address it to someone, type the name as it should follow “Dear” "
                     "(e.g. Professor Smith); leave it empty to keep the committee."), gap=True)
    return ask.write(
        "Addressed to (optional)", default=saved, instruction=FINISH_LINE, multiline=False,
        toolbar=lambda text: f"Dear {text.strip() or DEFAULT_ADDRESSEE},", check=lambda text: None,
    ).strip()


def run_wizard(ws: Workspace, profile_id: str | None, call_id: str | None,
               out: Console | Callable[[], Console]) -> Outcome:
    """Ask everything, saving after each step; `out` (or the function that makes it, so
    that rich loads after the first question) prints the review and the progress."""

    def console() -> Console:
        return out() if callable(out) else out

    try:
        profile_id = profile_id or pick_profile(ws)
        profile = ws.profile(profile_id)
        call_id = call_id or pick_call(ws, profile_id)
    except (ask.Interrupted, KeyboardInterrupt, EOFError):
        raise Stopped("", saved=False) from None
    call = ws.call(call_id)
    saved = ws.application(profile_id, call_id)
    path = ws.application_path(profile_id, call_id)
    draft = Draft(path, call_id)
    introduce(call, profile, profile_id)
    if saved is not None:
        ask.say(("note", f"Starting from your saved answers in {ws.show(path)}: "
                         "each question shows yours, to keep or change."))
    # What to keep of an unfinished question when Ctrl-C comes.
    keep: Callable[[str], None] | None = None
    keep_ticks: Callable[[list[str]], None] | None = None
    answered_all = False
    try:
        keep = draft.set_focus
        focus = ask_focus((saved.focus or "") if saved else "")
        keep = None
        draft.set_focus(focus or None)
        draft.set_status("draft")
        draft.save()

        skipped = choose_documents(call, saved.skip_documents if saved else [])
        draft.set_skipped(skipped)
        draft.save()
        documents = included_documents(call, skipped)

        from packet.select.as_of import as_of_date

        as_of = as_of_date(call, saved)
        caps = section_caps(call, documents)
        sections = [s for s in sections_to_choose(call, documents) if profile.section(s)]
        ranked = {}
        if sections:
            from packet.select import rank_items

            with console().status("Ranking your items against the call…"):
                ranked = rank_items(profile, call, focus=focus or None, as_of=as_of,
                                    pinned=saved.pinned if saved else [], sections=sections)
        for section, entries in ranked.items():
            before = saved.selections.get(section) if saved else None  # type: ignore[call-overload]

            keep_ticks = lambda ids, section=section: draft.set_selection(section, ids)  # noqa: E731
            draft.set_selection(section, choose_section(
                section, entries, documents, caps.get(section), before))
            keep_ticks = None
            draft.save()

        for prompt in prompts_to_ask(call, documents):
            keep = lambda text, prompt_id=prompt.id: draft.set_answer(prompt_id, text)  # noqa: E731
            answer = answer_prompt(prompt, draft.answer(prompt.id), documents)
            draft.set_answer(prompt.id, answer)
            keep = None
            draft.save()

        if any(d.template == COVER_LETTER for d in documents):
            keep = lambda text: draft.set_answer(ADDRESSEE, text)  # noqa: E731
            addressee = ask_addressee(draft.answer(ADDRESSEE))
            keep = None
            if addressee:
                draft.set_answer(ADDRESSEE, addressee)
            else:
                draft.clear_answer(ADDRESSEE)
            draft.save()

        draft.set_status("complete")
        draft.set_build_date(as_of)
        draft.save()
        answered_all = True
        review(ws, profile_id, call, draft, console())
        console().print(f"[dim]Saved in {ws.show(path)}: `packet build --profile {profile_id} "
                        f"--call {call_id}` rebuilds this packet, with no questions.[/]")
        build_now = ask.confirm("Build the packet now?", default=True)
    except (ask.Interrupted, KeyboardInterrupt, EOFError) as stop:
        unfinished = None
        if isinstance(stop, ask.Interrupted):
            if keep is not None and stop.typed and stop.typed.strip():
                keep(stop.typed)
                unfinished = "the answer you were typing"
            elif keep_ticks is not None and stop.ticked is not None:
                keep_ticks(stop.ticked)
                unfinished = "what you had ticked"
        if not path.is_file() and unfinished is None:
            # Stopped at the first question with nothing typed: no file for an empty draft.
            raise Stopped(ws.show(path), saved=False) from None
        if not answered_all:
            draft.set_status("draft")
        draft.save()
        raise Stopped(ws.show(path), answered_all, unfinished) from None
    return Outcome(profile_id, call_id, ws.show(path), build_now)
