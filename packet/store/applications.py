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


def draft_path(path: Path) -> Path:
    """Where an unfinished wizard session is kept, beside the application it may replace:
    applications/<call>.draft.yaml. The application itself is written only when complete."""
    return path.with_name(path.name.removesuffix(".yaml") + ".draft.yaml")


def is_draft_file(path: Path) -> bool:
    return path.name.endswith(".draft.yaml")


def titled_ids(ids: list[str], titles: dict[str, str]) -> Any:
    """A YAML list of item ids, each followed by its item's title as a comment, so a
    person editing the file sees which paper `favero2025` is."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(ids)
    # The column counts from the line's start: 4 spaces and "- " before the longest id.
    column = max((len(i) for i in ids), default=0) + 8
    for index, item_id in enumerate(ids):
        title = " ".join(titles.get(item_id, "").split())
        if title:
            seq.yaml_add_eol_comment(f"# {title[:90]}", index, column=column)
    return seq


def _dump(data: Any) -> str:
    """The round-trip dump, without re-wrapping long lines: a list or a sentence a
    person kept on one line stays on one line (and gains no trailing space)."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def save_application(
    path: Path, data: Any, shown: str, profile: Profile, call: CallSpec | None
) -> None:
    """Write `data` to `path` only once the text about to be written has been read back
    and found to be the same data and a valid application: a save never leaves a file
    that `packet build` (or the next wizard run) refuses. Atomic: a temporary file in
    the same folder, renamed over the old one."""
    from packet.errors import UserError
    from packet.store.yaml_io import to_plain, write_atomic

    text = _dump(data)
    try:
        from ruamel.yaml import YAML

        back = YAML(typ="rt").load(text)
    except Exception as err:
        raise UserError(
            f"{shown} was not saved: the text would not read back",
            [Problem(str(err).splitlines()[0], file=shown,
                     hint="Nothing was changed on disk. Report this as a bug in packet.")],
        ) from None
    if to_plain(back) != to_plain(data):
        raise UserError(
            f"{shown} was not saved: it would read back differently",
            [Problem("the YAML written does not hold the same answers", file=shown,
                     hint="Nothing was changed on disk. Report this as a bug in packet.")],
        )
    extra = reference_problems(back, shown, profile, call)
    validate(Application, back, shown, extra=extra)
    write_atomic(path, text)
