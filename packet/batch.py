"""Batch mode: many packets, built in parallel worker processes, each failure kept to itself.

Workers are separate processes because rendering is CPU-bound; each keeps
what is expensive to set up (imported libraries, the Typst compiler, parsed
CSL styles, the workspace's parsed profiles and calls) for all its builds.

With LibreOffice installed, counting a packet's DOCX pages costs more than
building it, most of it LibreOffice starting (a second or more, with a fresh
profile): so a worker then takes several packets at a time, publishes each as
it is built with its DOCX pages pending, counts the DOCX files of them all in
one LibreOffice run, and completes each report (the same report a single build
writes). A packet whose report is still pending is never taken as up to date.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from packet.errors import UserError
from packet.paths import MAX_YAML_BYTES, read_user_bytes
from packet.pipeline import BuildOptions, tidy_output
from packet.store.workspace import Workspace

if TYPE_CHECKING:
    from packet.model.report import Report
    from packet.pipeline import BuildResult

Status = Literal["built", "up to date", "failed", "crashed"]


@dataclass(frozen=True)
class Job:
    profile: str
    call: str


@dataclass
class JobResult:
    profile: str
    call: str
    status: Status
    pages: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    reason: str = ""
    packet: str = ""


def plan_jobs(ws: Workspace, profiles: list[str], calls: list[str]) -> list[Job]:
    """Given calls: every chosen profile for each (the default selection where no application
    exists). No calls: every application the chosen profiles (default: all) have saved."""
    chosen = profiles or ws.profile_ids()
    for profile_id in chosen:
        if profile_id not in ws.profile_ids():
            ws.profile(profile_id)  # raises the unknown-profile message
    if calls:
        return [Job(p, c) for p in chosen for c in calls]
    return [Job(p, c) for p in chosen for c in ws.application_ids(p)]


def _recorded_inputs(ws: Workspace, job: Job) -> str | None:
    folder = ws.output_for(job.call, job.profile)
    try:
        report = _read_report(ws, folder)
    except (UserError, ValueError):
        return None
    if not (folder / "packet.pdf").is_file():
        return None
    value = report.get("inputs")
    return value if isinstance(value, str) else None


def _read_report(ws: Workspace, folder: Path) -> Any:
    """An earlier build's report.json, read as any workspace file (a link to elsewhere or
    a pipe put in its place is an error, which the callers take as no report)."""
    path = ws.contain(folder / "report.json", "report")
    return json.loads(read_user_bytes(path, ws.show(path), MAX_YAML_BYTES, "report"))


def is_up_to_date(ws: Workspace, job: Job, options: BuildOptions) -> bool:
    from packet.inputs import inputs_digest

    recorded = _recorded_inputs(ws, job)
    if recorded is None:
        return False
    try:
        application = ws.application(job.profile, job.call)
        return recorded == inputs_digest(ws, job.profile, job.call, options=options.key(),
                                         application=application)
    except (OSError, UserError):  # the build says what is wrong
        return False


def _one_line(err: UserError) -> str:
    if err.problems:
        first = err.problems[0]
        more = f" (+{len(err.problems) - 1} more)" if len(err.problems) > 1 else ""
        detail = str(first).splitlines()[0]
        if first.file and err.summary.startswith(first.file):
            return detail + more  # "x.yaml has 1 problem: x.yaml:3:18: ..." says the file twice
        return f"{err.summary}: {detail}{more}"
    return err.summary


# -- worker side ---------------------------------------------------------------

_WORKER: dict[str, Workspace] = {}


def _worker_init(root: str, parent: int | None = None) -> None:
    # Ctrl-C is handled by the parent, which cancels and waits; a worker that dies
    # mid-build would only leave its staging folder behind (the next build removes it).
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    _WORKER["ws"] = Workspace.open(Path(root))


def die_with_parent(parent: int | None) -> None:
    """A worker ends when the batch process ends, even by SIGKILL (Linux: PR_SET_PDEATHSIG).

    Without it a killed `packet batch` leaves its workers building for ever, and
    with them multiprocessing's resource tracker, which waits for its last user.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    if parent is not None and os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def build_jobs(jobs: list[Job], options: BuildOptions) -> list[JobResult]:
    """Build these packets, their DOCX pages counted together at the end (when
    LibreOffice is there: one start for all); never raises for a user's mistake."""
    from packet.pipeline import build_packet

    ws = _WORKER.get("ws")
    if ws is None:
        raise RuntimeError("worker not initialised")
    deferred = replace(options, docx_pages_later=len(jobs) > 1)
    results: list[JobResult] = []
    pending: list[tuple[JobResult, BuildResult]] = []
    for job in jobs:
        started = time.perf_counter()
        try:
            built = build_packet(ws, job.profile, job.call, deferred)
        except UserError as err:
            results.append(JobResult(job.profile, job.call, "failed",
                                     seconds=time.perf_counter() - started, reason=_one_line(err)))
            continue
        except Exception as err:  # a bug: keep the batch going, say what broke
            results.append(JobResult(job.profile, job.call, "crashed",
                                     seconds=time.perf_counter() - started,
                                     reason=f"internal error {type(err).__name__}: {err}"))
            continue
        result = JobResult(job.profile, job.call, "built", seconds=time.perf_counter() - started,
                           packet=ws.show(built.packet))
        _fill(result, built.report)
        results.append(result)
        if built.docx_pending is not None:
            pending.append((result, built))
    if pending:
        started = time.perf_counter()
        try:
            reports: list[Report | None] = _finish_together([built for _, built in pending])
        except Exception as err:  # the packets stand; their reports say the count is pending
            reports = [None] * len(pending)
            for result, _ in pending:
                result.reason = f"DOCX pages not counted: {type(err).__name__}: {err}"
        share = (time.perf_counter() - started) / len(pending)
        for (result, _), report in zip(pending, reports, strict=True):
            result.seconds += share
            if report is not None:
                _fill(result, report)
    return results


