"""Layouts met in CVs written outside the team (benchmarks/import_corpus): what a user sees.

Each CV here is a short piece in the layout of a real one (a vita with its own heading and
paragraph macros, awesome-cv entries, a pandoc Markdown CV, ...), not the real file.
"""

from __future__ import annotations

from typing import Any

from packet.model.profile import Profile
from packet.sources import bibtex, cv_data
from packet.sources.apply import apply_plan
from packet.sources.candidate import SourceRead
from packet.sources.cv import FORMATS
from packet.sources.merge import Index, Record
from packet.sources.planner import plan_import
from packet.sources.refparse import parse_reference
from packet.sources.refvenue import venue_details


def read(text: str, fmt: str) -> SourceRead:
    reader = next(f for f in FORMATS if f.name == fmt)
    return reader.read(text.encode(), f"cv.{fmt}")


def items(result: SourceRead, section: str) -> list[dict[str, Any]]:
    return [c.fields for c in result.candidates if c.section == section]


def saved(result: SourceRead) -> dict[str, Any]:
    """What `packet import` would write for this CV into a new profile."""
    data = dict(apply_plan(plan_import([(result, "")], None), None))
    Profile.model_validate(data)
    return data


VITA = r"""\documentclass{article}
\newcommand{\marginhead}[1]{\marginpar{\textsf{\footnotesize #1}}}
\def\ind{\hangindent=1 true cm\hangafter=1 \noindent}
\begin{document}
\marginhead{\sffamily {\vskip -0.23em} education}
\ind Ph.D, Sociology, Princeton University, 2001.
\ind M.A., Sociology, Princeton University, 1998.
\marginhead{\sffamily publications}
\ind Kieran Healy. 2003. \href{http://links.jstor.org/sici?sici=0094-3061%28200303%2932}{Review} of
\emph{Against Essentialism} by Stephan Fuchs. \emph{Contemporary Sociology} 32:~252--254.
\ind Kieran Healy. 2002. ``Digital Technology and Cultural Goods.'' \emph{Journal of
  Political Philosophy} 10:~478--500.
\marginhead{\sffamily {\vskip 0.5em}selected \newline invited talks \newline since 2007}
\ind ``Classification Situations.'' Yale University Center for Cultural Sociology, 2013.
\ind ``Scores and Classes.'' University of Pennsylvania, 2012.
\marginhead{\sffamily grants,\newline honors, \newline \& awards}
\ind American Sociological Association, Dissertation Award, 2002.
\end{document}
"""


def test_a_vita_with_its_own_heading_and_paragraph_macros() -> None:
    cv = read(VITA, "cv-latex")
    # \marginhead puts its argument in the margin: a heading; "since 2007" is part of it
    assert [(e["degree"], e["end"]) for e in items(cv, "education")] == [
        ("Ph.D", "2001"),
        ("M.A.", "1998"),
    ]
    # each \ind starts an entry; the % of a URL in \href is no comment (the rest of the
    # CV is read, not swallowed by an unclosed brace)
    titles = [p["title"] for p in items(cv, "publications")]
    assert titles == [
        "Review of Against Essentialism by Stephan Fuchs",
        "Digital Technology and Cultural Goods",
    ]
    talks = items(cv, "talks")
    assert [(t["title"], t["kind"]) for t in talks] == [
        ("Classification Situations", "invited"),
        ("Scores and Classes", "invited"),
    ]
    # "Grants, Honors & Awards" holds awards; no "-0.23em" left in any text
    assert [a["date"] for a in items(cv, "awards")] == ["2002"]
    assert "0.23em" not in repr(cv.candidates)


AWESOME = r"""\documentclass{awesome-cv}
\begin{document}
\cvsection{Experience}
\begin{cventries}
  \cventry{Founding Member \& Director of Infrastructure Division}{Kasa}{Seoul, S.Korea}
    {Jun. 2018 - Jan. 2021}{\begin{cvitems}\item {Migrated the cluster.}\end{cvitems}}
  \cventry{Software Architect}{Omnious. Co., Ltd.}{Seoul, S.Korea}{Jun. 2017 - May 2018}{}
\end{cventries}
\cvsection{Honors \& Awards}
\begin{cvhonors}
  \cvhonor{Finalist}{DEFCON 28th CTF Hacking Competition World Final}{Las Vegas, U.S.A}{2020}
\end{cvhonors}
\cvsection{Presentation}
\begin{cventries}
  \cventry{Presenter for <Metasploit 101>}{6th Hacking Camp}{S.Korea}{Sep. 2012}{}
\end{cventries}
\end{document}
"""


