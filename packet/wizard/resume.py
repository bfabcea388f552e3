"""Where a session starts from: the saved application, an unfinished session's draft, or
nothing; and what to do with ids the profile no longer has (offered to be dropped,
rather than stopping the wizard)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from packet.errors import UserError
from packet.store.yaml_io import load_yaml, to_plain
from packet.wizard import ask
from packet.wizard.answers import plural
from packet.wizard.draft import Draft

if TYPE_CHECKING:
    from pathlib import Path

    from packet.model.application import Application
    from packet.model.call import CallSpec
    from packet.model.profile import Profile
    from packet.store.workspace import Workspace

STALE = "no item '"


def open_draft(ws: Workspace, profile_id: str, profile: Profile,
               call: CallSpec) -> tuple[Draft, Application | None]:
    path = ws.writable_application(profile_id, call.id)
    draft = Draft(path, ws.show(path), call, profile)
    _offer_repair(draft)
    try:
        saved = ws.application(profile_id, call.id)
    except UserError as err:
        saved = _drop_stale(draft, err, profile)
    if draft.draft_file.is_file() and _offer_draft(ws, draft, saved is not None):
        draft.from_draft = True
        draft._data = None  # read again, from the draft file
        _prune(draft.data, set(profile.section_of()))
    return draft, saved


def _offer_repair(draft: Draft) -> None:
    """A file holding control characters (a Ctrl-Z saved by an older wizard) is not YAML:
    offer to remove them, rather than refusing to start until it is edited by hand."""
    from packet.wizard.ask import CONTROL

    try:
        text = draft.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    found = CONTROL.findall(text.replace("\r\n", "\n"))
    if not found:
        return
    ask.say(("warn", f"{draft.shown} holds {plural(len(found), 'control character')} "
                     f"(such as Ctrl-Z), which YAML cannot read."), gap=True)
    if not ask.confirm("Remove them from the file?", default=True):
        return
    from packet.store.yaml_io import write_atomic

    fixed = CONTROL.sub("", text.replace("\r\n", "\n"))
    from ruamel.yaml import YAML

    try:
        YAML(typ="rt").load(fixed)
    except Exception:  # still not YAML: leave it, and the load below says why
        return
    write_atomic(draft.path, fixed)


def _drop_stale(draft: Draft, err: UserError, profile: Profile) -> Application | None:
    """A saved application naming items the profile no longer has: offer to drop them."""
    stale = [p for p in err.problems if p.message.startswith(STALE)]
    if not stale or len(stale) != len(err.problems) or not draft.path.is_file():
        raise err
    ask.say(("warn", f"{draft.shown} names {plural(len(stale), 'item')} your profile no "
                     "longer has:"),
            *[f"\n  {p.message.removeprefix('no item ').split(' ')[0]} (line {p.line})"
              for p in stale], gap=True)
    if not ask.confirm("Drop them from these answers (saved when you finish)?", default=True):
        raise err
    from packet.model.application import Application

    data = draft.data
    _prune(data, set(profile.section_of()))
    return Application.model_validate(to_plain(data))


def _prune(data: Any, known: set[str]) -> None:
    """Remove item ids that are not in `known` from selections, pinned and significance."""
    selections = data.get("selections")
    if isinstance(selections, dict):
        for ids in selections.values():
            if isinstance(ids, list):
                for index in reversed(range(len(ids))):
                    if ids[index] not in known:
                        del ids[index]
    pinned = data.get("pinned")
    if isinstance(pinned, list):
        for index in reversed(range(len(pinned))):
            if pinned[index] not in known:
                del pinned[index]
    significance = data.get("significance")
    if isinstance(significance, dict):
        for item_id in [k for k in significance if k not in known]:
            del significance[item_id]


def _offer_draft(ws: Workspace, draft: Draft, has_saved: bool) -> bool:
    """Continue the unfinished session kept in the draft file, or set it aside."""
    shown = ws.show(draft.draft_file)
    try:
        load_yaml(draft.draft_file, shown)
    except UserError as err:
        ask.say(("warn", f"{shown} (an unfinished session) cannot be read, so it is set aside:"),
                f" {err.summary}.", gap=True)
        _set_aside(draft.draft_file)
        return False
    ask.say(("note", f"An unfinished session of this application is kept in {shown}."), gap=True)
    other = "Start from the saved application" if has_saved else "Start afresh"
    picked = ask.choose("Continue it?", [
        ask.Option("Continue the unfinished session", "continue"),
        ask.Option(f"{other} (the unfinished session is set aside)", "fresh")],
        instruction="(↑↓ · Enter: choose)")
    if picked == "continue":
        return True
    _set_aside(draft.draft_file)
    return False


def _set_aside(path: Path) -> None:
    """Renamed, not deleted: a person may still want what it held."""
    path.replace(path.with_name(path.name + ".old"))  # not *.yaml: not an application
