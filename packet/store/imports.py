"""Saving an import: the profile edited in place, checked, backed up, replaced atomically.

Layer note (docs/architecture.md): `packet/sources/` may import only the model, so the
import stage plans in memory and this store module does the file work; it takes plain
edits (callables and dicts), not the import's own types.

Files beside profile.yaml:
  profile.yaml.bak   the profile as it was before the last import (empty: there was none);
                     `packet import --undo` puts it back (imports.yaml.bak likewise).
  imports.yaml       provenance, kept out of the curated profile: which sources were
                     imported when (with their sha256, so a repeat is recognised), which
                     source lines each item came from, and CV sections with no place.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from packet.errors import Problem, UserError
from packet.model.dates import PartialDate
from packet.model.profile import STORED_LISTS, Person, Profile
from packet.paths import MAX_PROFILE_BYTES, read_user_bytes
from packet.store.profiles import duplicate_ids
from packet.store.validate import validate
from packet.store.yaml_io import dump_yaml, load_yaml, read_text, to_plain, write_atomic
from packet.store.yaml_splice import (
    Layout,
    Written,
    emit,
    fast_load,
    item_counts,
    set_value,
    splice,
)

BACKUP_SUFFIX = ".bak"
PROVENANCE = "imports.yaml"


@dataclass
class ProfileFile:
    path: Path
    shown: str
    text: str | None  # None: the profile does not exist yet
    layout: Layout | None
    profile: Profile | None
    data: Any = None  # the plain data LibYAML read (for checking what an import writes)


def profile_path(profile_dir: Path) -> Path:
    return profile_dir / "profile.yaml"


def _checked(text: str, shown: str) -> tuple[Layout | None, Profile, Any]:
    """Validate the profile text: fast (LibYAML + pydantic), located errors when it fails.
    Returns the layout (None when only ruamel could read it), the model, the plain data."""
    try:
        data, layout = fast_load(text, STORED_LISTS)
        ids = [
            i.get("id")
            for s in STORED_LISTS
            for i in (data or {}).get(s) or []
            if isinstance(i, dict)
        ]
        if len(ids) == len(set(ids)):
            return layout, Profile.model_validate(data), data
    except (ValidationError, ValueError, TypeError, AttributeError, ImportError):
        pass
    except Exception as err:  # LibYAML's errors (yaml.YAMLError) and YAML 1.1 surprises
        if type(err).__module__.split(".")[0] != "yaml":
            raise
    # The slow path says exactly where the problem is (or accepts YAML 1.2 LibYAML rejects).
    from ruamel.yaml import YAML

    data = YAML(typ="rt").load(text) if text.strip() else None
    if data is None:
        raise UserError(
            f"{shown} is empty", [Problem("the file has no content", file=shown, line=1)]
        )
    return None, validate(Profile, data, shown, extra=duplicate_ids(data, shown)), None


def load_for_import(path: Path, shown: str) -> ProfileFile:
    if not path.exists():
        return ProfileFile(path, shown, None, None, None)
    text = read_text(path, shown, MAX_PROFILE_BYTES)
    if not text.strip():
        load_yaml(path, shown, MAX_PROFILE_BYTES)  # raises the store's message for an empty profile
    layout, profile, data = _checked(text, shown)
    return ProfileFile(path, shown, text, layout, profile, data)


def render_import(
    file: ProfileFile,
    changed: dict[str, dict[str, Any]],
    added: dict[str, list[dict[str, Any]]],
    person: dict[str, Any],
    header: str | None = None,
) -> str:
    """The profile's new text, validated as a profile before anything is written."""
    if file.text is None:
        data: dict[str, Any] = {"person": person}
        data.update({s: added[s] for s in STORED_LISTS if s in added})
        head = "".join(f"# {line}".rstrip() + "\n" for line in (header or "").splitlines())
        text = head + ("\n" if head else "") + "\n".join(emit(data)) + "\n"
    elif file.layout is not None:
        text, written = splice(file.layout, changed, added, person, STORED_LISTS)
        if _spliced_ok(text, file, written, sum(len(items) for items in added.values())):
            return text
    else:
        text = _rewrite(file, changed, added, person)
    _checked(text, file.shown)
    return text


def _spliced_ok(text: str, file: ProfileFile, written: list[Written], added_count: int) -> bool:
    """The spliced text is a valid profile, checked without reading it all again (that
    costs seconds for thousands of items): every section holds the items it should, and
    each piece written reads back as what was meant and validates. The lines not
    written were valid when the profile was loaded."""
    import yaml

    assert file.layout is not None
    loader = _loader()
    try:
        counts = item_counts(text, STORED_LISTS)
        before: dict[str, int] = {}
        for section, *_ in file.layout.items.values():
            before[section] = before.get(section, 0) + 1
        if counts is None or sum(counts.values()) != sum(before.values()) + added_count:
            return False
        data = file.data or {}
        originals = {str(i.get("id")): i for s in STORED_LISTS for i in data.get(s) or []}
        for piece in written:
            loaded = yaml.load(piece.text, Loader=loader)
            if piece.section == "person":
                Person.model_validate(loaded["person"])
            elif piece.item_id is None:  # new items
                if loaded != piece.expected:
                    return False
                for item in loaded:
                    _model(piece.section).model_validate(item)
            elif piece.expected is not None:  # new keys of an item
                if loaded != piece.expected:
                    return False
                _model(piece.section).model_validate({**originals[piece.item_id], **loaded})
            else:  # an item rewritten through the round trip
                _model(piece.section).model_validate(loaded[0])
    except (ValidationError, yaml.YAMLError, KeyError, IndexError, TypeError):
        return False
    return True


