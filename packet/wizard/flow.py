"""The wizard's course: the steps in order the first time, then the review menu, from
which any step can be asked again; Shift-Tab goes one step back.

A new or unfinished application walks every step; a complete one opens on the
review menu. What the session gathers is kept in a Draft (packet/wizard/draft.py):
after each step and on Ctrl-C it goes to applications/<call>.draft.yaml, and only
"build" or "save" from the menu writes the application itself, so a complete
application is never downgraded and an unchanged run writes nothing.

Only what the first question needs is imported at the top: ranking (and its
index library) loads when a list of items is first shown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packet.wizard import ask, steps
from packet.wizard.session import Session, Step

if TYPE_CHECKING:
    from rich.console import Console

    from packet.store.workspace import Workspace


class Stopped(Exception):
    """Ctrl-C: `path` is where the session's answers went (the draft file), or `saved` is
    False when there was nothing new to keep."""

    def __init__(self, path: str, saved: bool = True, unfinished: str | None = None,
                 application: str | None = None) -> None:
        super().__init__(path)
        self.path, self.saved, self.unfinished = path, saved, unfinished
        self.application = application  # the application file, untouched, if there is one


@dataclass
class Outcome:
    profile: str
    call: str
    answers_file: str
    build: bool  # the applicant asked for the build now
    written: bool = True  # False when nothing changed, so the file was left as it was


def run_wizard(ws: Workspace, profile_id: str | None, call_id: str | None,
               out: Console | Callable[[], Console],
               data: dict[str, str] | None = None) -> Outcome:
    """Ask everything; `out` (or the function that makes it, so that rich loads after
    the first question) prints the review and the progress; `data` answers some prompts
    before they are asked (from --data)."""
    from packet.wizard.upfront import check_ids

    check_ids(ws, profile_id, call_id)
    try:
        profile_id = profile_id or steps.pick_profile(ws)
        call_id = call_id or steps.pick_call(ws, profile_id)
        session = Session.start(ws, profile_id, call_id, out)
    except (ask.Interrupted, ask.Back, KeyboardInterrupt, EOFError):
        raise Stopped("", saved=False) from None
    if data:
        from packet.wizard.scripted import apply_data

        apply_data(session, data)
    try:
        if not session.draft.complete() or session.from_draft:
            _walk(session)
        return _menu(session)
    except (ask.Interrupted, KeyboardInterrupt, EOFError) as stop:
        unfinished = session.keep_partial(stop) if isinstance(stop, ask.Interrupted) else None
        kept = session.draft.keep_unfinished()
        application = session.shown if session.draft.path.is_file() else None
        raise Stopped(ws.show(session.draft.draft_file), kept, unfinished,
                      application) from None


def _walk(session: Session) -> None:
    """Every step in order; Shift-Tab goes back one."""
    index = 0
    while True:
        todo = session.steps()
        if index >= len(todo):
            return
        try:
            session.ask(todo[index])
            index += 1
        except ask.Back:
            index = max(index - 1, 0)


def _menu(session: Session) -> Outcome:
    draft = session.draft
    draft.set_status("complete")
    draft.set_build_date(session.as_of)
    while True:
        draft.keep_unfinished()
        errors = session.review()
        changed = draft.changed()
        build, save = "build", "save"
        options = [ask.Option("Build the packet now" + (" (the review shows problems)"
                                                        if errors else ""), build)]
        options.append(ask.Option("Save and quit: build later" if changed
                                  else "Quit: nothing changed", save))
        options += [ask.Option(f"Change {step.label}", step.key) for step in session.steps()]
        default = save if errors else build
        try:
            picked = ask.choose("What next?", options, default=default,
                                instruction="(↑↓ or type to filter · Enter: choose)")
        except ask.Back:
            continue
        if picked in (build, save):
            written = draft.commit()
            return Outcome(session.profile_id, session.call.id, session.shown, picked == build,
                           written)
        step = next(s for s in session.steps() if s.key == picked)
        with contextlib.suppress(ask.Back):
            session.ask(step)


__all__ = ["Outcome", "Step", "Stopped", "run_wizard"]
