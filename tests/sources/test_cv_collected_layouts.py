"""Shapes met in the CVs collected for the corpus's development half (issue 10, second round):
each test is a short piece in the shape of a real CV's, not the real file."""

from __future__ import annotations

from typing import Any

from packet.model.profile import Profile
from packet.sources.apply import apply_plan
from packet.sources.candidate import SourceRead
from packet.sources.cv import FORMATS
from packet.sources.planner import plan_import
from packet.sources.refparse import parse_reference
from packet.sources.refvenue import venue_details


def read(text: str, fmt: str) -> SourceRead:
    reader = next(f for f in FORMATS if f.name == fmt)
    return reader.read(text.encode(), f"cv.{fmt}")


def saved(result: SourceRead) -> dict[str, Any]:
    data = dict(apply_plan(plan_import([(result, "")], None), None))
    Profile.model_validate(data)
    return data


BIO = """---
title: 'Curriculum Vitae'
---
## Education
**B.Sc. Biology & B.Sc. Chemistry** — University of Utah, *2013*
* Thesis Adviser: Prof. David F. Blair

## Publications
**☭** indicates equal contribution

### Peer-reviewed Publications
<ol>
<li> Manuel Razo-Mejia ☭, Stephanie L. Barnes ☭, <b>Griffin Chure ☭</b>, Tal Einav,Mitchell Lewis, and Rob Phillips (2018). Tuning Transcriptional Regulation Through Signaling, Cell Systems 6. DOI: 10.1016/j.cels.2018.02.004. <a class="button" href="https://example.org/a.pdf">Open Access PDF</a> <a class="button" href="https://github.com/x/y">GitHub Repository</a></li>
<li> Rob Phillips, <b>Griffin Chure</b> (2020). "First-principles prediction of a circuit". <i>Physical Review E</i>. 102 DOI: 10.1103/PhysRevE.102.022404(https://doi.org/10.1103/PhysRevE.102.022404).</li>
<li> <b>Griffin Chure</b>, and Rob Phillips (2019). "Physiological Adaptability in a Simple Genetic Circuit." Preprint on bioRxiv. doi: 10.1101/2019.12.19.878462. <a href="https://x.org">Website</a></li>
</ol>
"""


def test_a_page_of_html_references_with_its_own_equal_sign_and_link_buttons() -> None:
    data = saved(read(BIO, "cv-markdown"))
    pubs = {p["title"]: p for p in data["publications"]}
    assert len(pubs) == 3  # the legend is no reference
    tuning = pubs["Tuning Transcriptional Regulation Through Signaling"]
    assert (tuning["venue"], tuning["volume"], tuning["doi"]) == (
        "Cell Systems",
        "6",
        "10.1016/j.cels.2018.02.004",
    )
    assert [a.split(",")[0] for a in tuning["authors"]] == [
        "Razo-Mejia", "Barnes", "Chure", "Einav", "Lewis", "Phillips"]  # fmt: skip
    assert len(tuning["equal_contribution"]) == 3
    circuit = pubs["First-principles prediction of a circuit"]
    assert (circuit["venue"], circuit["volume"], circuit["doi"]) == (
        "Physical Review E",
        "102",
        "10.1103/PhysRevE.102.022404",
    )
    preprint = pubs["Physiological Adaptability in a Simple Genetic Circuit"]
    assert (preprint["venue"], preprint["kind"]) == ("bioRxiv", "preprint")
    (bsc,) = data["education"]
    assert (bsc["degree"], bsc["field"], bsc["institution"], bsc["advisors"]) == (
        "B.Sc.",
        "Biology & B.Sc. Chemistry",
        "University of Utah",
        ["David F. Blair"],
    )


VITA = r"""\documentclass{article}
\newenvironment{itemize*}{\begin{itemize}}{\end{itemize}}
\newcommand{\mhead}[1]{\marginpar{#1}}
\newcommand{\rdate}[1]{\hfill #1}
\begin{document}
\mhead{Education}%
\textbf{Massachusetts Institute of Technology,} Cambridge, MA \newline
Ph.D., Atmospheric Science, Dept. of Earth, Atmospheric and Planetary Sciences \rdate{2016}
{\small
 \begin{itemize*}
  \item \emph{Committee}: Chien Wang, Paul O'Gorman
  \item \emph{Dissertation Title}: Fundamental Aerosol Interactions
 \end{itemize*}
}

\textbf{Cornell University,} Ithaca, NY \newline
B.S., Atmospheric Science, \emph{magna cum laude}, Honors in Research \rdate{2010}

\mhead{Publications}%
\begin{enumerate}
  \item \textbf{Rothenberg, D.}, Wang, C., and Avramov, A.: Fundamental aerosol-cloud interactions. (\emph{in prep})
  \item \textbf{Rothenberg, Daniel} and Chien Wang: \href{http://dx.doi.org/10.1175/JAS-D-15-0223.1}{Metamodeling of Droplet Activation}, J. Atmos. Sci., 73, 1255--1272. doi:10.1175/JAS-D-15-0223.1, 2016
  \item Garimella, S., \textbf{Rothenberg, D.}: Uncertainty in counting ice nucleating particles, Atmos. Chem. Phys., (\emph{in review}) | \href{https://figshare.com/x}{PDF}
\end{enumerate}
\end{document}
"""


def test_a_latex_vita_with_its_own_list_environment_and_egu_style_references() -> None:
    data = saved(read(VITA, "cv-latex"))
    phd, bs = data["education"]
    assert (phd["degree"], phd["field"], phd["institution"], phd["end"]) == (
        "Ph.D.",
        "Atmospheric Science",
        "Massachusetts Institute of Technology",
        2016,
    )
    assert phd["advisors"] == ["Chien Wang", "Paul O'Gorman"]  # the list is read as a list
    assert phd["thesis"] == "Fundamental Aerosol Interactions"
    assert "Dept. of Earth, Atmospheric and Planetary Sciences" in phd["details"]
    assert (bs["degree"], bs["institution"], bs["honors"]) == (
        "B.S.",
        "Cornell University",
        "magna cum laude",
    )
    assert len(data["education"]) == 2  # "Cambridge, MA" names a state, not a degree
    pubs = {p["title"]: p for p in data["publications"]}
    prep = pubs["Fundamental aerosol-cloud interactions"]
    assert (prep["status"], prep.get("year"), prep["authors"][0]) == (
        "in preparation",
        None,
        "Rothenberg, D.",
    )
    meta = pubs["Metamodeling of Droplet Activation"]
    assert (meta["venue"], meta["volume"], meta["pages"], meta["year"]) == (
        "J. Atmos. Sci",
        "73",
        "1255-1272",
        2016,
    )
    review = pubs["Uncertainty in counting ice nucleating particles"]
    assert (review["status"], review["venue"]) == ("submitted", "Atmos. Chem. Phys")


def test_a_volume_printed_after_the_journal_name() -> None:
    assert venue_details("PNAS 116") == {"venue": "PNAS", "volume": "116"}
    assert venue_details("Annual Reviews of Biophysics 48") == {
        "venue": "Annual Reviews of Biophysics",
        "volume": "48",
    }
    assert venue_details("NeurIPS 2023") == {"venue": "NeurIPS 2023"}  # an edition's year
    ref = parse_reference("Roe, J. (2020). A title. PLoS ONE 15 (2020). doi:10.1371/journal.pone.0226453")
    assert (ref.fields["venue"], ref.fields["volume"], "issue" in ref.fields) == (
        "PLoS ONE",
        "15",
        False,
    )
