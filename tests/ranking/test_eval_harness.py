"""The ranking evaluation (benchmarks/eval_rank.py): its metrics, its BibTeX reader, and a
run on the synthetic judged profile that ships with the repository."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bibtex_profile import parse_bibtex, plain, to_profile  # noqa: E402
from eval_rank import metrics, run  # noqa: E402

BIB = r"""
@String{jrn = {Ignored}}
@Article{a2020,
  title = {{Optimal} Transport for {\'E}tudes of {\"u}ber <i>Drosera</i>},
  author = "Jos{\'e} Garc{\'\i}a and M{\"u}ller, Anna",
  journal = "Journal of Tests", year = 2020, abstract = {We study \emph{transport}.},
}
@inproceedings{b, title = "No year here", author = {X}}
@misc{c2019, title = {A note # on nothing}, year = {2019}}
"""


def test_metrics_of_a_known_order() -> None:
    precision, recall, ndcg = metrics(["x", "r1", "r2", "y"], {"r1", "r2", "r3"}, k=2)
    assert precision == pytest.approx(1 / 2)  # one hit in the top 2, of min(2, 3)
    assert recall == pytest.approx(1 / 3)
    assert ndcg == pytest.approx((1 / 1.584962500721156) / (1 + 1 / 1.584962500721156))
    assert metrics(["r1", "r2"], {"r1", "r2"}, k=10) == (1.0, 1.0, 1.0)


def test_bibtex_becomes_a_profile() -> None:
    entries = parse_bibtex(BIB)
    assert [e.key for e in entries] == ["a2020", "b", "c2019"]
    profile = to_profile(entries, "Anna Müller")
    first, second = profile.publications  # the entry without a year is skipped
    assert first.title == "Optimal Transport for Études of über Drosera"
    assert first.authors == ["José García", "Müller, Anna"]
    assert (first.venue, first.year, first.kind) == ("Journal of Tests", 2020, "journal")
    assert first.abstract == "We study transport."
    assert (second.title, second.kind) == ("A note # on nothing", "preprint")
    assert to_profile(entries, "X", abstracts=False).publications[0].abstract is None
    assert plain(r"Caf{\'e} --  \textbf{bold}") == "Café – bold"


def test_the_synthetic_cases_run_and_packet_beats_the_baselines() -> None:
    cases = run(BENCHMARKS / "judgments" / "synthetic-robotics.yaml", None,
                ["packet", "tfidf", "random"])
    assert len(cases) == 8  # four cases, with and without abstracts
    mean = {m: sum(c.scores[m][2] for c in cases) / len(cases) for m in ("packet", "tfidf",
                                                                         "random")}
    assert mean["packet"] > mean["tfidf"] > mean["random"]
    perception = next(c for c in cases if c.id == "perception" and c.abstracts)
    assert perception.scores["packet"][0] == 1.0  # all six perception papers in the top 10
