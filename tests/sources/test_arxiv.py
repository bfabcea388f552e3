"""arXiv: the API's Atom feed, ids and versions, and what comment lines say."""

from __future__ import annotations

import pytest

from packet.errors import UserError
from packet.sources.arxiv import FORMATS, read_atom
from packet.sources.arxiv_comments import read_comment, read_venue
from packet.sources.arxiv_ids import split_id

from .net_playback import fixture


def by_id(read):
    return {c.fields["arxiv"]: c for c in read.candidates}


def feed(*entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        + "".join(entries)
        + "</feed>\n"
    ).encode()


def test_feed_entries_become_publications_with_ids_without_versions():
    read = read_atom(fixture("arxiv/id_list.atom"), "id_list.atom")
    assert read.format == "arxiv-atom"
    assert list(by_id(read)) == ["2506.07899", "2410.17146", "2403.14003", "2502.12089", "2510.06106"]
    memoir = by_id(read)["2506.07899"]
    assert memoir.section == "publications"
    assert memoir.markup == "latex"
    assert memoir.origin == "arxiv:2506.07899"
    # arXiv wraps long titles over two lines; the line break is not part of the title
    assert memoir.fields["title"] == (
        "MEMOIR: Lifelong Model Editing with Minimal Overwrite and Informed Retention for LLMs"
    )
    assert memoir.fields["authors"] == [
        "Ke Wang", "Yiming Qin", "Nikolaos Dimitriadis", "Alessandro Favero", "Pascal Frossard"
    ]
    assert memoir.fields["equal_contribution"] == ["Ke Wang", "Yiming Qin"]
    assert memoir.fields["abstract"].startswith("Language models deployed in real-world systems")
    assert memoir.fields["kind"] == "preprint"
    assert memoir.fields["venue"] == "arXiv preprint"
    assert memoir.fields["date"] == "2025-06-09"  # the first version's date, not the update's
    assert memoir.fields["year"] == 2025
    assert memoir.fields["tags"] == ["cs.CL"]  # the primary category only
    assert memoir.uncertain == []


def test_project_website_in_a_comment_becomes_the_url():
    lines = by_id(read_atom(fixture("arxiv/id_list.atom"), "x"))["2410.17146"]
    assert lines.fields["url"] == "https://lines-merging.github.io/"
    assert lines.fields["equal_contribution"] == ["Ke Wang", "Nikolaos Dimitriadis"]


def test_journal_ref_makes_a_published_paper_without_the_preprint_date():
    m3id = by_id(read_atom(fixture("arxiv/id_list.atom"), "x"))["2403.14003"]
    assert m3id.fields["venue"] == "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    assert m3id.fields["venue_short"] == "CVPR"
    assert m3id.fields["kind"] == "conference"
    assert m3id.fields["year"] == 2024
    assert "date" not in m3id.fields  # 2024-03-20 is when the preprint came out, not the paper


def test_accepted_at_a_conference_takes_the_conference_year_and_status():
    icml = by_id(read_atom(fixture("arxiv/id_list.atom"), "x"))["2502.12089"]
    assert {k: icml.fields.get(k) for k in ("kind", "venue_short", "year", "status")} == {
        "kind": "conference", "venue_short": "ICML", "year": 2025, "status": "accepted"
    }
    # "ICML 2025" is an acronym and a year: packet does not write out a venue it was not given
    assert "venue" not in icml.fields
    assert "date" not in icml.fields


def test_a_thesis_keeps_its_doi_and_its_date():
    thesis = by_id(read_atom(fixture("arxiv/id_list.atom"), "x"))["2510.06106"]
    assert thesis.fields["kind"] == "thesis"
    assert thesis.fields["doi"] == "10.5075/epfl-thesis-11462"
    assert thesis.fields["date"] == "2025-10-07"


