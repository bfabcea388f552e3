"""The one HTTP client: retries with backoff, Retry-After, pacing, and the messages a user sees."""

from __future__ import annotations

import httpx
import pytest

from packet import __version__
from packet.errors import UserError
from packet.sources.http import DEFAULT_CONTACT, Service

from .net_playback import Playback

ORCID = Service(
    "the ORCID API",
    "import the record from a file instead: packet import record.json --profile P",
)
URL = "https://pub.orcid.org/v3.0/0000-0002-1825-0097/record"


def answers(*responses: httpx.Response | Exception):
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return handler


def test_429_is_retried_after_the_time_the_server_asks_for():
    play = Playback(answers(httpx.Response(429, headers={"Retry-After": "7"}),
                            httpx.Response(200, json={"ok": True})))
    response = play.client.get(URL, ORCID)
    assert response.json() == {"ok": True}
    assert len(play.requests) == 2
    assert play.sleeps == [7.0]


def test_5xx_backs_off_exponentially_then_succeeds():
    play = Playback(answers(httpx.Response(503), httpx.Response(502), httpx.Response(500),
                            httpx.Response(200, text="fine")), backoff=0.5)
    assert play.client.get(URL, ORCID).text == "fine"
    assert play.sleeps == [0.5, 1.0, 2.0]


def test_retry_after_as_an_http_date_in_the_past_means_now():
    play = Playback(answers(httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
                            httpx.Response(200)))
    play.client.get(URL, ORCID)
    assert play.sleeps == [0.0]


def test_gives_up_after_the_last_retry_with_what_to_do():
    play = Playback(answers(*[httpx.Response(503)] * 3), retries=2)
    with pytest.raises(UserError) as caught:
        play.client.get(URL, ORCID)
    assert str(caught.value) == (
        "the ORCID API kept answering 503 Service Unavailable (3 tries): try again later, or "
        "import the record from a file instead: packet import record.json --profile P"
    )
    assert len(play.requests) == 3
    assert play.sleeps == [1.0, 2.0]


def test_a_wait_longer_than_the_limit_is_not_waited():
    play = Playback(answers(httpx.Response(429, headers={"Retry-After": "3600"})), max_wait=60)
    with pytest.raises(UserError, match="asks to wait 3600 s before the next request"):
        play.client.get(URL, ORCID)
    assert play.sleeps == []


def test_offline_says_which_service_and_how_to_import_without_it():
    failures = [httpx.ConnectError("[Errno -3] Temporary failure in name resolution")] * 3
    play = Playback(answers(*failures), retries=2)
    with pytest.raises(UserError) as caught:
        play.client.get(URL, ORCID)
    assert str(caught.value) == (
        "could not reach the ORCID API ([Errno -3] Temporary failure in name resolution): "
        "import the record from a file instead: packet import record.json --profile P"
    )
    assert play.sleeps == [1.0, 2.0]  # a dropped connection is retried like a 503


def test_a_dropped_connection_then_an_answer_is_not_an_error():
    play = Playback(answers(httpx.ReadTimeout("timed out"), httpx.Response(200, text="late")))
    assert play.client.get(URL, ORCID).text == "late"


def test_not_found_names_what_was_asked_for():
    play = Playback(answers(httpx.Response(404, text="Not found")))
    with pytest.raises(UserError) as caught:
        play.client.get(URL, ORCID, what="record for the ORCID iD 0000-0002-1825-0097")
    assert str(caught.value).startswith(
        "the ORCID API has no record for the ORCID iD 0000-0002-1825-0097 (404 Not Found at "
    )
    assert len(play.requests) == 1  # a 404 is an answer, not a hiccup: no retry


def test_other_client_errors_are_reported_with_the_servers_words():
    play = Playback(answers(httpx.Response(400, text='{"error": "invalid query"}')))
    with pytest.raises(UserError) as caught:
        play.client.get(URL, ORCID)
    assert "refused the request: 400 Bad Request" in str(caught.value)
    assert 'invalid query' in str(caught.value)


def test_user_agent_names_packet_its_version_and_a_contact():
    play = Playback(answers(httpx.Response(200), httpx.Response(200)))
    play.client.get(URL, ORCID, accept="application/json")
    sent = play.requests[0]
    assert sent.headers["User-Agent"] == f"packet/{__version__} (+{DEFAULT_CONTACT})"
    assert sent.headers["Accept"] == "application/json"
    mine = Playback(answers(httpx.Response(200)), contact="mailto:grants@example.org")
    mine.client.get(URL, ORCID)
    assert mine.requests[0].headers["User-Agent"] == f"packet/{__version__} (+mailto:grants@example.org)"


def test_arxiv_is_asked_at_most_once_every_three_seconds():
    times = iter([100.0, 100.5, 103.0, 110.0, 110.0])
    play = Playback(answers(*[httpx.Response(200)] * 3), clock=lambda: next(times))
    arxiv = Service("the arXiv API", "import a saved listing instead")
    play.client.get("https://export.arxiv.org/api/query", arxiv)  # first: no wait
    play.client.get("https://export.arxiv.org/api/query", arxiv)  # 0.5 s later: waits 2.5 s
    play.client.get("https://export.arxiv.org/api/query", arxiv)  # 7 s later: no wait
    assert play.sleeps == [2.5]


def test_an_unreadable_answer_is_not_retried():
    play = Playback(answers(httpx.TooManyRedirects("Exceeded maximum allowed redirects.")))
    with pytest.raises(UserError, match=r"sent an answer packet cannot read \(Exceeded maximum"):
        play.client.get(URL, ORCID)
    assert play.sleeps == []
