"""Saving an import: the profile rewritten round-trip, checked, backed up, replaced atomically.

Layer note (docs/architecture.md): `packet/sources/` may import only the model, so the
import stage plans and edits data in memory and this store module does the file work.

Files beside profile.yaml:
  profile.yaml.bak   the profile as it was before the last import (empty: there was none);
                     `packet import --undo` puts it back.
  imports.yaml       provenance, kept out of the curated profile: which sources were
                     imported when (with their sha256, so a repeat is recognised) and
                     which source lines each item came from.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from packet.errors import Problem, UserError
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.sources.plan import ImportPlan
from packet.store.profiles import duplicate_ids
from packet.store.validate import validate
from packet.store.yaml_io import dump_yaml, load_yaml, to_plain, write_atomic

BACKUP_SUFFIX = ".bak"
PROVENANCE = "imports.yaml"


def profile_path(profile_dir: Path) -> Path:
    return profile_dir / "profile.yaml"


def load_for_import(path: Path, shown: str) -> tuple[Any, Profile | None]:
    """The profile's round-trip data and its model, or (None, None) when it does not exist yet."""
    if not path.exists():
        return None, None
    data = load_yaml(path, shown)
    return data, validate(Profile, data, shown, extra=duplicate_ids(data, shown))


def known_digests(profile_dir: Path) -> set[str]:
    data = _provenance(profile_dir)
    return {str(s.get("sha256")) for s in data.get("sources", []) if isinstance(s, dict)}


def _provenance(profile_dir: Path) -> Any:
    path = profile_dir / PROVENANCE
    if not path.exists():
        return {}
    try:
        data = to_plain(load_yaml(path, str(path)))
    except UserError:
        return {}  # provenance is a record, not input: a damaged one is rebuilt, not fatal
    return data if isinstance(data, dict) else {}


def render_profile(data: Any, shown: str, header: str | None = None) -> str:
    """The YAML text of `data`, validated as a profile before anything is written."""
    text = dump_yaml(data)
    if header:
        text = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) + "\n" + text
    reloaded = _reload(text)
    validate(Profile, reloaded, shown, extra=duplicate_ids(reloaded, shown))
    return text


def _reload(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(text)


def save_import(profile_dir: Path, text: str, plan: ImportPlan) -> None:
    """Back up the profile, replace it with `text`, record provenance: each step atomic."""
    path = profile_path(profile_dir)
    previous = path.read_bytes() if path.exists() else b""
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    write_atomic(backup, previous)
    record = profile_dir / PROVENANCE
    write_atomic(
        record.with_name(PROVENANCE + BACKUP_SUFFIX),
        record.read_bytes() if record.exists() else b"",
    )
    write_atomic(path, text)
    record_provenance(profile_dir, plan)


def record_provenance(profile_dir: Path, plan: ImportPlan) -> None:
    data = _provenance(profile_dir)
    today = str(PartialDate.today())
    sources = [s for s in data.get("sources", []) if isinstance(s, dict)]
    digests = {s.get("sha256") for s in sources}
    for summary in plan.sources:
        if summary.digest not in digests:
            sources.append(
                {
                    "source": summary.source,
                    "format": summary.format,
                    "sha256": summary.digest,
                    "date": today,
                    "candidates": summary.candidates,
                }
            )
    items = data.get("items") if isinstance(data.get("items"), dict) else {}
    for item_id, origins in plan.provenance.items():
        entries = items.setdefault(item_id, [])
        known = {e.get("origin") for e in entries if isinstance(e, dict)}
        for origin in dict.fromkeys(origins):
            if origin not in known:
                entries.append({"origin": origin, "date": today})
    header = (
        "# Where each item of profile.yaml came from, written by `packet import`.\n"
        "# A record, not input: deleting it only makes the next import forget what it saw.\n"
    )
    write_atomic(profile_dir / PROVENANCE, header + dump_yaml({"sources": sources, "items": items}))


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
                    hint="`packet import` keeps one backup, of the profile before its last save.",
                )
            ],
        )
    previous = backup.read_bytes()
    if previous:
        write_atomic(path, previous)
        message = f"restored {shown} as it was before the last import"
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        message = f"removed {shown}: the last import had created it"
    backup.unlink()
    record = profile_dir / PROVENANCE
    record_backup = record.with_name(PROVENANCE + BACKUP_SUFFIX)
    if record_backup.exists():
        kept = record_backup.read_bytes()
        if kept:
            write_atomic(record, kept)
        else:
            record.unlink(missing_ok=True)
        record_backup.unlink()
    return message
