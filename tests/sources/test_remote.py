"""Identifiers fetched through the client, played back from fixtures: never the network."""

from __future__ import annotations

import httpx
import pytest

from packet.errors import UserError
from packet.sources import remote
from packet.sources.remote import author_query, is_identifier, read_identifier

from .net_playback import Playback, reply

ID = "0000-0000-0000-001X"


def never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request should be made, got {request.url}")


def orcid_api(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    assert request.url.host == "pub.orcid.org"
    if path == f"/v3.0/{ID}/record":
        return reply("orcid/record.json")
    if path.startswith(f"/v3.0/{ID}/works/"):
        return reply("orcid/works-details.json")
    return httpx.Response(404)


def test_orcid_fetches_the_record_then_the_work_details_in_one_bulk_request():
    play = Playback(orcid_api)
    read = read_identifier(f"orcid:{ID}", play.client)
    assert [r.url.path for r in play.requests] == [
        f"/v3.0/{ID}/record",
        f"/v3.0/{ID}/works/152934812,152934815,152934820,152934823",
    ]
    assert all(r.headers["Accept"] == "application/json" for r in play.requests)
    assert read.source == f"orcid:{ID}" and read.format == "orcid"
    assert read.person["orcid"] == ID
    works = [c for c in read.candidates if c.section == "publications"]
    assert works[0].fields["authors"] == ["Antonio Sclocchi", "Alessandro Favero", "Matthieu Wyart"]
    assert "authors" in works[2].uncertain


def test_orcid_url_form_is_accepted():
    play = Playback(orcid_api)
    read_identifier(f"https://orcid.org/{ID}", play.client)
    assert play.requests[0].url.path == f"/v3.0/{ID}/record"


def test_a_wrong_orcid_checksum_fails_before_any_request():
    with pytest.raises(UserError, match="check digit is 8, but the other digits give 7"):
        read_identifier("orcid:0000-0002-1825-0098", Playback(never).client)


def test_orcid_offline_tells_how_to_import_from_a_file():
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 101] Network is unreachable")

    play = Playback(offline, retries=1)
    with pytest.raises(UserError) as caught:
        read_identifier(f"orcid:{ID}", play.client, profile="favero")
    assert str(caught.value) == (
        "could not reach the ORCID API ([Errno 101] Network is unreachable): import the record "
        f"from a file instead (save https://pub.orcid.org/v3.0/{ID}/record as JSON): "
        "packet import record.json --profile favero"
    )


def test_orcid_details_failing_keeps_the_record_and_says_what_is_missing():
    def flaky(request: httpx.Request) -> httpx.Response:
        if "/works/" in request.url.path:
            return httpx.Response(503)
        return orcid_api(request)

    play = Playback(flaky, retries=1)
    read = read_identifier(f"orcid:{ID}", play.client)
    assert len([c for c in read.candidates if c.section == "publications"]) == 4
    assert read.skipped[-1].reason.startswith(
        "work details (authors) not fetched: the ORCID API kept answering 503 Service Unavailable"
    )


def test_an_unknown_orcid_id_is_a_clear_not_found():
    play = Playback(lambda request: httpx.Response(404, json={"error-code": 9016}))
    with pytest.raises(UserError, match="the ORCID API has no record for the ORCID iD 0000-0002-1825-0097"):
        read_identifier("orcid:0000-0002-1825-0097", play.client)


def test_several_arxiv_ids_go_in_one_query_with_versions_kept():
    play = Playback(lambda request: reply("arxiv/id_list.atom"))
    read = read_identifier("arxiv:2506.07899v2, 2410.17146,2403.14003,2502.12089,2510.06106",
                           play.client)
    (request,) = play.requests
    assert request.url.host == "export.arxiv.org"
    assert request.url.params["id_list"] == "2506.07899v2,2410.17146,2403.14003,2502.12089,2510.06106"
    assert request.url.params["max_results"] == "5"
    assert [c.fields["arxiv"] for c in read.candidates][:2] == ["2506.07899", "2410.17146"]
    assert read.skipped == []


def test_an_arxiv_id_the_api_does_not_return_is_listed():
    play = Playback(lambda request: reply("arxiv/id_list.atom"))
    read = read_identifier("arxiv:2506.07899,hep-th/9901001", play.client)
    assert play.requests[0].url.params["id_list"] == "2506.07899,hep-th/9901001"
    assert [(s.origin, s.reason) for s in read.skipped] == [
        ("arxiv:hep-th/9901001", "arXiv returned no paper for this id")
    ]


