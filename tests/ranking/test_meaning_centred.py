"""Closeness in meaning is measured after the section's mean vector is taken away:
what all of one researcher's papers share (the field) is not what sets one apart."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest
from rank_samples import AS_OF, papers

from packet.select import rank_section
from packet.select.terms import make_query

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from eval_rank import run  # noqa: E402


def test_meaning_alone_finds_more_judged_papers(monkeypatch: pytest.MonkeyPatch) -> None:
    # the judged profiles that ship with packet (virology, astrophysics, robotics),
    # ranked by meaning alone: 0.717 mean nDCG@10 with plain cosines
    monkeypatch.setattr("packet.select.rank.LEXICAL_SHARE", 0.0)
    cases = []
    for name in ("bloom-lab", "foreman-mackey", "synthetic-robotics"):
        cases += run(BENCHMARKS / "judgments" / f"{name}.yaml", None, ["packet"])
    assert len(cases) == 32
    assert statistics.fmean(c.scores["packet"][2] for c in cases) > 0.74


def test_nothing_is_close_in_a_centred_section_about_something_else() -> None:
    titles = ["Protein folding with graph networks", "Kernel methods for statistical physics",
              "Editing factual knowledge in large language models", "Sparse coding of images",
              "Diffusion models for molecules", "Optimal transport between point clouds",
              "Reinforcement learning for robot grasping", "Bayesian optimisation of chips",
              "Graph neural networks for traffic"]
    profile = papers(*((f"p{n}", t, None) for n, t in enumerate(titles)))
    ranked = rank_section(profile, "publications", make_query(focus="medieval French poetry"),
                          as_of=AS_OF)
    assert all(r.meaning is None and r.score == 0 for r in ranked)
