"""Rendered bytes kept in memory by what they were rendered from, for long-lived processes.

Typst and python-docx give the same bytes for the same DocTree and page setup, so
a process that builds the same packet again (`packet watch`, a batch worker, the
wizard) re-renders only the documents an edit changed. Bounded by size; the
entries used longest ago go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_BYTES = 64 * 1024 * 1024


class Memo:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # the Typst thread and the build thread both use it

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self.max_bytes // 4:  # one huge document must not flush the rest
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._entries[key] = value
            self._size += len(value)
            while self._size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped)


PDFS = Memo()
DOCXS = Memo()