def _finish_together(built: list[BuildResult]) -> list[Report | None]:
    """Count the DOCX pages of these published packets in one LibreOffice run and complete
    their reports (None for a packet another build has replaced meanwhile)."""
    from packet.pipeline import count_docx_pages, finish_docx_pages, still_published

    counts = count_docx_pages(*(b.docx_pending for b in built if b.docx_pending is not None))
    return [finish_docx_pages(result, mine) if still_published(result) else None
            for result, mine in zip(built, counts, strict=True)]


def _fill(result: JobResult, report: Report) -> None:
    result.pages = report.pages
    result.errors, result.warnings = len(report.errors), len(report.warnings)


# -- parent side ---------------------------------------------------------------


def run_batch(
    ws: Workspace, jobs: list[Job], options: BuildOptions, *, workers: int, force: bool,
    on_result: Callable[[JobResult], None] = lambda r: None,
) -> Iterator[JobResult]:
    """Yields each job's result as it finishes; up-to-date packets first."""
    pending: list[Job] = []
    for job in jobs:
        with contextlib.suppress(UserError, OSError):
            tidy_output(ws, job.profile, job.call)  # leftovers of a killed run
        if not force and is_up_to_date(ws, job, options):
            result = JobResult(job.profile, job.call, "up to date",
                               packet=ws.show(ws.output_for(job.call, job.profile) / "packet.pdf"))
            _fill_from_report(ws, result)
            on_result(result)
            yield result
        else:
            pending.append(job)
    if not pending:
        return
    count = min(workers, len(pending))
    size = chunk_size(len(pending), count, options)
    chunks = [pending[i:i + size] for i in range(0, len(pending), size)]
    # "spawn", not fork: a process that has rendered with typst once cannot fork a worker that
    # renders (typst's threads do not survive the fork, and the child hangs for ever).
    with ProcessPoolExecutor(max_workers=count, initializer=_worker_init,
                             initargs=(str(ws.root), os.getpid()),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures: dict[Future[list[JobResult]], list[Job]] = {
            pool.submit(build_jobs, chunk, options): chunk for chunk in chunks}
        try:
            remaining = set(futures)
            while remaining:
                done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        results = future.result()
                    except Exception as err:  # the worker process died (killed, out of memory)
                        reason = f"worker process failed: {type(err).__name__}: {err}"
                        results = [JobResult(job.profile, job.call, "crashed", reason=reason)
                                   for job in futures[future]]
                    for result in results:
                        on_result(result)
                        yield result
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def chunk_size(jobs: int, workers: int, options: BuildOptions) -> int:
    """Packets a worker builds before it counts their DOCX pages in one LibreOffice run:
    1 without LibreOffice (or DOCX); else up to 8, so that every worker still gets about
    three chunks to share out."""
    from packet.pipeline import docx_pages_countable

    if "docx" not in options.formats or not docx_pages_countable():
        return 1
    return max(1, min(8, jobs // max(1, workers * 3)))


def _fill_from_report(ws: Workspace, result: JobResult) -> None:
    try:
        report = _read_report(ws, ws.output_for(result.call, result.profile))
    except (UserError, ValueError):
        return
    result.pages = int(report.get("pages", 0))
    findings = report.get("findings", [])
    result.errors = sum(1 for f in findings if f.get("severity") == "error")
    result.warnings = sum(1 for f in findings if f.get("severity") == "warning")


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def batch_report_json(results: list[JobResult]) -> str:
    return json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False) + "\n"


def batch_report_markdown(results: list[JobResult], seconds: float) -> str:
    lines = [
        "# Batch report",
        "",
        f"{len(results)} packets in {seconds:.1f} s: " + ", ".join(
            f"{sum(1 for r in results if r.status == s)} {s}"
            for s in ("built", "up to date", "failed", "crashed")
            if any(r.status == s for r in results)),
        "",
        "| profile | call | status | pages | errors | warnings | seconds | note |",
        "|---|---|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        note = (r.reason or r.packet).replace("|", "\\|")
        lines.append(f"| {r.profile} | {r.call} | {r.status} | {r.pages} | {r.errors} | "
                     f"{r.warnings} | {r.seconds:.2f} | {note} |")
    return "\n".join(lines) + "\n"