def test_awesome_cv_entries_are_read_by_their_arguments() -> None:
    cv = read(AWESOME, "cv-latex")
    kasa, omnious = items(cv, "positions")
    # the class says the first argument is the job: "Kasa" is the employer, not the title
    assert (kasa["title"], kasa["organization"], kasa["location"]) == (
        "Founding Member & Director of Infrastructure Division",
        "Kasa",
        "Seoul, S.Korea",
    )
    assert (kasa["start"], kasa["end"], kasa["details"]) == (
        "2018-06",
        "2021-01",
        ["Migrated the cluster."],
    )
    assert omnious["organization"] == "Omnious. Co., Ltd."  # its commas are not separators
    (honor,) = items(cv, "awards")
    assert (honor["title"], honor["issuer"], honor["date"]) == (
        "Finalist",
        "DEFCON 28th CTF Hacking Competition World Final",
        "2020",
    )
    (talk,) = items(cv, "talks")
    assert (talk["title"], talk["event"], talk["date"]) == (
        "Metasploit 101",
        "6th Hacking Camp",
        "2012-09",
    )


PANDOC = """---
title: A CV
---

## EDUCATION

**PhD Education, Stanford University**

::: {.line-item}
Multidisciplinary Studies in Education | 2015
:::

## PROFESSIONAL APPOINTMENTS

- **Associate Professor**
  Simon Fraser University

## AWARDS

::: {.award-item date="2024"}
Impact Award: *Association of Learned and Professional Society Publishers*
:::

## PUBLICATIONS

### 2025

- [peer-reviewed,journal] {GS:QW-eo0MAAAAJ:PyEswDtIyv0C} Shi, J.^, Nason, M., Tullney, M. & \
Alperin, J.P.^ Identifying Metadata Quality Issues Across Cultures. *College & Research \
Libraries*. doi: 10.5860/crl.86.1.101

- ~~Fleerackers, A.~~, Moorhead, L., Riedlinger, M., Alperin, J.P. Maggio, L. From impact \
metrics and open science to communicating research. *PLOS One*.

- ..Benson Marshall, M..., Pinfield, S., Alperin, J.P., et al. “It’s messy and it’s \
massive”: How has the open science debate developed in the post-COVID era? *F1000*.
""".replace("\\\n", "")


def test_a_pandoc_markdown_cv() -> None:
    cv = read(PANDOC, "cv-markdown")
    # a fenced div's date attribute dates the award inside it
    (award,) = items(cv, "awards")
    assert award["date"] == "2024"
    # the bold degree line is an entry of Education, not a second Education section
    assert [e["institution"] for e in items(cv, "education")] == ["Stanford University"]
    # an appointment with no dates: a bold title over its organisation
    (job,) = items(cv, "positions")
    assert (job["title"], job["organization"]) == ("Associate Professor", "Simon Fraser University")
    shi, fleerackers, benson = items(cv, "publications")
    # "### 2025" dates the entries under it; the label and {GS:...} are not the authors
    assert (shi["year"], shi["doi"]) == ("2025", "10.5860/crl.86.1.101")
    assert shi["authors"] == ["Shi, J.", "Nason, M.", "Tullney, M.", "Alperin, J.P."]
    assert shi["title"] == "Identifying Metadata Quality Issues Across Cultures"
    # ~~Name~~ and ..Name... mark students and postdocs; "J.P. Maggio" lost its comma
    assert fleerackers["authors"] == [
        "Fleerackers, A.",
        "Moorhead, L.",
        "Riedlinger, M.",
        "Alperin, J.P.",
        "Maggio, L.",
    ]
    assert benson["authors"][0] == "Benson Marshall, M."
    # a title opening with a quotation continues with its subtitle
    assert benson["title"] == (
        "“It’s messy and it’s massive”: How has the open science debate developed in the "
        "post-COVID era?"
    )
    assert benson["venue"] == "F1000"


