"""Kills and races: the output folder is never missing, leftovers of killed runs are put back
or removed by the next build, two builds of one packet take turns, batch workers die with
their parent."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from packet import publish as publishing
from packet.errors import UserError
from packet.publish import PublishLock, publish


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_previous_folder_left_by_a_kill_mid_swap_is_put_back(tmp_path: Path) -> None:
    # The state a SIGKILL between the two renames leaves: no folder, the old one aside.
    aside = tmp_path / ".me.previous-4242"
    aside.mkdir()
    (aside / "packet.pdf").write_bytes(b"%PDF-old")
    publishing.recover(tmp_path / "me")
    assert (tmp_path / "me" / "packet.pdf").read_bytes() == b"%PDF-old"
    assert _names(tmp_path) == ["me"]


def test_the_next_build_removes_staging_and_stale_previous_folders(tmp_path: Path) -> None:
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})
    for leftover in (".me.staging-abc", ".me.previous-77"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "packet.pdf").write_bytes(b"%PDF-junk")
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-2"})
    assert (tmp_path / "me" / "packet.pdf").read_bytes() == b"%PDF-2"
    assert _names(tmp_path) == ["me"]


def test_the_swap_is_one_exchange_so_the_folder_always_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})
    seen = []
    real = publishing._exchange

    def watching(a: Path, b: Path) -> bool:
        done = real(a, b)
        seen.append((tmp_path / "me" / "packet.pdf").read_bytes())  # right after: the new one
        return done

    monkeypatch.setattr(publishing, "_exchange", watching)
    monkeypatch.setattr(os, "replace", lambda *a: pytest.fail("two renames used"))
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-2"})
    assert seen == [b"%PDF-2"]


def _publish_many(folder: str, tag: int) -> None:
    for n in range(15):
        publish(Path(folder), {"packet.pdf": f"%PDF-{tag}-{n}".encode(), "report.json": b"{}"})


def test_concurrent_builds_of_one_packet_take_turns(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_publish_many, args=(str(tmp_path / "me"), t))
               for t in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert _names(tmp_path) == ["me"]  # no staging, backup or lock file left
    assert _names(tmp_path / "me") == ["packet.pdf", "report.json"]


def test_a_second_build_says_another_is_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(publishing, "LOCK_SECONDS", 0.2)
    held = PublishLock(tmp_path / ".me.lock")
    held.acquire(1)
    try:
        with pytest.raises(UserError, match=r"another build of .*me is running"):
            publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})
    finally:
        held.release()
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})
    assert _names(tmp_path) == ["me"]


def test_a_read_only_output_says_what_to_do(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(UserError, match="permission denied"):
            publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})
    finally:
        tmp_path.chmod(0o755)


def test_a_full_disk_names_the_folder_and_what_to_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    publish(tmp_path / "me", {"packet.pdf": b"%PDF-1"})

    def full(self: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(UserError) as caught:
        publish(tmp_path / "me", {"packet.pdf": b"%PDF-2"})
    monkeypatch.undo()
    assert "the disk is full" in str(caught.value) and "Free space" in str(caught.value)
    assert (tmp_path / "me" / "packet.pdf").read_bytes() == b"%PDF-1"
    assert _names(tmp_path) == ["me"]


PARENT = textwrap.dedent("""
    import multiprocessing, os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from packet.batch import die_with_parent

    def work(_):
        time.sleep(120)

    if __name__ == "__main__":
        pool = ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),),
                                   mp_context=multiprocessing.get_context("spawn"))
        futures = [pool.submit(work, i) for i in range(2)]
        time.sleep(1.5)
        print(" ".join(str(p) for p in pool._processes), flush=True)
        time.sleep(120)
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead but not yet reaped by its (new) parent.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_batch_workers_die_when_the_batch_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              env=env, cwd=tmp_path)
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(p) for p in workers)
    children = _children(parent.pid)  # the workers and multiprocessing's resource tracker
    assert set(workers) <= set(children)
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in children), "workers or their tracker outlived the batch"


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_batch_puts_back_a_packet_a_killed_run_moved_aside(tmp_path: Path) -> None:
    from packet.batch import Job, run_batch
    from packet.pipeline import BuildOptions
    from packet.store.workspace import Workspace

    ws_root = tmp_path / "ws"
    folder = ws_root / "output" / "c" / "me"
    (ws_root / "profiles").mkdir(parents=True)
    aside = folder.with_name(".me.previous-99")
    aside.mkdir(parents=True)
    (aside / "packet.pdf").write_bytes(b"%PDF-kept")
    (folder.with_name(".me.staging-x")).mkdir()
    ws = Workspace.open(ws_root)
    # The job itself fails (no such profile); what matters is the tidy-up before it.
    list(run_batch(ws, [Job("me", "c")], BuildOptions(), workers=1, force=False))
    assert (folder / "packet.pdf").read_bytes() == b"%PDF-kept"
    assert _names(folder.parent) == ["me"]
