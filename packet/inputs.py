"""The fingerprint of everything a packet is built from.

Batch mode skips a packet whose fingerprint matches the one recorded in its
last report. It hashes file contents, never modification times, so copying or
touching a workspace does not force rebuilds and an edit always does.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from packet.cache import code_fingerprint
from packet.errors import UserError
from packet.model.application import Application
from packet.paths import MAX_PDF_BYTES, read_user_bytes
from packet.store.calls import call_chain
from packet.store.workspace import Workspace


def _hash_tree(ws: Workspace, digest: hashlib._Hash, folder: Path, label: str) -> None:
    if not folder.is_dir():
        return
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
        try:
            ws.contain(path)
            data = read_user_bytes(path, ws.show(path), MAX_PDF_BYTES)
        except UserError as err:  # never read: the build says so if it uses the file
            digest.update(f"<unreadable: {err.summary}>".encode())
            continue
        digest.update(hashlib.sha256(data).digest())


def _hash_file(ws: Workspace, path: Path, what: str) -> bytes:
    """The file's bytes if it is one packet may read, else a marker (never an error here)."""
    if not os.path.lexists(path):  # False, not an error, for a name too long
        return b"<none>"
    try:
        ws.contain(path, what)
        return read_user_bytes(path, ws.show(path), MAX_PDF_BYTES, what)
    except UserError as err:
        return f"<unreadable: {err.summary}>".encode()


def inputs_digest(
    ws: Workspace, profile_id: str, call_id: str, *, options: tuple[str, ...] = (),
    answers: Path | None = None, application: Application | None = None,
) -> str:
    """packet itself (`code_fingerprint`), the options, the profile, the application, the
    call and every call it extends, statements, templates, and the attachments the
    application uses."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(repr(options).encode())
    profile_dir = ws.profile_dir(profile_id)
    for path in (profile_dir / "profile.yaml", answers or ws.application_path(profile_id, call_id)):
        digest.update(path.name.encode() + b"\0")
        digest.update(_hash_file(ws, path, "file"))
    for path in call_chain(ws.call_sources, call_id, lambda p: ws.contain(p, "call")):
        digest.update(_hash_file(ws, path, "call"))
    _hash_tree(ws, digest, ws.statements_dir(profile_id), "statements")
    _hash_tree(ws, digest, ws.templates_dir, "templates")
    # Only what the application attaches: any other file under the profile is none of
    # the build's business (and may be anything: a pipe, a link to a device).
    for name, relative in sorted((application.attachments if application else {}).items()):
        path = profile_dir / relative
        digest.update(f"{name}\0{relative}\0".encode())
        digest.update(hashlib.sha256(_hash_file(ws, path, "attachment")).digest())
    settings = ws.settings
    digest.update(repr((settings.theme, settings.style, tuple(settings.formats))).encode())
    return digest.hexdigest()