def test_an_author_list_is_not_a_title_with_function_words() -> None:
    ref = parse_reference(
        "Sarin, P., Alperin, J.P. Citation Parsing and Analysis with Language Models. "
        "Workshop on Open Citations & Open Scholarly Metadata 2025. doi:10.48550/arXiv.2505.15948"
    )
    assert ref.fields["authors"] == ["Sarin, P.", "Alperin, J.P."]
    assert ref.fields["title"] == "Citation Parsing and Analysis with Language Models"
    assert ref.fields["year"] == "2025"


def test_a_chapter_in_an_edited_volume() -> None:
    venue = venue_details(
        "A Companion to Contemporary Political Philosophy (Second Edition), edited by Robert E. "
        "Goodin, Philip Pettit and Thomas Pogge. New York: Blackwell, 90–122"
    )
    assert venue == {
        "venue": "A Companion to Contemporary Political Philosophy",
        "publisher": "Blackwell",
        "pages": "90-122",
        "notes": ["Edited by Robert E. Goodin, Philip Pettit and Thomas Pogge", "Second Edition"],
    }


def test_the_same_job_in_successive_spans_and_a_talk_given_again_are_kept_apart() -> None:
    md = """## Employment

* 2006-present: Associate Professor of Economics, Simon Fraser University
* 1999-2006: Associate Professor of Economics, Simon Fraser University

## Invited Talks

* "The Performativity of Networks." Yale University, 2009.
* "The Performativity of Networks." Stanford University Graduate School of Business, 2008.
* "Specialization and Status in Philosophy." Columbia University, 2009.
"""
    data = saved(read(md, "cv-markdown"))
    assert [(p["start"], p["end"]) for p in data["positions"]] == [
        (2006, "present"),
        (1999, 2006),
    ]
    assert [t["date"] for t in data["talks"]] == [2009, 2008, 2009]
    # ... while the same talk read twice is one
    index = Index()
    talk = {"title": "Scores and Classes", "host": "University of Pennsylvania", "date": "2012"}
    index.add(Record("talks", "t1", dict(talk), existing=True))
    assert index.match("talks", dict(talk)) is not None


def test_two_bibtex_entries_with_one_key_are_two_papers() -> None:
    bib = """@article{Bartley_2019, year = 2019, author = {Timothy J. Bartley and Kevin S. McCann},
  title = {Thermal preference influences depth use of predatory fishes}}
@article{Bartley_2019, year = 2019, author = {Timothy J. Bartley and Carling Bieg},
  title = {Food web rewiring in a changing world}, journal = {Nature Ecology {\\&} Evolution}}
"""
    (reader,) = bibtex.FORMATS
    result = reader.read(bib.encode(), "pubs.bib")
    assert not result.skipped
    assert [p["title"] for p in saved(result)["publications"]] == [
        "Thermal preference influences depth use of predatory fishes",
        "Food web rewiring in a changing world",
    ]


def test_jobs_listed_under_the_school_they_were_held_at() -> None:
    md = """Academic Appointments
======

* __O'Malley School of Business, Manhattan University__ - Riverdale, NY <br>
  * Associate Professor (2022 - Present)
  * Assistant Professor (2016 - 2022)
"""
    jobs = items(read(md, "cv-markdown"), "positions")
    assert [(j["title"], j["organization"], j["start"], j["end"]) for j in jobs] == [
        (
            "Associate Professor",
            "O'Malley School of Business, Manhattan University",
            "2022",
            "present",
        ),
        (
            "Assistant Professor",
            "O'Malley School of Business, Manhattan University",
            "2016",
            "2022",
        ),
    ]
    assert jobs[0]["location"] == "Riverdale, NY"


