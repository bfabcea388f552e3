"""Applications (the replayable answers files) and their references to a profile and a call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packet.errors import Problem
from packet.model.application import Application
from packet.model.call import CallSpec
from packet.model.profile import Profile
from packet.store.validate import field_path, validate
from packet.store.yaml_io import load_yaml, position


def reference_problems(
    data: Any, shown: str, profile: Profile, call: CallSpec | None
) -> list[Problem]:
    """Ids an application names that its profile or call does not define."""
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []
    section_of = profile.section_of()

    def add(loc: tuple[int | str, ...], message: str, hint: str) -> None:
        line, column = position(data, loc)
        problems.append(
            Problem(message, file=shown, line=line, column=column, field=field_path(loc), hint=hint)
        )

    selections = data.get("selections")
    if isinstance(selections, dict):
        for section, ids in selections.items():
            if not isinstance(ids, list):
                continue
            for index, item_id in enumerate(ids):
                if not isinstance(item_id, str):
                    continue
                actual = section_of.get(item_id)
                if actual is None:
                    add(
                        ("selections", section, index),
                        f"no item '{item_id}' in the profile",
                        "Check the id in profile.yaml; "
                        f"`packet show PROFILE --section {section}` lists them.",
                    )
                elif actual != section:
                    add(
                        ("selections", section, index),
                        f"'{item_id}' is in {actual}, not in {section}",
                        f"Move it under selections.{actual}.",
                    )
    for key in ("pinned",):
        ids = data.get(key)
        if isinstance(ids, list):
            for index, item_id in enumerate(ids):
                if isinstance(item_id, str) and item_id not in section_of:
                    add((key, index), f"no item '{item_id}' in the profile", "Check the id.")
    significance = data.get("significance")
    if isinstance(significance, dict):
        for item_id in significance:
            if item_id not in section_of:
                add(
                    ("significance", item_id),
                    f"no item '{item_id}' in the profile",
                    "Check the id.",
                )
    if call is not None:
        prompts = {p.id for p in call.prompts}
        answers = data.get("answers")
        if isinstance(answers, dict):
            for prompt_id in answers:
                if prompt_id not in prompts and prompt_id != "addressee":
                    known = ", ".join(sorted(prompts)) or "none"
                    add(
                        ("answers", prompt_id),
                        f"call '{call.id}' has no prompt '{prompt_id}'",
                        f"Its prompts: {known}.",
                    )
        attachments = {a.id for a in call.attachments}
        given = data.get("attachments")
        if isinstance(given, dict):
            for attachment_id in given:
                if attachment_id not in attachments:
                    known = ", ".join(sorted(attachments)) or "none"
                    add(
                        ("attachments", attachment_id),
                        f"call '{call.id}' has no attachment '{attachment_id}'",
                        f"Its attachments: {known}.",
                    )
        documents = {d.id for d in call.documents}
        skipped = data.get("skip_documents")
        if isinstance(skipped, list):
            for index, doc_id in enumerate(skipped):
                if doc_id not in documents:
                    add(
                        ("skip_documents", index),
                        f"call '{call.id}' has no document '{doc_id}'",
                        f"Its documents: {', '.join(sorted(documents))}.",
                    )
    return problems


def application_key(raw: bytes, profile: Profile, call: CallSpec) -> str:
    """Cache key of an application file: its bytes and everything of its profile and call
    that `reference_problems` checks it against, so a cached one is still valid."""
    import hashlib
    import json

    from packet import __version__

    context = {
        "items": sorted(profile.section_of().items()),
        "call": call.id,
        "prompts": sorted(p.id for p in call.prompts),
        "attachments": sorted(a.id for a in call.attachments),
        "documents": sorted(d.id for d in call.documents),
    }
    digest = hashlib.sha256(f"{__version__}\0".encode() + raw + b"\0")
    digest.update(json.dumps(context, sort_keys=True).encode())
    return digest.hexdigest()


def load_application(
    path: Path, shown: str, profile: Profile, call: CallSpec | None
) -> tuple[Application, Any]:
    data = load_yaml(path, shown)
    extra = reference_problems(data, shown, profile, call)
    application = validate(Application, data, shown, extra=extra)
    return application, data