def test_the_arxiv_apis_error_entry_is_reported():
    play = Playback(lambda request: reply("arxiv/error.atom"))
    with pytest.raises(UserError, match=r"incorrect id format for 2506\.0789"):
        read_identifier("arxiv:2506.07899", play.client)


def test_malformed_xml_from_the_api_names_the_source_and_position():
    play = Playback(lambda request: httpx.Response(200, content=b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>"))
    with pytest.raises(UserError) as caught:
        read_identifier("arxiv:2506.07899", play.client)
    assert str(caught.value).startswith("arxiv:2506.07899 is not well-formed XML")
    assert caught.value.problems[0].line == 1


def test_a_doi_is_fetched_from_crossref_in_any_usual_form():
    for spec in ("doi:10.1103/PhysRevX.14.031001", "https://doi.org/10.1103/PhysRevX.14.031001",
                 "doi:https://dx.doi.org/10.1103/PhysRevX.14.031001"):
        play = Playback(lambda request: reply("crossref/prx.json"))
        read = read_identifier(spec, play.client)
        assert play.requests[0].url.host == "api.crossref.org"
        assert play.requests[0].url.path == "/works/10.1103/PhysRevX.14.031001"
        assert read.source == spec
        assert read.candidates[0].fields["volume"] == "14"


def test_a_doi_crossref_does_not_know_is_a_clear_not_found():
    play = Playback(lambda request: httpx.Response(404, text="Resource not found."))
    with pytest.raises(UserError, match=r"the Crossref API has no work with the DOI 10\.1103/PhysRevX\.99\.000000"):
        read_identifier("doi:10.1103/PhysRevX.99.000000", play.client)


def test_an_arxiv_doi_is_asked_of_arxiv_not_crossref():
    play = Playback(lambda request: reply("arxiv/id_list.atom"))
    read_identifier("doi:10.48550/arXiv.2506.07899", play.client)
    assert play.requests[0].url.host == "export.arxiv.org"
    assert play.requests[0].url.params["id_list"] == "2506.07899"


def test_author_search_pages_politely(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(remote, "ARXIV_PAGE", 2)
    pages = {"0": "arxiv/author_page1.atom", "2": "arxiv/author_page2.atom"}
    play = Playback(lambda request: reply(pages[request.url.params["start"]]))
    read = read_identifier('arxiv-author:"Favero, Alessandro"', play.client)
    assert [r.url.params["start"] for r in play.requests] == ["0", "2"]
    assert play.requests[0].url.params["search_query"] == 'au:"Alessandro Favero"'
    assert play.requests[0].url.params["sortBy"] == "submittedDate"
    assert [c.fields["arxiv"] for c in read.candidates] == ["2510.06106", "2506.07899", "2502.12089"]
    assert play.sleeps == [3.0]  # arXiv asks for three seconds between requests
    assert read.skipped == []


def test_author_search_stops_at_the_limit_and_says_so(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(remote, "ARXIV_PAGE", 2)
    play = Playback(lambda request: reply("arxiv/author_page1.atom"))
    read = read_identifier("arxiv-author:Favero", play.client, max_results=2)
    assert len(play.requests) == 1
    assert play.requests[0].url.params["search_query"] == 'au:"Favero"'
    assert len(read.candidates) == 2
    assert read.skipped[0].reason == "arXiv lists 3 papers for this name; only the newest 2 were read"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("isbn:978-3-16-148410-0", "is not an identifier packet can fetch"),
        ("orcid:", "names nothing after 'orcid:'"),
        ("doi:11.1234/x", "is not a DOI"),
        ("arxiv:not-an-id", "is not an arXiv identifier"),
        ("arxiv-author:\"\"", "names no author"),
    ],
)
def test_bad_identifiers_are_user_errors_without_requests(spec, message):
    with pytest.raises(UserError, match=message):
        read_identifier(spec, Playback(never).client)


def test_is_identifier_tells_identifiers_from_file_names():
    assert is_identifier("orcid:0000-0002-1825-0097")
    assert is_identifier("arxiv-author:\"Favero, A\"")
    assert is_identifier("https://doi.org/10.1103/PhysRevX.14.031001")
    assert not is_identifier("refs.bib")
    assert not is_identifier("C:/Users/me/cv.pdf")


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("Favero, Alessandro", 'au:"Alessandro Favero"'),
        ("Favero, A.", "au:Favero_A"),
        ("del Maestro, A", "au:del_Maestro_A"),
        ("Favero", 'au:"Favero"'),
        ("Ortiz-Jiménez, Guillermo", 'au:"Guillermo Ortiz-Jiménez"'),
    ],
)
def test_author_queries(name, query):
    assert author_query(name) == query
