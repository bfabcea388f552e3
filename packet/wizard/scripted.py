"""The wizard without a terminal: `--defaults`, `--data KEY=VALUE` and `--data-file FILE`.

As with Copier, a script or a grants office answers prompts from the command
line and takes every default for the rest: the saved answers, else the ranked
selection, an empty optional answer, the committee as addressee. A required
prompt with no answer stops it with the --data line to add (or an explicit
`--data ID=` to leave it empty, which the build reports as an error).

Keys: a prompt id; `focus`; `addressee`; `skip_documents` (ids, comma-separated);
`selections.SECTION` (item ids, comma-separated, in order); `attachments.ID` (a PDF).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packet.errors import Problem, UserError
from packet.wizard.answers import ADDRESSEE, answer_problem, prompts_to_ask
from packet.wizard.ask import clean

if TYPE_CHECKING:
    from packet.store.workspace import Workspace
    from packet.wizard.session import Session


def read_data(pairs: list[str], files: list[Path]) -> dict[str, str]:
    """KEY=VALUE pairs over the mappings of YAML or JSON files (pairs win)."""
    data: dict[str, str] = {}
    for path in files:
        from packet.store.yaml_io import load_yaml, to_plain

        loaded = to_plain(load_yaml(path, str(path)))
        if not isinstance(loaded, dict):
            raise UserError(f"{path} holds no mapping", [Problem(
                "--data-file needs KEY: VALUE lines (YAML) or a JSON object", file=str(path))])
        for key, value in loaded.items():
            data[str(key)] = _text(value)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--data {pair}: not KEY=VALUE", [Problem(
                "each --data gives one answer", hint="e.g. --data methods='We measure...'")])
        data[key.strip()] = value
    return data


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _ids(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def apply_data(session: Session, data: dict[str, str]) -> None:
    """Put the given answers in the session's draft, checked as the questions check them."""
    from packet.select import item_title
    from packet.wizard.attach import problem, relative

    call, draft = session.call, session.draft
    prompts = {p.id: p for p in call.prompts}
    attachments = {a.id: a for a in call.attachments}
    sections = set(session.profile.section_of().values())
    known = [*prompts, "focus", ADDRESSEE, "skip_documents",
             *(f"selections.{s}" for s in sorted(sections)),
             *(f"attachments.{a}" for a in attachments)]
    problems: list[Problem] = []
    for key, raw in data.items():
        value = clean(raw).strip()
        head, _, tail = key.partition(".")
        if key in prompts:
            wrong = answer_problem(prompts[key], value)
            if wrong:
                problems.append(Problem(f"--data {key}: {wrong}"))
            else:
                draft.set_answer(key, value if prompts[key].multiline else " ".join(value.split()),
                                 left_empty=not value and prompts[key].required)
        elif key == "focus":
            draft.set_focus(value)
        elif key == ADDRESSEE:
            draft.set_answer(ADDRESSEE, " ".join(value.split()))
        elif key == "skip_documents":
            optional = {d.id for d in call.documents if d.optional}
            bad = [i for i in _ids(value) if i not in optional]
            if bad:
                problems.append(Problem(f"--data skip_documents: {', '.join(bad)} is not an "
                                        "optional document of the call",
                                        hint=f"Optional ones: {', '.join(sorted(optional))}."))
            draft.set_skipped([i for i in _ids(value) if i in optional])
        elif head == "selections" and tail in sections:
            items = session.profile.section_of()
            titles = {i: item_title(x) for i, x in session.profile.items().items()}
            bad = [i for i in _ids(value) if items.get(i) != tail]
            if bad:
                problems.append(Problem(f"--data {key}: no {tail} item {', '.join(bad)}"))
            draft.set_selection(tail, [i for i in _ids(value) if items.get(i) == tail], titles)
        elif head == "attachments" and tail in attachments:
            folder = session.ws.profile_dir(session.profile_id)
            wrong = problem(attachments[tail], value, folder)
            if wrong:
                problems.append(Problem(f"--data {key}: {wrong}"))
            else:
                draft.set_attachment(tail, relative(value, folder) if value else None)
        else:
            close = difflib.get_close_matches(key, known, n=2)
            problems.append(Problem(f"--data {key}: the call '{call.id}' asks no such thing",
                                    hint=f"Did you mean {' or '.join(close)}?" if close
                                    else f"Keys: {', '.join(known)}."))
    if problems:
        raise UserError("the answers given with --data were not used", problems)


def run_scripted(ws: Workspace, profile_id: str | None, call_id: str | None,
                 data: dict[str, str]) -> tuple[str, bool]:
    """Create or update the application with no questions; (its path, whether written)."""
    from rich.console import Console

    from packet.select import item_title
    from packet.select.as_of import as_of_date
    from packet.wizard.draft import Draft
    from packet.wizard.session import Session
    from packet.wizard.upfront import check_ids

    check_ids(ws, profile_id, call_id)
    profile_id = profile_id or ws.settings.profile or _only(ws.profile_ids(), "profile")
    if call_id is None:
        raise UserError("no call given", [Problem("--defaults and --data need the call",
                                                  hint="Add --call CALL.")])
    profile, call = ws.profile(profile_id), ws.call(call_id)
    path = ws.writable_application(profile_id, call_id)
    saved = ws.application(profile_id, call_id)
    draft = Draft(path, ws.show(path), call, profile)
    session = Session(ws, profile_id, profile, call, draft, Console(stderr=True, quiet=True),
                      as_of_date(call, saved))
    apply_data(session, data)
    for section in session.sections():
        if draft.selection(section) is None:
            ranked = session.rankings().get(section, [])
            draft.set_selection(section, [r.item.id for r in ranked if r.selected],
                                {r.item.id: item_title(r.item) for r in ranked})
    missing = []
    for prompt in prompts_to_ask(call, session.documents()):
        if not draft.answered(prompt.id):
            if prompt.required:
                missing.append(Problem(f"'{prompt.question}' is required and has no answer",
                                       hint=f"Add --data {prompt.id}='...' (or --data "
                                            f"{prompt.id}= to leave it empty, an error at build)."))
            else:
                draft.set_answer(prompt.id, "")
    if missing:
        raise UserError("the application was not saved: required answers are missing", missing)
    draft.set_status("complete")
    draft.set_build_date(session.as_of)
    return ws.show(path), draft.commit()


def _only(ids: list[str], what: str) -> str:
    if len(ids) == 1:
        return ids[0]
    raise UserError(f"no {what} given", [Problem(f"the workspace has {len(ids)} {what}s",
                                                 hint=f"Add --{what} ID.")])
