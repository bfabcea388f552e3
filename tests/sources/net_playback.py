"""Playback for the network readers' tests: an HttpClient whose transport and sleep are fakes.

Nothing here opens a socket: `httpx.MockTransport` answers every request from a handler,
and the sleeps the client would do (backoff, arXiv pacing) are recorded instead of waited.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from packet.sources.http import HttpClient

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Playback:
    def __init__(self, handler: Callable[[httpx.Request], httpx.Response], **options: object):
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

        def record(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        options.setdefault("clock", lambda: 0.0)  # every request "at the same instant"
        self.client = HttpClient(
            transport=httpx.MockTransport(record),
            sleep=self.sleeps.append,
            **options,  # type: ignore[arg-type]
        )


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def reply(path: str, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=fixture(path))
