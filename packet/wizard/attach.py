"""Attachments: a PDF the applicant has (a budget, letters), checked the moment it is named.

The build would refuse a missing, non-PDF or encrypted file, or one over the
call's page limit, at the end; the wizard says so while the path is typed, and
stores it relative to the profile folder (as `packet build` reads it), so the
workspace can move.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packet.wizard.answers import plural

if TYPE_CHECKING:
    from packet.model.call import AttachmentSpec


def resolve(typed: str, profile_dir: Path) -> Path:
    """A typed path: ~ expanded, relative ones read from the profile folder."""
    path = Path(os.path.expanduser(typed.strip()))
    return path if path.is_absolute() else profile_dir / path


def problem(attachment: AttachmentSpec, typed: str, profile_dir: Path) -> str | None:
    """Why this file cannot be the attachment, or None."""
    if not typed.strip():
        return None
    path = resolve(typed, profile_dir)
    if not path.exists():
        return f"There is no file {typed.strip()} (paths are read from {profile_dir})."
    if not path.is_file():
        return f"{typed.strip()} is a folder: name a PDF file in it." if path.is_dir() else \
            f"{typed.strip()} is not a regular file (a pipe or a device): name a PDF file."
    # The build reads attachments only from inside the workspace (docs/security.md), so
    # one elsewhere is refused here rather than saved and refused by every build.
    workspace = profile_dir.parent.parent.resolve()  # profiles/<id>
    if not path.resolve().is_relative_to(workspace):
        return (f"{typed.strip()} is outside the workspace ({workspace}), where packet "
                f"does not read: copy it into {profile_dir / 'attachments'} first.")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as err:
        return f"{typed.strip()} cannot be read: {err.strerror}."
    if b"%PDF-" not in head:
        return f"{typed.strip()} is not a PDF: export it as PDF first."
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return (f"{typed.strip()} is encrypted (password-protected): portals and the "
                    "packet need it unlocked; save an unprotected copy.")
        pages = len(reader.pages)
    except (PdfReadError, OSError, ValueError, RecursionError) as err:
        return f"{typed.strip()} is a damaged PDF ({err}): export it again."
    if attachment.max_pages and pages > attachment.max_pages:
        return (f"{typed.strip()} has {plural(pages, 'page')}: the {attachment.title} may have "
                f"at most {plural(attachment.max_pages, 'page')}.")
    return None


def completer(profile_dir: Path) -> Any:
    """Tab completion of paths from the profile folder; a folder completes with its "/",
    so the next Tab goes on into it."""
    from prompt_toolkit.completion import Completer, Completion, PathCompleter

    paths = PathCompleter(expanduser=True, get_paths=lambda: [str(profile_dir)])

    class Folders(Completer):
        def get_completions(self, document: Any, event: Any) -> Any:
            for found in paths.get_completions(document, event):
                shown = found.display_text
                text = found.text + ("/" if shown.endswith("/") else "")
                yield Completion(text, found.start_position, display=shown)

    return Folders()


def relative(typed: str, profile_dir: Path) -> str:
    """The path as stored: relative to the profile folder (with .. when outside it)."""
    path = resolve(typed, profile_dir).resolve()
    return os.path.relpath(path, profile_dir.resolve())