def test_old_style_ids_keep_their_archive_and_lose_the_subject_class():
    read = read_atom(feed(
        "<entry><id>http://arxiv.org/abs/hep-th/9901001v1</id><published>1999-01-04T00:00:00Z</published>"
        "<title>Old paper</title><author><name>A. Author</name></author></entry>",
        "<entry><id>http://arxiv.org/abs/math.GT/0309136v2</id><published>2003-09-08T00:00:00Z</published>"
        "<title>Older style</title><author><name>B. Author</name></author></entry>",
    ), "old.atom")
    assert [c.fields["arxiv"] for c in read.candidates] == ["hep-th/9901001", "math/0309136"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2506.07899", ("2506.07899", None)),
        ("2506.07899v2", ("2506.07899", 2)),
        ("arXiv:2506.07899v12", ("2506.07899", 12)),
        ("https://arxiv.org/abs/2410.17146v1", ("2410.17146", 1)),
        ("https://arxiv.org/pdf/2410.17146.pdf", ("2410.17146", None)),
        ("0704.0001", ("0704.0001", None)),
        ("hep-th/9901001", ("hep-th/9901001", None)),
        ("math.GT/0309136v1", ("math/0309136", 1)),
    ],
)
def test_split_id(text, expected):
    assert split_id(text) == expected


@pytest.mark.parametrize("text", ["2506.078", "arxiv.org", "hep-th/99", "10.1103/PhysRevX.14.031001"])
def test_split_id_refuses_what_is_not_an_arxiv_id(text):
    with pytest.raises(UserError, match="is not an arXiv identifier"):
        split_id(text)


def test_an_entry_for_an_unknown_id_is_skipped_not_invented():
    read = read_atom(feed("<entry><id>http://arxiv.org/abs/2599.99999</id><title/></entry>"), "q.atom")
    assert read.candidates == []
    assert read.skipped[0].reason == "arXiv returned no paper for 'http://arxiv.org/abs/2599.99999'"


def test_the_apis_error_entry_is_a_user_error():
    with pytest.raises(UserError) as caught:
        read_atom(fixture("arxiv/error.atom"), "arxiv:2506.0789")
    assert str(caught.value) == "the arXiv API rejected the query: incorrect id format for 2506.0789"


def test_truncated_xml_names_the_file_line_and_column():
    data = fixture("arxiv/id_list.atom")
    cut = data[: data.index(b"<author>") + 20]
    with pytest.raises(UserError) as caught:
        read_atom(cut, "saved.atom")
    message = str(caught.value)
    assert message.startswith("saved.atom is not well-formed XML")
    problem = caught.value.problems[0]
    assert problem.file == "saved.atom"
    assert problem.line == cut.count(b"\n") + 1
    assert problem.column is not None
    assert "Traceback" not in message


