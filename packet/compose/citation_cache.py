"""On-disk cache of formatted reference-list entries.

citeproc-py takes 3-8 ms a reference (APA 6, Chicago 8, measured here), so a
CV with a few hundred publications would spend seconds re-formatting text
that has not changed; a cached entry costs about 0.05 ms.
Entries are stored by a content key (see `citations.entry_key`), one JSON file
per style, so a rebuild only formats what was edited.

The cache is an optimisation, never a source of truth: a missing, unreadable
or corrupt file is treated as empty and rewritten, and concurrent writers can
only lose each other's additions (the file is replaced atomically), not
corrupt it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

CACHE_FORMAT = 1
# Edited publications leave stale entries behind; the cap keeps the file
# (and its load time) bounded. The entries used longest ago go first.
MAX_ENTRIES = 20_000


class CitationCache:
    """Formatted entries for one style, loaded once and saved on demand."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, str] = {}
        self._dirty = False
        if path is not None:
            self._entries, self._dirty = _load(path)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> str | None:
        value = self._entries.pop(key, None)
        if value is not None:
            self._entries[key] = value  # most recently used last; saved with the next change
        return value

    def put(self, key: str, value: str) -> None:
        if self._entries.get(key) != value:
            self._entries[key] = value
            self._dirty = True

    def save(self) -> None:
        """Write the file if anything changed; a read-only folder is not an error."""
        if self.path is None or not self._dirty:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            entries = dict(list(entries.items())[-MAX_ENTRIES:])
            self._entries = entries
        data = json.dumps({"format": CACHE_FORMAT, "entries": entries}, ensure_ascii=False)
        try:
            _write_atomic(self.path, data)
        except OSError:
            return  # caching is best effort: the build itself must not fail here
        self._dirty = False


def _load(path: Path) -> tuple[dict[str, str], bool]:
    """The entries in `path`, and whether the file must be rewritten."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, False
    except (OSError, UnicodeDecodeError):
        return {}, True
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return {}, True
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}, True
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}, True
    clean = {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)}
    return clean, len(clean) != len(entries)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique temporary name in the same folder: parallel builds must not
    # write into each other's temporary file, and os.replace must not cross
    # file systems. Opened with "x" (not mkstemp) so the umask sets the mode.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