def test_an_al_folio_cv_data_file() -> None:
    (reader,) = cv_data.FORMATS
    yml = """- title: General Information
  type: map
  contents:
    - name: Full Name
      value: Kyle Oman
    - name: Date of Birth
      value: 5th January 1989
- title: Education
  type: time_table
  contents:
    - title: PhD
      institution: University of Victoria
      year: 2017
      description:
        - Physics & Astronomy
- title: Experience
  type: time_table
  contents:
    - title: Postdoctoral Researcher
      institution: Kapteyn Astronomical Institute, Rijksuniversiteit Groningen
      year: 2017-2019
- title: Awards & Scholarships
  type: time_table
  contents:
    - year: 2016 - 2017
      items:
        - RM Petrie Memorial Fellowship (University of Victoria)
"""
    assert reader.sniff is not None and reader.sniff(yml.encode())
    result = reader.read(yml.encode(), "cv.yml")
    assert result.person == {"name": "Kyle Oman"}
    assert result.unplaced == {"General Information": ["Date of Birth: 5th January 1989"]}
    data = saved(result)
    (phd,) = data["education"]
    # a description that is only a subject, under a bare degree, is the degree's field
    assert (phd["degree"], phd["institution"], phd["end"], phd["field"]) == (
        "PhD",
        "University of Victoria",
        2017,
        "Physics & Astronomy",
    )
    assert "details" not in phd
    (job,) = data["positions"]
    assert (job["organization"], job["start"], job["end"]) == (
        "Kapteyn Astronomical Institute, Rijksuniversiteit Groningen",
        2017,
        2019,
    )
    (award,) = data["awards"]
    assert (award["title"], award["date"]) == (
        "RM Petrie Memorial Fellowship (University of Victoria)",
        2016,
    )


def test_a_year_line_dates_every_reference_under_it() -> None:
    html = """<h2>PUBLICATIONS</h2>
<div class="right-mark">2024</div>
<div class="content-text">Alperin, J.P., Shores, K. Stark Decline in Journalists’ Use of
Preprints Postpandemic. <em>Science Communication</em>.</div>
<div class="content-text">Simard, M.-A., Butler, L.-A., Alperin, J.P. We need to rethink the
way we identify diamond open access journals. <em>Quantitative Science Studies</em>.</div>
"""
    pubs = items(read(html, "cv-html"), "publications")
    assert [(p["title"][:20], p["year"]) for p in pubs] == [
        ("Stark Decline in Jou", "2024"),
        ("We need to rethink t", "2024"),
    ]


def test_a_section_name_after_a_full_line_of_pdf_text_starts_the_section() -> None:
    text = """Appointments
2010 – 2016 Graduate Associate, University of Arizona
Instructional Technology – College of Humanities Instructional Computing and more
Education
2016 Ph.D., Spanish Linguistics, University of Arizona, Tucson, AZ
"""
    cv = read(text, "cv-text")
    assert [e["institution"] for e in items(cv, "education")] == ["University of Arizona"]


PAPERS_PAGE = """<html><body><h2>Refereed Articles</h2>
<ol>
<li>
<h3><a href="https://example.org/a.pdf">Logic, Form and Matter</a></h3>
<p>Annals of Ontology, Supplementary Volume 12 (1981), 47–63
<br>Ada Lovelace and Charles Babbage</p>
</li>
<li>
<h3>Naive Geometry: An Essay</h3>
<p>Quarterly of Space, 7/2 (1994), 225–244
<br>Ada Lovelace</p>
</li>
<li>
<h3>Boundaries Revisited</h3>
<p>Space-Studien 8 (1998/99), 107–114
<br>Ada Lovelace</p>
</li>
</ol></body></html>
"""


def test_a_page_of_papers_as_title_heading_venue_line_and_authors_line() -> None:
    cv = read(PAPERS_PAGE, "cv-html")
    papers = items(cv, "publications")
    assert len(papers) == 3
    first, second, third = papers
    # the title reads as names, but the venue line between it and the names settles it
    assert first["title"] == "Logic, Form and Matter"
    assert first["authors"] == ["Ada Lovelace", "Charles Babbage"]
    assert (first["venue"], first["volume"], first["year"]) == ("Annals of Ontology", "12", "1981")
    assert first["pages"] == "47-63"
    assert second["title"] == "Naive Geometry: An Essay"
    assert (second["venue"], second["volume"], second["issue"]) == ("Quarterly of Space", "7", "2")
    # a volume dated by two years gives no one year, and says so
    assert (third["venue"], third["volume"]) == ("Space-Studien", "8")
    assert "year" not in third
    cand = [c for c in cv.candidates if c.section == "publications"][2]
    assert any(u.startswith("year") for u in cand.uncertain)


