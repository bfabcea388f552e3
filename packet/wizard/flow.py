"""The wizard's steps: profile, call, focus, items per section, prompts, review, build.

Each step saves the answers file before the next one starts, so stopping
anywhere (Ctrl-C, a closed terminal) loses nothing already answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from packet.model.application import Application
from packet.model.call import CallSpec, Prompt
from packet.model.profile import Profile
from packet.select import Ranked, item_title, rank_items
from packet.store.workspace import Workspace
from packet.wizard import ask
from packet.wizard.answers import (
    Draft,
    answer_count,
    cap_message,
    limit_text,
    over_limit,
    section_caps,
    sections_to_choose,
)

# prompt_toolkit garbles a prompt line wider than the terminal, so questions stay short,
# explanations are printed above them, and the answer starts on its own line.
FINISH = "(Esc Enter: done · Ctrl-X Ctrl-E: $EDITOR)\n> "


class Stopped(Exception):
    """The applicant pressed Ctrl-C; the draft was saved at `path`."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


@dataclass
class Outcome:
    profile: str
    call: str
    answers_file: str
    build: bool  # the applicant asked for the build now


def pick_profile(ws: Workspace) -> str:
    ids = ws.profile_ids()
    if len(ids) == 1:
        return ids[0]
    if not ids:
        from packet.errors import Problem, UserError

        raise UserError("no profile in this workspace",
                        [Problem("profiles/ is empty", hint="Run `packet init` or add profiles/NAME/profile.yaml.")])
    options = [ask.Option(f"{ws.profile(i).person.name} ({i})", i) for i in ids]
    return ask.choose("Whose application is it?", options, default=ws.settings.profile, search=True)


def pick_call(ws: Workspace) -> str:
    options = []
    for call_id in ws.call_ids():
        call = ws.call(call_id)
        origin = "" if ws.call_origin(call_id) == "built-in" else "(yours) "
        title = f"{origin}{call.name} — {call.funder}"
        title = title if len(title) <= 90 else title[:89] + "…"
        options.append(ask.Option(title, call_id,
                                  description=f"{call_id}: {len(call.documents)} documents, "
                                              f"rules read {call.rules_read}"))
    return ask.choose("Which call are you applying to?", options, search=True)


def _year(ranked: Ranked) -> str:
    when = ranked.item.when()
    return str(when.year) if when else "    "


def section_options(ranked: list[Ranked], saved: list[str] | None) -> list[ask.Option]:
    chosen = set(saved) if saved is not None else {r.item.id for r in ranked if r.selected}
    options = []
    for r in ranked:
        title = item_title(r.item)
        title = title if len(title) <= 72 else title[:71] + "…"
        mark = f" ({r.score:.2f})" if r.score > 0 else ""
        options.append(ask.Option(
            title=f"{_year(r)}  {title}{mark}",
            value=r.item.id,
            checked=r.item.id in chosen,
            disabled=None if r.allowed else (r.blocked_by or "not allowed by the call"),
            description="; ".join(r.reasons) or None,
        ))
    return options


def choose_section(section: str, ranked: list[Ranked], call: CallSpec, saved: Application | None) -> list[str]:
    cap = section_caps(call).get(section)
    saved_ids = saved.selections.get(section) if saved else None  # type: ignore[call-overload]
    options = section_options(ranked, saved_ids)
    limit = f"at most {cap.limit} · " if cap else ""
    return ask.choose_many(
        f"{section.capitalize()}, best match first",
        options,
        validate=lambda ids: cap_message(section, len(ids), cap),
        instruction=f"({limit}space: tick · a: all · i: invert · enter: done)",
    )


def answer_prompt(prompt: Prompt, saved: str, out: Console) -> str:
    limit = limit_text(prompt)
    out.print(f"\n[bold]{prompt.question}[/]" + (f"  [dim]({limit})[/]" if limit else ""))
    if prompt.help:
        out.print(f"[dim]{prompt.help}[/]")
    finish = FINISH if prompt.multiline else "(Enter: done)\n> "
    return ask.write(
        "Your answer", default=saved, instruction=finish, multiline=prompt.multiline,
        toolbar=lambda text: answer_count(prompt, text),
        check=lambda text: over_limit(prompt, text),
    ).strip()


