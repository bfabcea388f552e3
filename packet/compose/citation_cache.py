"""On-disk cache of formatted reference-list entries.

citeproc-py takes 3-8 ms a reference (APA 6, Chicago 8, measured here), so a
CV with a few hundred publications would spend seconds re-formatting text
that has not changed; a cached entry costs about 0.05 ms.
Entries are stored by a content key (see `citations.entry_key`), one JSON
document per style in packet's cache (`packet.cache`), so a rebuild only formats
what was edited.

The cache is an optimisation, never a source of truth: a missing, unreadable
or corrupt file is treated as empty and rewritten, and concurrent writers can
only lose each other's additions (the file is replaced atomically), not
corrupt it.
"""

from __future__ import annotations

import json

from packet.cache import Cache

CACHE_FORMAT = 1
# Edited publications leave stale entries behind; the cap keeps the file
# (and its load time) bounded. The entries used longest ago go first.
MAX_ENTRIES = 20_000


class CitationCache:
    """Formatted entries for one style, loaded once and saved on demand."""

    def __init__(self, cache: Cache | None, style: str) -> None:
        self.cache = cache
        self.key = f"style-{style}"
        self._entries: dict[str, str] = {}
        self._dirty = False
        if cache is not None:
            self._entries, self._dirty = _load(cache.get(self.key))

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
        """Store the entries if anything changed; a read-only cache is not an error."""
        if self.cache is None or not self._dirty:
            return
        entries = self._entries
        if len(entries) > MAX_ENTRIES:
            entries = dict(list(entries.items())[-MAX_ENTRIES:])
            self._entries = entries
        data = json.dumps({"format": CACHE_FORMAT, "entries": entries}, ensure_ascii=False)
        self.cache.put(self.key, data)
        self._dirty = False


def _load(raw: bytes | None) -> tuple[dict[str, str], bool]:
    """The entries stored, and whether they must be stored again (damaged or old)."""
    if raw is None:
        return {}, False
    try:
        data = json.loads(raw)
    except ValueError:
        return {}, True
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {}, True
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}, True
    clean = {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)}
    return clean, len(clean) != len(entries)