def test_rendercv_journal_field_holding_volume_issue_and_pages() -> None:
    from packet.sources.rendercv import entry_candidate

    def paper(journal: str) -> dict[str, Any]:
        entry = {"title": "T", "authors": ["Ada Lovelace"], "journal": journal, "date": 2025}
        found = entry_candidate("publications", entry)
        assert found is not None
        return found[1]

    first = paper("Communications Biology 8(1) 840")
    assert (first["venue"], first["volume"], first["issue"], first["pages"]) == (
        "Communications Biology", "8", "1", "840",
    )  # fmt: skip
    second = paper("Human Brain Mapping 47(7) e70533")
    assert (second["venue"], second["volume"], second["number"]) == ("Human Brain Mapping", "47", "e70533")
    assert (paper("Network Neuroscience 1-27")["venue"], paper("Network Neuroscience 1-27")["pages"]) == (
        "Network Neuroscience", "1-27",
    )  # fmt: skip
    assert paper("Nature Physics")["venue"] == "Nature Physics"
    assert paper("NeurIPS 2022, Spotlight")["venue"] == "NeurIPS"


def test_rendercv_award_held_over_a_span_of_years() -> None:
    from packet.sources.rendercv import entry_candidate

    found = entry_candidate("awards", {"name": "Graduate Fellowship", "date": "2016-2019",
                                       "summary": "$34,000 per year"})  # fmt: skip
    assert found is not None
    assert found[1]["date"] == "2016"
    assert "2016 – 2019" in found[1]["description"] and "$34,000" in found[1]["description"]


LABELLED_ITEMS = r"""\documentclass{article}
\begin{document}
\section*{Appointments}
\begin{itemize}
  \item [Since 2024:]
        Professor\\ at Department of Physics, Ruritania University, Strelsau.
  \item
        [2011--2014:]
        Research Instructor\\ at Department of Physics, Zenda College, Zenda.
\end{itemize}
\section*{Visiting Appointments}
\begin{itemize}
  \item [2017--2018:] Visiting Professor
        \\
        Institute of Advanced Questions
\end{itemize}
\end{document}
"""


def test_latex_items_dated_by_their_label_and_broken_into_lines() -> None:
    jobs = items(read(LABELLED_ITEMS, "cv-latex"), "positions")
    assert [(j["title"], j["start"], j.get("end")) for j in jobs] == [
        ("Professor", "2024", "present"),
        ("Research Instructor", "2011", "2014"),
        ("Visiting Professor", "2017", "2018"),
    ]
    assert jobs[2]["organization"] == "Institute of Advanced Questions"


OWN_WORKS = r"""\documentclass{article}
\def\name{Ada Lovelace}
\usepackage[pdfauthor={\name}]{hyperref}
\begin{document}
\begin{minipage}[t]{2.2in}
ORCID:
\end{minipage}
\begin{minipage}[t]{3.0in}
Analytical Society
\end{minipage}
\subsection{Articles}
\noindent\llap{``}Notes on the Engine,'' \emph{Journal of Machines} 3, no. 2 (1993): 1--20,
\url{https://doi.org/10.1234/notes.1993}.

Charles Babbage and Ada Lovelace, ``On Difference,'' \emph{Journal of Machines} 4 (1994): 5--9.
\end{document}
"""


def test_a_latex_cv_names_its_owner_who_wrote_the_works_it_names_no_author_for() -> None:
    cv = read(OWN_WORKS, "cv-latex")
    assert cv.person["name"] == "Ada Lovelace"  # hyperref's pdfauthor, through \def\name
    assert "links" not in cv.person  # "ORCID:" with nothing after it links nowhere
    assert not any("2.2in" in line or "[t]" in line for line in cv.unplaced["(top of the CV)"])
    own, joint = items(cv, "publications")
    assert own["authors"] == ["Ada Lovelace"]
    assert (own["title"], own["venue"], own["doi"]) == (
        "Notes on the Engine", "Journal of Machines", "10.1234/notes.1993",
    )  # fmt: skip
    cand = next(c for c in cv.candidates if c.fields is own)
    assert any(u.startswith("authors") for u in cand.uncertain)
    assert joint["authors"] == ["Charles Babbage", "Ada Lovelace"]


