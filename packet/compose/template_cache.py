"""Compiled Markdown templates, kept in packet's cache by their source.

Jinja turns each template into Python source and compiles it: about 70 ms
for the templates of a CV, a publication list, a statement and a letter,
on every build. A bytecode cache loads the compiled code instead, ~1 ms.

An entry is found by template name and file and used only while the
template's source is unchanged (Jinja keeps a checksum of it in the entry).
The generated code also depends on how the environment compiles (its
settings, its code generator, which filters want the context): packet's code
is in the cache's folder name (`packet.cache.code_fingerprint`) and Jinja's
version in the key. A missing, unreadable or stale entry is compiled again.
"""

from __future__ import annotations

import jinja2
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from packet.cache import Cache, content_key


class TemplateCodeCache(BytecodeCache):
    """Jinja's bytecode cache on top of packet's cache."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def _key(self, bucket: Bucket) -> str:
        return content_key(jinja2.__version__, bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.cache.get(self._key(bucket))
        if data is None:
            return
        # A stale entry leaves the bucket empty, and so does a damaged one (unpickling
        # its checksum can fail in many ways): the template compiles again.
        try:
            bucket.bytecode_from_string(data)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.put(self._key(bucket), bucket.bytecode_to_string())
