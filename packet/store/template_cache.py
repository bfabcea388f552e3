"""Compiled Markdown templates, cached on disk by their source.

Jinja turns each template into Python source and compiles it: about 70 ms
for the templates of a CV, a publication list, a statement and a letter,
on every build. A bytecode cache loads the compiled code instead, ~1 ms.

An entry is found by template name and file and used only while the
template's source is unchanged (Jinja keeps a checksum of it in the entry).
The generated code also depends on how the environment compiles (its
settings, its code generator, which filters want the context), none of
which Jinja's checksum covers: so the folder is named after a fingerprint
of Jinja's version and packet's template code, and a change to either
starts an empty one. A missing, unreadable or stale entry is compiled
again; the cache is never a source of truth.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from packet.store.yaml_io import write_atomic


@functools.cache
def code_fingerprint() -> str:
    """Jinja's and Python's versions and packet's compose code (environment, filters)."""
    import jinja2

    import packet.compose

    digest = hashlib.sha256(f"{jinja2.__version__}\0{sys.version}".encode())
    folder = Path(packet.compose.__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class TemplateCodeCache(BytecodeCache):
    """Jinja's bytecode cache in `folder`/<fingerprint>/, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / code_fingerprint()

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        # A stale entry leaves the bucket empty, and so does a damaged one (unpickling
        # its checksum can fail in many ways): the template compiles again.
        try:
            bucket.bytecode_from_string(data)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only cache only costs speed
            write_atomic(self._path(bucket), bucket.bytecode_to_string())
