"""DOCX rendering beside the rest of a build: in a forked helper process, else a thread.

python-docx is pure Python, so a thread renders DOCX only in the moments
the other threads leave the GIL (lxml parsing and writing, zlib), and the
GIL traffic costs CPU of its own. A helper process forked at the start of a
build renders them truly in parallel: it imports python-docx while this
process composes, takes each DocTree as soon as it is composed and sends
the DOCX bytes back (measured on the example packet: ~0.13 s less than a
thread). Forking is only done on Linux, with more than one CPU to run on,
from a process that has no other thread yet (a fork of a process with
threads can deadlock in the child, and typst keeps threads once it has
compiled): otherwise, e.g. in a batch worker after its first build, a
thread does the work.

The helper is an accelerator, never a source of errors: whatever goes wrong
there (it cannot start, it dies, a document fails), the result says
`HelperFailed` and the caller renders that document itself, so a real
error surfaces in this process with its own traceback.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from packet.compose.doctree import Document
    from packet.render.setup import PageSetup

_LENGTH = struct.Struct("<Q")
# Room in the jobs pipe for a few large DocTrees, so composing never waits for the helper.
_PIPE_BYTES = 1 << 20


class HelperFailed(RuntimeError):
    """The helper process did not render a document: render it in this process."""


class DocxWorker:
    """Renders the DOCX files of one build: `submit` each document, `close` at the end."""

    def prepare(self, setup: PageSetup) -> None:
        """Get ready for documents laid out as `setup` (see `blank_document`) ahead of them."""
        raise NotImplementedError

    def submit(self, doc: Document, setup: PageSetup) -> Future[bytes]:
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        """Wait for the documents submitted, or with `abort` (the build failed) stop at once."""
        raise NotImplementedError


def start_worker() -> DocxWorker:
    """A forked helper process where that is safe and useful, else a thread."""
    if _can_fork():
        with contextlib.suppress(OSError):
            return _ProcessWorker()
    return _ThreadWorker()


def _can_fork() -> bool:
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1 and len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _ThreadWorker(DocxWorker):
    def __init__(self) -> None:
        # One thread: python-docx's XML parser is not to be shared between threads.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="packet-docx")

    def prepare(self, setup: PageSetup) -> None:
        from packet.render.docx import prepare_docx  # imported here, not in the thread

        self._pool.submit(prepare_docx, setup)

    def submit(self, doc: Document, setup: PageSetup) -> Future[bytes]:
        from packet.render.docx import render_docx

        return self._pool.submit(render_docx, doc, setup)

    def close(self, abort: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=abort)


class _ProcessWorker(DocxWorker):
    def __init__(self) -> None:
        jobs_in, jobs_out = os.pipe()
        results_in, results_out = os.pipe()
        try:
            with contextlib.suppress(OSError, AttributeError):
                import fcntl

                fcntl.fcntl(jobs_out, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            pid = os.fork()
        except OSError:
            for fd in (jobs_in, jobs_out, results_in, results_out):
                os.close(fd)
            raise
        if pid == 0:  # the helper: never returns
            status = 1
            try:
                os.close(jobs_out)
                os.close(results_in)
                with os.fdopen(jobs_in, "rb") as jobs, os.fdopen(results_out, "wb") as results:
                    _serve(jobs, results)
                status = 0
            finally:
                os._exit(status)
        os.close(jobs_in)
        os.close(results_out)
        self._pid = pid
        self._jobs: BinaryIO | None = os.fdopen(jobs_out, "wb")
        self._results = os.fdopen(results_in, "rb")
        self._futures: list[Future[bytes]] = []
        self._lock = threading.Lock()
        self._lost = ""  # why results stopped coming, once they have
        # Results are read as they come, so the helper never waits on a full pipe.
        self._reader = threading.Thread(target=self._read, name="packet-docx-results",
                                        daemon=True)
        self._reader.start()

    def prepare(self, setup: PageSetup) -> None:
        with contextlib.suppress(Exception):  # only a head start: never an error
            if self._jobs is not None:
                _send(self._jobs, (-1, None, setup))

    def submit(self, doc: Document, setup: PageSetup) -> Future[bytes]:
        future: Future[bytes] = Future()
        with self._lock:
            index = len(self._futures)
            self._futures.append(future)
            lost = self._lost
        if lost:
            self._settle(index, error=lost)
            return future
        try:
            if self._jobs is None:
                raise ValueError("the worker is closed")
            _send(self._jobs, (index, doc, setup))
        except Exception as err:  # unpicklable data, a closed pipe: render it here
            self._settle(index, error=f"cannot hand the document over: {err}")
        return future

    def close(self, abort: bool = False) -> None:
        if abort:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
        if self._jobs is not None:
            with contextlib.suppress(OSError):
                self._jobs.close()  # no more jobs: the helper exits after the last one
            self._jobs = None
        self._reader.join()
        self._results.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)

    def _read(self) -> None:
        reason = "the helper stopped"
        try:
            while (message := _receive(self._results)) is not None:
                index, ok, payload = message
                if ok:
                    self._settle(index, result=payload)
                else:
                    self._settle(index, error=payload)
        except BaseException as err:
            reason = f"lost the helper: {type(err).__name__}: {err}"
        finally:
            # Nothing more will come: whatever is still waiting is rendered by the caller.
            with self._lock:
                self._lost = reason
                waiting = list(range(len(self._futures)))
            for index in waiting:
                self._settle(index, error=reason)

    def _settle(self, index: int, *, result: bytes | None = None, error: str = "") -> None:
        with self._lock:
            future = self._futures[index] if 0 <= index < len(self._futures) else None
            if future is None or future.done():
                return
            if result is not None:
                future.set_result(result)
            else:
                future.set_exception(HelperFailed(error))


def _serve(jobs: BinaryIO, results: BinaryIO) -> None:
    """The helper's loop: render each document received until the jobs pipe closes."""
    import traceback

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from packet.render.docx import prepare_docx, render_docx

    while (message := _receive(jobs)) is not None:
        index, doc, setup = message
        if doc is None:
            with contextlib.suppress(Exception):
                prepare_docx(setup)
            continue
        try:
            reply: tuple[int, bool, Any] = (index, True, render_docx(doc, setup))
        except Exception:
            reply = (index, False, traceback.format_exc())
        _send(results, reply)


def _send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    """The next message, or None at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("message cut short")
    return pickle.loads(data)
