"""Where rendering runs during a build: Typst in a thread, python-docx beside it.

Typst lets go of the GIL while it compiles, so it typesets beside the Python
that composes and checks. python-docx is pure Python, so it runs in a helper
process where it can (see `packet.render.docx_process`). Both are started
before anything else of a build, because a process may only be forked while
it has no other thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from packet.compose.doctree import Document
    from packet.render.docx_process import DocxWorker
    from packet.render.setup import PageSetup


@contextmanager
def render_workers(docx: bool) -> Iterator[tuple[ThreadPoolExecutor, DocxWorker | None]]:
    """A thread for Typst, and a helper process (or thread) for python-docx if `docx`.

    Typst lets go of the GIL while it compiles, so it typesets beside the
    Python that composes and checks; one thread, as a theme's compiler serves
    one document at a time. See `packet.render.docx_process` for DOCX.
    """
    from packet.render.docx_process import start_worker

    # The helper first: a process is only forked while it has no other thread.
    word = start_worker() if docx else None
    typst = ThreadPoolExecutor(max_workers=1, thread_name_prefix="packet-typst")
    try:
        yield typst, word
    except BaseException:
        typst.shutdown(wait=True, cancel_futures=True)
        if word is not None:
            word.close(abort=True)
        raise
    typst.shutdown(wait=True)
    if word is not None:
        word.close()


def docx_bytes(tree: Document, setup: PageSetup, pending: Future[bytes]) -> bytes:
    from packet.render.docx_process import HelperFailed

    try:
        return pending.result()
    except HelperFailed:  # render it here, where a real error shows with its traceback
        from packet.render.docx import render_docx

        return render_docx(tree, setup)
