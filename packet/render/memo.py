"""Rendered bytes kept by what they were rendered from: in memory, and on disk when a
build gives a cache folder.

Typst and python-docx give the same bytes for the same DocTree and page setup, so
a process that builds the same packet again (`packet watch`, a batch worker, the
wizard) re-renders only the documents an edit changed; with the disk layer a new
process does too (a rebuild of a 2,000-entry publication list spent 2 s in Typst
and 2 s in python-docx on documents that had not changed). The memory layer is
bounded by size, the entries used longest ago going first; the disk layer is
`packet.cache`, bounded with the rest of it.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator

from packet.cache import Cache

MAX_BYTES = 64 * 1024 * 1024


class Memo:
    def __init__(self, valid: Callable[[bytes], bool], max_bytes: int = MAX_BYTES) -> None:
        self.valid = valid  # whether bytes read from disk are whole (else: a miss)
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # the Typst thread and the build thread both use it
        self._disk: Cache | None = None

    @contextlib.contextmanager
    def on_disk(self, cache: Cache | None) -> Iterator[None]:
        """Within the block, entries are also read from and written to `cache`."""
        before, self._disk = self._disk, cache
        try:
            yield
        finally:
            self._disk = before

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
                return value
        disk = self._disk
        value = disk.get(key) if disk is not None else None
        if value is None or not self.valid(value):
            return None
        self._keep(key, value)
        return value

    def put(self, key: str, value: bytes) -> None:
        self._keep(key, value)
        if (disk := self._disk) is not None:
            disk.put(key, value)

    def _keep(self, key: str, value: bytes) -> None:
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


def whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def whole_zip(data: bytes) -> bool:
    # A DOCX is a ZIP archive, whose directory's end record is in its last bytes.
    return data.startswith(b"PK\x03\x04") and b"PK\x05\x06" in data[-65557:]


PDFS = Memo(whole_pdf)
DOCXS = Memo(whole_zip)
