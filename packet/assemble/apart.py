"""`merge_documents` in a process of its own, for a long packet.

pypdf holds every object of every part while it merges them (about 85 MB more for a
128-page publication list), and a build's memory would keep it to the end: Python
gives little of it back. A long packet is therefore merged by a child process
(`python -m packet.assemble.apart`), which reads the pickled arguments on stdin and
writes the merged PDF on stdout. The same function runs, so the bytes are the same.
A short packet is merged in process, where starting Python would cost more than the
merge.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packet.assemble import PacketInfo, Part


def merge_apart(cover: bytes, cover_pages: int, parts: Sequence[Part], info: PacketInfo
                ) -> bytes:
    request = pickle.dumps((cover, cover_pages, [replace(p, reader=None) for p in parts], info))
    # The child imports this very packet, wherever this process found it.
    here = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, "-m", "packet.assemble.apart"], input=request,
                          capture_output=True, check=False, env={**os.environ, "PYTHONPATH": path})
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"merging the packet failed in a process of its own (status "
                           f"{done.returncode}): {done.stderr.decode('utf-8', 'replace')}")
    return done.stdout


def _main() -> int:
    from packet.assemble import merge_documents
    from packet.paths import fast_pdf_comments

    fast_pdf_comments()  # as the build's own readers of attachments do
    # Our own pickle, written by merge_apart in the parent a moment ago.
    cover, cover_pages, parts, info = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(merge_documents(cover, cover_pages, parts, info))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