def _model(section: str) -> Any:
    return Profile.model_fields[section].annotation.__args__[0]  # type: ignore[union-attr]


def _loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _rewrite(
    file: ProfileFile,
    changed: dict[str, dict[str, Any]],
    added: dict[str, list[dict[str, Any]]],
    person: dict[str, Any],
) -> str:
    """The whole file through ruamel's round trip (when LibYAML cannot read it)."""
    data = load_yaml(file.path, file.shown, MAX_PROFILE_BYTES)
    for name, value in person.items():
        data["person"].setdefault(name, value)
    for section in STORED_LISTS:
        for item in data.get(section) or []:
            for name, value in changed.get(str(item.get("id")), {}).items():
                set_value(item, name, value)
        if section in added:
            if not isinstance(data.get(section), list):
                data[section] = []
            data[section].extend(added[section])
    return dump_yaml(data)


def earlier_imports(profile_dir: Path) -> tuple[set[str], list[dict[str, Any]]]:
    """From the provenance record, read once: the sha256 of every source imported before,
    and the title-less entries an earlier import kept for an item a later one adds."""
    data = _provenance(profile_dir)
    digests = {str(s.get("sha256")) for s in data.get("sources", []) if isinstance(s, dict)}
    kept = data.get("pending")
    pending = [p for p in kept if isinstance(p, dict)] if isinstance(kept, list) else []
    return digests, pending


def _provenance(profile_dir: Path) -> Any:
    path = profile_dir / PROVENANCE
    if not path.exists():
        return {}
    try:
        data = to_plain(load_yaml(path, str(path)))
    except UserError:
        return {}  # provenance is a record, not input: a damaged one is rebuilt, not fatal
    return data if isinstance(data, dict) else {}


def save_import(profile_dir: Path, text: str, record: dict[str, Any]) -> None:
    """Back up the profile and its record, replace the profile, then the record: each atomic."""
    path = profile_path(profile_dir)
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    write_atomic(backup, _read(path))
    provenance = profile_dir / PROVENANCE
    write_atomic(provenance.with_name(PROVENANCE + BACKUP_SUFFIX), _read(provenance))
    write_atomic(path, text)
    record_provenance(profile_dir, record)


def record_provenance(profile_dir: Path, record: dict[str, Any]) -> None:
    """Add `record` ({"sources": [...], "items": {id: [origin]}, "unplaced": {...},
    "pending": [...]}); its pending entries replace the earlier ones (it tried them)."""
    data = _provenance(profile_dir)
    today = str(PartialDate.today())
    sources = [s for s in data.get("sources", []) if isinstance(s, dict)]
    digests = {s.get("sha256") for s in sources}
    sources += [
        {**s, "date": today} for s in record.get("sources", []) if s["sha256"] not in digests
    ]
    items = data.get("items") if isinstance(data.get("items"), dict) else {}
    for item_id, origins in record.get("items", {}).items():
        entries = items.setdefault(item_id, [])
        known = {e.get("origin") for e in entries if isinstance(e, dict)}
        entries += [{"origin": o, "date": today} for o in dict.fromkeys(origins) if o not in known]
    unplaced = data.get("unplaced") if isinstance(data.get("unplaced"), dict) else {}
    unplaced.update(record.get("unplaced", {}))
    header = (
        "# Where each item of profile.yaml came from, written by `packet import`.\n"
        "# A record, not input: deleting it only makes the next import forget what it saw.\n"
    )
    pending = record["pending"] if "pending" in record else data.get("pending") or []
    body = {
        "sources": sources,
        "items": items,
        **({"unplaced": unplaced} if unplaced else {}),
        **({"pending": pending} if pending else {}),
    }
    write_atomic(profile_dir / PROVENANCE, header + "\n".join(emit(body)) + "\n")


def undo_import(profile_dir: Path, shown: str) -> str:
    """Put back the profile as it was before the last import; says what it did."""
    path = profile_path(profile_dir)
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    if not backup.exists():
        raise UserError(
            f"nothing to undo for {shown}",
            [
                Problem(
                    "no import has been saved since the last undo",
                    file=shown,
                    hint="`packet import` keeps one backup: the profile before its last save.",
                )
            ],
        )
    previous = _read(backup)
    if previous:
        write_atomic(path, previous)
        message = f"restored {shown} as it was before the last import"
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        message = f"removed {shown}: the last import had created it"
    backup.unlink()
    provenance = profile_dir / PROVENANCE
    kept = provenance.with_name(PROVENANCE + BACKUP_SUFFIX)
    if kept.exists():
        if earlier := _read(kept):
            write_atomic(provenance, earlier)
        else:
            provenance.unlink(missing_ok=True)
        kept.unlink()
    return message


def _read(path: Path) -> bytes:
    """A profile folder's file as packet reads any user file (a regular file, bounded);
    nothing when it does not exist."""
    if not os.path.lexists(path):
        return b""
    return read_user_bytes(path, str(Path(*path.parts[-4:])), MAX_PROFILE_BYTES)
