"""Reference-list entries formatted on every core when there are many to format.

citeproc-py is pure Python, about 6 ms an APA entry: a first build of 2,000
publications spent 12 s on one core while the other waited for the document.
Past `MIN_PARALLEL` entries not in the cache, helper processes (one per core but
this one) take chunks of them while this process formats chunks too: it takes
each next chunk a helper has not started (a pending future can be cancelled),
so it never waits for a helper to start up (spawning one and loading a style takes
~0.5 s). Helpers are spawned, not forked: the Typst thread may already be running.

Not in a process that is itself a helper (a batch worker, whose siblings use the
other cores already). A helper that fails to start or dies only costs speed: the
chunks it did not format are formatted here, and an entry a helper could not
format is formatted here again, where its error is raised with its message.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

MIN_PARALLEL = 150  # fewer entries than this are formatted sooner than a helper starts
CHUNK = 25

Job = tuple[Any, dict[str, Any], list[Any]]  # (Publication, CSL-JSON, marks)


def helpers_for(count: int) -> int:
    """How many helper processes are worth starting for `count` entries."""
    if count < MIN_PARALLEL or multiprocessing.parent_process() is not None:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(0, min(cores - 1, count // MIN_PARALLEL))


def format_all(style: str, jobs: Sequence[Job], format_one: Callable[..., str]) -> list[str]:
    """`format_one(pub, csl, marks)` of every job, in order."""
    helpers = helpers_for(len(jobs))
    if helpers == 0:
        return [format_one(*job) for job in jobs]
    chunks = [list(jobs[i:i + CHUNK]) for i in range(0, len(jobs), CHUNK)]
    done: list[list[str] | None] = [None] * len(chunks)
    try:
        pool = ProcessPoolExecutor(max_workers=helpers,
                                   mp_context=multiprocessing.get_context("spawn"))
    except OSError:
        return [format_one(*job) for job in jobs]
    with pool:
        # Helpers take chunks from the end, this process from the start.
        futures: dict[int, Future[list[str | None]]] = {}
        try:
            for index in reversed(range(len(chunks))):
                futures[index] = pool.submit(_format_chunk, style, chunks[index])
        except RuntimeError:  # the pool broke while submitting: the rest is done here
            pass
        for index, chunk in enumerate(chunks):
            future = futures.get(index)
            if future is None or future.cancel():
                done[index] = [format_one(*job) for job in chunk]
        for index, future in futures.items():
            if done[index] is not None:
                continue
            try:
                got = future.result()
            except Exception:  # the helper died: format the chunk here
                got = [None] * len(chunks[index])
            done[index] = [entry if entry is not None else format_one(*job)
                           for entry, job in zip(got, chunks[index], strict=True)]
    return [entry for chunk_entries in done for entry in chunk_entries or ()]


def _format_chunk(style: str, jobs: list[Job]) -> list[str | None]:
    from packet.compose.citations import format_entry

    out: list[str | None] = []
    for pub, csl, marks in jobs:
        try:
            out.append(format_entry(style, pub, csl, marks))
        except Exception:  # formatted again by the parent, which raises it properly
            out.append(None)
    return out
