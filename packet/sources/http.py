"""packet's one HTTP client: timeouts, polite pacing, retries with backoff, clear errors.

Every network reader (ORCID, arXiv, Crossref) goes through `HttpClient.get`, so the
rules live in one place: a User-Agent naming packet and how to reach its user (the
`contact` setting: Crossref and arXiv ask for one), at most one request every few
seconds to a host that asks for it (arXiv), and retries on 429, 5xx and dropped
connections with exponential backoff that honours `Retry-After`. Tests inject an
`httpx.MockTransport` and a fake `sleep`, so they never touch the network or wait.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from packet import __version__
from packet.errors import Problem, UserError

# Shown in the User-Agent until the user sets `contact` (packet.toml or PACKET_CONTACT):
# services throttle anonymous clients first, so the docs ask users to set their own.
DEFAULT_CONTACT = "https://packet.invalid/contact (set `contact` in packet.toml)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# arXiv's terms ask for no more than one request every three seconds.
POLITE_INTERVALS: dict[str, float] = {"export.arxiv.org": 3.0}


@dataclass(frozen=True)
class Service:
    """A remote API as the user knows it, and what to do when it cannot be reached."""

    name: str  # "the ORCID API"
    offline_hint: str  # "import the record from a file instead: packet import record.json ..."


def user_agent(contact: str | None = None) -> str:
    return f"packet/{__version__} (+{contact or DEFAULT_CONTACT})"


class HttpClient:
    """GET with retries; one instance may serve many requests (it keeps connections open)."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        contact: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        intervals: Mapping[str, float] | None = None,
    ) -> None:
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.clock = clock
        self.intervals = dict(POLITE_INTERVALS if intervals is None else intervals)
        self._last: dict[str, float] = {}
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": user_agent(contact)},
            follow_redirects=True,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        service: Service,
        *,
        params: Mapping[str, str] | None = None,
        accept: str | None = None,
        what: str | None = None,
    ) -> httpx.Response:
        """The successful response for `url`, or a UserError saying what went wrong.

        `what` names the thing asked for ("ORCID iD 0000-…") in a not-found message.
        """
        headers = {"Accept": accept} if accept else {}
        attempt = 0
        while True:
            self._pace(url)
            try:
                response = self._client.get(url, params=params, headers=headers)
            except httpx.TransportError as err:
                if attempt >= self.retries:
                    raise _offline(service, err) from None
                self._wait(self._delay(attempt, None), service)
                attempt += 1
                continue
            except httpx.RequestError as err:  # redirect loops, undecodable bodies: not transient
                message = f"{service.name} sent an answer packet cannot read ({err})"
                raise UserError(message) from None
            if response.status_code in RETRY_STATUSES:
                if attempt >= self.retries:
                    raise UserError(
                        f"{service.name} kept answering {_status(response)} "
                        f"({attempt + 1} tries): try again later, or {service.offline_hint}"
                    )
                self._wait(self._delay(attempt, response.headers.get("Retry-After")), service)
                attempt += 1
                continue
            if response.status_code == 404:
                raise UserError(
                    f"{service.name} has no {what or 'such record'} (404 Not Found at {url})",
                    [Problem("check the identifier for a typo")],
                )
            if response.is_error:
                raise UserError(
                    f"{service.name} refused the request: {_status(response)} at {url}",
                    [Problem(_snippet(response.text))] if response.text.strip() else [],
                )
            return response

    def _pace(self, url: str) -> None:
        host = httpx.URL(url).host
        interval = self.intervals.get(host)
        if interval is None:
            return
        last = self._last.get(host)
        if last is not None:
            remaining = interval - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        asked = _retry_after_seconds(retry_after, time.time)
        return asked if asked is not None else self.backoff * 2**attempt

    def _wait(self, seconds: float, service: Service) -> None:
        if seconds > self.max_wait:
            raise UserError(
                f"{service.name} asks to wait {seconds:.0f} s before the next request: "
                f"try again later, or {service.offline_hint}"
            )
        self.sleep(seconds)


def _retry_after_seconds(value: str | None, now: Callable[[], float]) -> float | None:
    """`Retry-After` is either a number of seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


def _offline(service: Service, err: httpx.TransportError) -> UserError:
    kind = "timed out" if isinstance(err, httpx.TimeoutException) else type(err).__name__
    detail = str(err) or kind
    return UserError(f"could not reach {service.name} ({detail}): {service.offline_hint}")


def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
