"""The wizard's questions, one function each: profile, call, focus, optional documents,
items per section, prompts, the cover letter's addressee, attachments.

Each returns the answer and leaves saving to the flow; each raises ask.Back when
the applicant presses Shift-Tab, and ask.Interrupted on Ctrl-C.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from packet.wizard import ask
from packet.wizard.answers import (
    DEFAULT_ADDRESSEE,
    LISTS_PUBLICATIONS,
    Cap,
    answer_count,
    answer_problem,
    cap_message,
    limit_text,
    plural,
    section_uses,
    tick_count,
)

if TYPE_CHECKING:
    from packet.model.call import AttachmentSpec, CallSpec, DocumentSpec, Prompt
    from packet.select import Ranked
    from packet.store.workspace import Workspace

# prompt_toolkit garbles a question line wider than the terminal, so questions stay short,
# explanations are printed above them, and the answer starts on its own line.
FINISH = "(Esc Enter: done · Shift-Tab: back · Ctrl-X Ctrl-E: editor)\n> "
FINISH_LINE = "(Enter: done · Shift-Tab: back)\n> "
TICK = ("(type to filter · space: tick · Shift-↑↓: move · PgUp PgDn Home End · "
        "Enter: done · Shift-Tab: back)")


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
            options.append(ask.Option(f"{ws.profile(profile_id).person.name}  ({profile_id})",
                                      profile_id))
        except UserError:
            options.append(ask.Option(profile_id, profile_id,
                                      disabled="it has errors: `packet validate` shows them"))
    return ask.choose("Whose application?", options, default=ws.settings.profile)


def pick_call(ws: Workspace, profile_id: str) -> str:
    """Every call, built-in or the workspace's; typing filters by id, name or funder."""
    from packet.errors import UserError

    saved = set(ws.application_ids(profile_id))
    options = []
    for call_id in ws.call_ids():
        try:
            call = ws.call(call_id)
        except UserError:
            options.append(ask.Option(call_id, call_id,
                                      disabled="it has errors: `packet validate` shows them"))
            continue
        mark = " · answers saved" if call_id in saved else ""
        details = [call.name, call.funder]
        if call.deadline:
            details.append(f"deadline {call.deadline}")
        details.append(f"rules read {call.rules_read}")
        if ws.call_origin(call_id) != "built-in":
            details.append(f"your call ({ws.show(ws.call_sources[call_id].path)}"
                           + (f", extends {call.extends})" if call.extends else ")"))
        options.append(ask.Option(f"{call_id}  {call.name}{mark}", call_id,
                                  description=" · ".join(details), search=call.funder))
    return ask.choose("Which call?", options)


def ask_focus(saved: str) -> str:
    ask.say(("note", "Focus: paste the call's advert, or type a few lines on what it looks for. "
                     "Your items are ranked by how well they fit it and the call. "
                     "Leave it empty to rank by the call alone."), gap=True)
    return ask.write(
        "Focus (optional)", default=saved, instruction=FINISH,
        toolbar=lambda text: plural(len(text.split()), "word"), check=lambda text: None,
    ).strip()


def choose_documents(call: CallSpec, skipped: list[str]) -> list[str]:
    """The optional documents to leave out; returns their ids."""
    ask.say(("note", "Some documents of this call are optional. Untick the ones you will not "
                     "send: they are left out of the packet, and their questions are not asked."),
            gap=True)
    options = [ask.Option(doc.title, doc.id, checked=doc.id not in skipped,
                          disabled=None if doc.optional else "the call requires it",
                          description=doc.note.strip() if doc.note else None)
               for doc in call.documents]
    kept = ask.choose_many("Documents", options, validate=lambda ids: None,
                           instruction="(space: tick · Enter: done · Shift-Tab: back)")
    return [d.id for d in call.documents if d.optional and d.id not in kept]


def section_options(ranked: list[Ranked], ticked: list[str] | None) -> list[ask.Option]:
    """The ticked items first, in their saved order, then the others in rank order."""
    from packet.select import item_title
    from packet.wizard.words import details

    chosen = ticked if ticked is not None else [r.item.id for r in ranked if r.selected]
    by_id = {r.item.id: r for r in ranked}
    first = [by_id[i] for i in dict.fromkeys(chosen) if i in by_id]
    rest = [r for r in ranked if r.item.id not in set(chosen)]
    options = []
    for r in first + rest:
        when = r.item.when()
        options.append(ask.Option(
            title=f"{when.year if when else '    '}  {item_title(r.item)}",
            value=r.item.id, checked=r.item.id in chosen,
            disabled=None if r.allowed else (r.blocked_by or "the call's rules leave it out"),
            description=details(r.item, r), search=" ".join(getattr(r.item, "authors", [])),
        ))
    return options