def test_entities_are_refused_so_a_feed_cannot_expand_or_read_files():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&b;</title></feed>')
    with pytest.raises(UserError, match="declares a DTD or entities"):
        read_atom(bomb, "bomb.atom")
    external = (b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>')
    with pytest.raises(UserError, match="declares a DTD or entities"):
        read_atom(external, "evil.atom")


def test_xml_that_is_not_a_feed_is_refused():
    with pytest.raises(UserError, match="is XML but not an Atom feed"):
        read_atom(b"<html><body>Rate exceeded</body></html>", "page.xml")


def test_sniff_recognises_an_arxiv_feed_by_its_namespace():
    atom = next(f for f in FORMATS if f.name == "arxiv-atom")
    assert atom.sniff is not None
    assert atom.sniff(fixture("arxiv/id_list.atom")[:2048])
    assert not atom.sniff(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>blog</title>')
    assert not atom.sniff(b"@article{x, title={A}}")


# What comment lines say, as a table: (comment, fields it gives, "first N equal", uncertain).
COMMENTS = [
    ("The first two authors contributed equally to this work", {}, 2, []),
    ("The first three authors contributed equally.", {}, 3, []),
    ("The two first authors contributed equally", {}, 2, []),
    ("* Equal contribution. 10 pages", {}, None, ["equal_contribution"]),
    ("Equal contribution", {}, None, ["equal_contribution"]),
    ("14 pages, 8 figures", {}, None, []),
    ("11 pages, 6 figures, 2 tables", {}, None, []),
    ("Accepted at ICML 2025",
     {"status": "accepted", "venue_short": "ICML", "year": 2025, "kind": "conference"}, None, []),
    ("ICML 2025", {"venue_short": "ICML", "year": 2025, "kind": "conference"}, None, []),
    ("To appear in NeurIPS 2025",
     {"status": "to appear", "venue_short": "NeurIPS", "year": 2025, "kind": "conference"}, None, []),
    ("NeurIPS 2023 (Oral, top 0.54%)",
     {"venue_short": "NeurIPS", "year": 2023, "kind": "conference", "notes": ["Oral (top 0.54%)"]},
     None, []),
    ("Oral (top 0.54%)", {"notes": ["Oral (top 0.54%)"]}, None, []),
    ("Accepted to ICLR 2025 as a spotlight",
     {"status": "accepted", "venue_short": "ICLR", "year": 2025, "kind": "conference",
      "notes": ["Spotlight"]}, None, []),
    ("Spotlight (top 3%) at NeurIPS 2024",
     {"venue_short": "NeurIPS", "year": 2024, "kind": "conference", "notes": ["Spotlight (top 3%)"]},
     None, []),
    ("Published in Transactions on Machine Learning Research (TMLR), 2024",
     {"status": "published", "venue": "Transactions on Machine Learning Research",
      "venue_short": "TMLR", "year": 2024, "kind": "journal"}, None, []),
    ("To appear in the Proceedings of the 42nd International Conference on Machine Learning (ICML 2025)",
     {"status": "to appear", "venue": "Proceedings of the 42nd International Conference on Machine Learning",
      "venue_short": "ICML", "year": 2025, "kind": "conference"}, None, []),
    ("Accepted for publication in Physical Review X",
     {"status": "accepted", "venue": "Physical Review X", "venue_short": "PRX",
      "kind": "journal"}, None, []),
    ("ICLR 2025 Workshop on Deep Generative Models",
     {"venue": "ICLR 2025 Workshop on Deep Generative Models", "year": 2025, "kind": "workshop"},
     None, []),
    ("Submitted to NeurIPS 2025", {"status": "submitted"}, None, []),
    ("Project page: https://foo.github.io. 12 pages", {"url": "https://foo.github.io"}, None, []),
    ("Code: https://github.com/wang-kee/LiNeS", {"url": "https://github.com/wang-kee/LiNeS"}, None, []),
    ("Project website: \\url{https://lines-merging.github.io/}",
     {"url": "https://lines-merging.github.io/"}, None, []),
    ("Camera-ready version for CVPR 2024, 14 pages",
     {"status": "accepted", "venue_short": "CVPR", "year": 2024, "kind": "conference"}, None, []),
    ("Accepted at ICML 2025. 9 pages, 6 figures, appendix",
     {"status": "accepted", "venue_short": "ICML", "year": 2025, "kind": "conference"}, None, []),
    ("Accepted at Some Venue Nobody Knows",
     {"status": "accepted", "venue": "Some Venue Nobody Knows"}, None, ["kind"]),
    ("NeurIPS 2023 camera-ready",
     {"status": "accepted", "venue_short": "NeurIPS", "year": 2023, "kind": "conference"}, None, []),
    ("To be published in Physical Review Letters",
     {"status": "to appear", "venue": "Physical Review Letters", "venue_short": "PRL",
      "kind": "journal"}, None, []),
    ("In Proceedings of the 40th International Conference on Machine Learning (ICML 2023)",
     {"venue": "Proceedings of the 40th International Conference on Machine Learning",
      "venue_short": "ICML", "year": 2023, "kind": "conference"}, None, []),
    ("Oral presentation at ICLR 2024",
     {"venue_short": "ICLR", "year": 2024, "kind": "conference", "notes": ["Oral"]}, None, []),
    ("Accepted by IEEE Transactions on Pattern Analysis and Machine Intelligence",
     {"status": "accepted", "venue": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
      "kind": "journal"}, None, []),
    ("23 pages, 10 figures. Comments welcome!", {}, None, []),
    ("To appear as a part of an upcoming textbook on dimensionality reduction",
     {"status": "to appear"}, None, []),
    ("submitted to PCCP", {"status": "submitted"}, None, []),
    ("5 pages, Latex", {}, None, []),
    # real comments seen in public arXiv responses
    ("Accepted by CVPR26",
     {"status": "accepted", "venue_short": "CVPR", "year": 2026, "kind": "conference"}, None, []),
    ("Accepted at AAMAS 2026. 12 pages.",
     {"status": "accepted", "venue_short": "AAMAS", "year": 2026}, None, ["kind"]),
    ("Published at NeurIPS 2022",
     {"status": "published", "venue_short": "NeurIPS", "year": 2022, "kind": "conference"}, None, []),
    ("Dataset is freely available", {}, None, []),
    ("Accepted at ISPRS Geospatial Week 2019 in Enschede",
     {"status": "accepted", "venue": "ISPRS Geospatial Week 2019 in Enschede", "year": 2019},
     None, ["kind"]),
    ("Published in the pre-proceedings of a summer school",
     {"status": "published"}, None, []),  # "pre" is not Physical Review E
    ("Accepted at Neurips 2022",
     {"status": "accepted", "venue_short": "NeurIPS", "year": 2022, "kind": "conference"}, None, []),
    ("PhD dissertation. Preprint", {"kind": "thesis"}, None, []),
    ("v2: fixed typos", {}, None, []),
]


@pytest.mark.parametrize(("comment", "fields", "equal_first", "uncertain"), COMMENTS)
def test_comment_table(comment, fields, equal_first, uncertain):
    facts = read_comment(comment)
    assert facts.fields == fields
    assert facts.equal_first == equal_first
    assert facts.uncertain == uncertain


@pytest.mark.parametrize(
    ("journal_ref", "fields"),
    [
        ("Phys. Rev. X 14, 031001 (2024)",
         {"venue": "Phys. Rev. X", "volume": "14", "number": "031001", "year": 2024, "kind": "journal"}),
        ("J. Stat. Mech. 2024 (10), 104008 (2024)",
         {"venue": "J. Stat. Mech.", "volume": "2024", "issue": "10", "number": "104008",
          "year": 2024, "kind": "journal"}),
        ("Advances in Neural Information Processing Systems 34, 9456--9467 (2021)",
         {"venue": "Advances in Neural Information Processing Systems", "volume": "34",
          "pages": "9456-9467", "year": 2021, "kind": "conference", "venue_short": "NeurIPS"}),
        ("Journal of Test Science, Vol. 42, No. 3, pp. 10--19",
         {"venue": "Journal of Test Science", "volume": "42", "issue": "3", "pages": "10-19",
          "kind": "journal", "status": "published"}),
        ("Proceedings of ICML 2023",
         {"venue": "Proceedings of ICML", "venue_short": "ICML", "year": 2023, "kind": "conference",
          "status": "published"}),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR) 2024",
         {"venue": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
          "venue_short": "CVPR", "year": 2024, "kind": "conference", "status": "published"}),
    ],
)
def test_journal_ref_table(journal_ref, fields):
    assert read_venue(journal_ref).fields == fields


def test_a_venue_without_a_year_keeps_the_preprints_year_for_review():
    read = read_atom(feed(
        "<entry><id>http://arxiv.org/abs/2301.00001v1</id><published>2023-01-02T00:00:00Z</published>"
        "<title>T</title><author><name>A. Author</name></author>"
        "<arxiv:comment>Accepted for publication in Physical Review X</arxiv:comment></entry>"
    ), "q.atom")
    (paper,) = read.candidates
    assert (paper.fields["venue"], paper.fields["kind"], paper.fields["year"]) == ("Physical Review X", "journal", 2023)
    assert "date" not in paper.fields
    assert paper.uncertain == ["year"]