CHEMISTS = """## Publications
* **A. Lovelace**, C. Babbage\u2011Smith, and M. Somerville*. Engines of Thought. _Journal of the Royal Chemical Society_ **2025**, 147, 13, 11189–11198.
* C. Babbage and **A. Lovelace**. Notes Twice Copied. _Journal of Engines_ **2024**, 146, 1, 377–385, 146, 1, 377–385.
"""


def test_references_in_the_chemists_order() -> None:
    first, second = items(read(CHEMISTS, "cv-markdown"), "publications")
    # a name with a non-breaking hyphen, and a last author whose mark comes before the period
    assert first["authors"] == ["A. Lovelace", "C. Babbage-Smith", "M. Somerville*"]
    assert first["title"] == "Engines of Thought"
    assert (first["venue"], first["year"], first["volume"], first["issue"], first["pages"]) == (
        "Journal of the Royal Chemical Society", "2025", "147", "13", "11189-11198",
    )  # fmt: skip
    assert (second["venue"], second["volume"], second["issue"], second["pages"]) == (
        "Journal of Engines", "146", "1", "377-385",
    )  # fmt: skip


STRAY_WORKS = """TEACHING

- Physics 101, University of Zenda, 2020-2023
- 2016 A. Lovelace, C. Babbage (2016). Engines of Thought. Journal of Machines, 206, 10.1093/jom/abc205
- 2014 C. Babbage, A. Lovelace (2014). Notes on Difference. Letters on Machines, 41, 10.1002/2014LM059425
"""


def test_references_run_on_under_teaching_are_works_with_their_year_label_dropped() -> None:
    cv = read(STRAY_WORKS, "cv-text")
    papers = items(cv, "publications")
    assert [(p["title"], p["year"], p["authors"][0]) for p in papers] == [
        ("Engines of Thought", "2016", "A. Lovelace"),
        ("Notes on Difference", "2014", "C. Babbage"),
    ]
    assert papers[0]["doi"] == "10.1093/jom/abc205"
    cand = next(c for c in cv.candidates if c.section == "publications")
    assert any("TEACHING" in u for u in cand.uncertain)
    assert [t.get("course") for t in items(cv, "teaching")] == ["Physics 101"]


CHICAGO = r"""\documentclass{article}
\usepackage[pdfauthor={Ada Lovelace}]{hyperref}
\begin{document}
\subsection{Books}
\emph{Engines of Thought: A History of Calculation} (Ruritania University Press, 2017).
\subsection{Chapters}
Charles Babbage and Ada Lovelace, ``Notes on Difference,'' in \emph{Machines and Minds:
A Reader}, edited by Mary Somerville and John Herschel (Routledge, 2021), 132--147,
\url{https://doi.org/10.4324/9780367743840-8}.

Ada Lovelace, ``The Making of Engines,'' \emph{Annals of Engines} (October, 2002).
\end{document}
"""


def test_chicago_facts_of_publication_in_parentheses() -> None:
    book, chapter, article = items(read(CHICAGO, "cv-latex"), "publications")
    assert (book["title"], book["publisher"], book["year"], book["kind"]) == (
        "Engines of Thought: A History of Calculation", "Ruritania University Press", "2017", "book",
    )  # fmt: skip
    assert book["authors"] == ["Ada Lovelace"]  # the CV's owner, named by no entry
    assert chapter["authors"] == ["Charles Babbage", "Ada Lovelace"]  # editors are not authors
    assert (chapter["venue"], chapter["publisher"], chapter["pages"], chapter["year"]) == (
        "Machines and Minds: A Reader", "Routledge", "132-147", "2021",
    )  # fmt: skip
    assert chapter["doi"] == "10.4324/9780367743840-8"
    # "(October, 2002)" is a date, not a publisher
    assert (article["venue"], article["year"]) == ("Annals of Engines", "2002")
    assert "publisher" not in article


def test_a_lined_reference_whose_venue_names_an_editor_later_on() -> None:
    from packet.sources.cv.lined import authors_last

    ref = authors_last([
        "Markets and Minds",
        "Journal of Economics, Supplement to vol. 22 (1990), 263-288; also in B. Caldwell (ed.), "
        "Collected Essays",
        "Ada Lovelace",
    ])  # fmt: skip
    assert ref is not None
    assert ref.fields["venue"].startswith("Journal of Economics")
    assert ref.fields["year"] == "1990"