def review(profile: Profile, call: CallSpec, draft: Draft, out: Console) -> None:
    application = Application.model_validate(_plain(draft.data))
    items = profile.items()
    table = Table(title=f"Review — {call.name}", title_justify="left", title_style="bold",
                  header_style="bold", show_lines=True)
    table.add_column("document")
    table.add_column("limits")
    table.add_column("what goes in", overflow="fold")
    for doc in call.documents:
        limits = ", ".join(x for x in (
            _plural(doc.max_pages, "page") if doc.max_pages else "",
            _plural(doc.max_words, "word") if doc.max_words else "") if x) or "—"
        lines = []
        for rule in doc.sections:
            ids = application.selections.get(rule.section, [])  # type: ignore[call-overload]
            titles = [item_title(items[i]) for i in ids[:3] if i in items]
            more = f" … +{len(ids) - 3}" if len(ids) > 3 else ""
            listed = ": " + "; ".join(t[:40] for t in titles) + more if titles else ""
            lines.append(f"{len(ids)} {rule.section}{listed}")
        for prompt_id in doc.prompts:
            text = application.answers.get(prompt_id, "")
            state = "[red]missing[/]" if not text.strip() else answer_count(call.prompt(prompt_id), text)  # type: ignore[arg-type]
            lines.append(f"{prompt_id}: {state}")
        if not lines:
            lines.append("every section of your profile, newest first" if doc.template == "cv"
                         else f"your text in statements/{doc.statement or doc.id}.md")
        table.add_row(doc.title + (" (optional)" if doc.optional else ""), limits, "\n".join(lines))
    out.print(table)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _plain(data: object) -> object:
    from packet.store.yaml_io import to_plain

    return to_plain(data)


def run_wizard(ws: Workspace, profile_id: str | None, call_id: str | None, out: Console) -> Outcome:
    profile_id = profile_id or pick_profile(ws)
    profile = ws.profile(profile_id)
    call_id = call_id or pick_call(ws)
    call = ws.call(call_id)
    saved = ws.application(profile_id, call_id)
    path = ws.application_path(profile_id, call_id)
    draft = Draft(path, call_id)
    if saved is not None:
        out.print(f"[dim]Starting from your saved answers in {ws.show(path)}.[/]")
    current_prompt: str | None = None
    try:
        out.print(f"\n[bold]{call.name}[/] — {call.funder}. Rules read {call.rules_read}.")
        out.print("[dim]Paste the call's advert or type a few lines on what it looks for: "
                  "the ranking of your items uses it. Leave it empty to rank by the call alone.[/]")
        focus = ask.write(
            "Focus (optional)",
            default=(saved.focus or "") if saved else "", instruction=FINISH,
            toolbar=lambda text: f"{len(text.split())} words", check=lambda text: None,
        ).strip()
        draft.set_focus(focus or None)
        draft.set_status("draft")
        draft.save()

        as_of = ws.today()
        pinned = saved.pinned if saved else []
        ranked = rank_items(profile, call, focus=focus or None, as_of=as_of, pinned=pinned,
                            sections=[s for s in sections_to_choose(call) if profile.section(s)])
        for section, entries in ranked.items():
            draft.set_selection(section, choose_section(section, entries, call, saved))
            draft.save()

        for prompt in call.prompts:
            current_prompt = prompt.id
            previous = (saved.answers.get(prompt.id, "") if saved else "") or str(
                draft.data.get("answers", {}).get(prompt.id, ""))
            draft.set_answer(prompt.id, answer_prompt(prompt, previous, out))
            draft.save()
        current_prompt = None

        review(profile, call, draft, out)
        build_now = ask.confirm("Build the packet now?", default=True)
        draft.set_status("complete")
        draft.set_build_date(as_of)
        draft.save()
    except ask.Interrupted as stop:
        if current_prompt is not None and stop.typed:
            draft.set_answer(current_prompt, stop.typed)
        draft.set_status("draft")
        draft.save()
        raise Stopped(ws.show(path)) from None
    return Outcome(profile_id, call_id, ws.show(path), build_now)