def choose_section(section: str, ranked: list[Ranked], documents: list[DocumentSpec],
                   cap: Cap | None, saved: list[str] | None) -> list[str]:
    uses = section_uses(section, documents) or [
        d.title for d in documents if d.template in LISTS_PUBLICATIONS]
    ordered = "best fit to the call first" if any(r.score > 0 for r in ranked) else "newest first"
    ask.say(("bold", section.capitalize()),
            f": tick what goes in. Your ticked ones come first, in your order; the rest "
            f"follow, {ordered}. ", ("note", "They go in: " + "; ".join(uses) + "."), gap=True)
    ticked = saved
    allowed = sum(1 for r in ranked if r.allowed)
    while True:
        ids = ask.choose_many(
            section.capitalize(), section_options(ranked, ticked), instruction=TICK, movable=True,
            validate=lambda ids: cap_message(section, len(ids), cap),
            count=lambda ids, _: (tick_count(section, len(ids), cap),
                                  cap is not None and len(ids) > cap.limit),
        )
        if ids or not allowed:
            return ids
        ask.say(("warn", "Nothing ticked:"), f" the packet would list no {section}.")
        if ask.confirm(f"Leave out every item of {section}?", default=False):
            return ids
        ticked = ids  # back to the list as it was left


def answer_prompt(prompt: Prompt, saved: str, documents: list[DocumentSpec]) -> str | None:
    """The answer; None for a required one the applicant chose to leave empty."""
    limit = limit_text(prompt)
    where = [d.title for d in documents if prompt.id in d.prompts]
    notes = [prompt.help.strip()] if prompt.help else []
    if where:
        notes.append(f"It goes in the {' and the '.join(where)}"
                     + (f", under “{prompt.heading}”." if prompt.heading else "."))
    notes.append("Required." if prompt.required else "Optional: leave it empty to leave it out.")
    ask.say(("bold", prompt.question), ("note", f" ({limit})" if limit else ""),
            ("note", "\n" + " ".join(notes)), gap=True)
    text = saved
    while True:
        answer = ask.write(
            "Your answer", default=text, instruction=FINISH if prompt.multiline else FINISH_LINE,
            multiline=prompt.multiline, toolbar=lambda text: answer_count(prompt, text),
            check=lambda text: answer_problem(prompt, text),
        ).strip()
        # A one-line answer stays on one line, even if it came back from an editor in several.
        answer = answer if prompt.multiline else " ".join(answer.split())
        if answer or not prompt.required:
            return answer
        ask.say(("warn", "This answer is required."),
                " Left empty, the build reports it as an error until you write it.")
        if ask.choose("Empty answer", [
                ask.Option("Write it now", "write"),
                ask.Option("Leave it empty for now (reported as an error)", "empty")],
                instruction="(↑↓ · Enter: choose)") == "empty":
            return None
        text = ""


def ask_addressee(saved: str) -> str:
    ask.say(("bold", "The cover letter"), f" opens “Dear {DEFAULT_ADDRESSEE},”. ",
            ("note", "To address it to someone, type the name as it should follow “Dear” "
                     "(e.g. Professor Smith); leave it empty to keep the committee."), gap=True)
    return ask.write(
        "Addressed to (optional)", default=saved, instruction=FINISH_LINE, multiline=False,
        toolbar=lambda text: f"Dear {text.strip() or DEFAULT_ADDRESSEE},", check=lambda text: None,
    ).strip()


def ask_attachment(attachment: AttachmentSpec, saved: str, profile_dir: Path) -> str:
    """A PDF's path, checked as it is typed; returned relative to the profile ("" for none)."""
    from packet.wizard.attach import completer, problem, relative

    limit = f" (at most {plural(attachment.max_pages, 'page')})" if attachment.max_pages else ""
    need = "Required." if attachment.required else "Optional: leave it empty to attach nothing."
    ask.say(("bold", attachment.title), ("note", limit), "\n",
            ("note", " ".join(x for x in (attachment.description or "", need,
                                          f"Paths are read from {profile_dir}; Tab completes.")
                              if x)), gap=True)
    typed = ask.write(
        "PDF file", default=saved, instruction=FINISH_LINE, multiline=False,
        toolbar=lambda text: "Tab: complete the path", completer=completer(profile_dir),
        check=lambda text: problem(attachment, text, profile_dir),
    ).strip()
    return relative(typed, profile_dir) if typed else ""
