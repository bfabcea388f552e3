"""Pseudo-relevance feedback: the best first matches lend their words and meaning to
the query, for papers that say the focus in other words."""

from __future__ import annotations

from rank_samples import AS_OF, papers

from packet.select import rank_section
from packet.select.meaning import centroid_closeness
from packet.select.terms import make_query

OTHERS = ["Sparse coding of natural images", "Wavelet bandelets for image compression",
          "Entropic optimal transport solvers", "Texture synthesis by histogram matching",
          "Mirror descent for convex problems", "Learning rates of deep networks",
          "Kernel two-sample tests", "Dictionary learning for denoising",
          "Super-resolution of point sources", "Graph neural networks for molecules"]


def _profile() -> object:
    rows = [
        ("marching", "Fast marching and geodesic front propagation", "SIAM J. Imaging", None, 2010),
        ("paths", "Shortest paths on meshes by geodesic front propagation", "IJCV", None, 2011),
        ("remesh", "Geodesic remeshing using front propagation", "IJCV", None, 2003),
        *((f"o{n}", title, "A journal", None, 2015) for n, title in enumerate(OTHERS)),
    ]
    return papers(*rows)


def test_a_paper_with_only_the_best_matches_words_comes_next() -> None:
    ranked = rank_section(_profile(), "publications",  # type: ignore[arg-type]
                          make_query(focus="shortest paths and fast marching"),
                          as_of=AS_OF, semantic=False)
    order = [r.item.id for r in ranked]
    # lent words reorder what the query's own words leave; they never pass them
    assert order[:3] in (["marching", "paths", "remesh"], ["paths", "marching", "remesh"])
    remesh = ranked[2]
    assert remesh.score > 0
    assert remesh.reasons[0].startswith("shares ") and "with the best matches" in remesh.reasons[0]
    assert "geodesic" in remesh.reasons[0] and "propagation" in remesh.reasons[0]
    # the lending papers are not told they share words with themselves
    assert not any("best matches" in reason for r in ranked[:2] for reason in r.reasons)


def test_words_every_paper_uses_are_not_lent() -> None:
    rows = [(f"p{n}", f"Geodesic {title.lower()}", "J", None, 2015) for n, title in enumerate(OTHERS)]
    rows += [("marching", "Fast marching of geodesic fronts", "J", None, 2010),
             ("paths", "Shortest paths of geodesic fronts", "J", None, 2011)]
    ranked = rank_section(papers(*rows), "publications",
                          make_query(focus="shortest paths and fast marching"),
                          as_of=AS_OF, semantic=False)
    assert not any("best matches" in reason for r in ranked for reason in r.reasons)


def test_closeness_to_the_best_matches_follows_their_topic() -> None:
    texts = ["Optimal control of legged robots", "Model predictive control for quadrupeds",
             "Trajectory optimisation for walking robots", "Cell-cycle phases of budding yeast",
             "Protein folding with graph networks", "Medieval French poetry and its metre",
             "Bayesian estimation of stellar ages", "Deep mutational scanning of influenza",
             "Ancient Greek pottery workshops"]
    near = centroid_closeness(texts, [0, 1], [1.0, 0.8])
    assert near[2] > max(near[3:])
    assert all(0.0 <= x <= 1.0 for x in near)
    assert centroid_closeness(texts, [], []) == [0.0] * len(texts)


def test_a_field_that_weighs_nothing_lends_nothing() -> None:
    import numpy as np

    from packet.select.feedback import expansion
    from packet.select.wordindex import word_index

    docs = [[("title", "fast marching", 2), ("venue", "geodesic front", 0)],
            [("title", "shortest paths", 2), ("venue", "geodesic front", 0)],
            *([("title", title, 2)] for title in OTHERS)]
    relevance = np.array([1.0, 0.9] + [0.0] * len(OTHERS))
    query = make_query(focus="shortest paths and fast marching")
    assert expansion(word_index(docs), query, np.array([0, 1]), relevance) is None


def test_links_in_notes_are_not_lent() -> None:
    from packet.model.profile import Profile

    link = "Press: https://news.example.edu/story"
    rows = [("marching", "Fast marching methods", [link]), ("paths", "Shortest paths", [link]),
            ("press", "Kernel two-sample tests", [link]),
            *((f"o{n}", title, []) for n, title in enumerate(OTHERS))]
    profile = Profile.model_validate({"person": {"name": "Ada Lovelace"}, "publications": [
        {"id": i, "kind": "journal", "authors": ["Lovelace, Ada"], "title": t, "venue": "J",
         "year": 2020, "notes": notes} for i, t, notes in rows]})
    ranked = rank_section(profile, "publications",
                          make_query(focus="shortest paths and fast marching"),
                          as_of=AS_OF, semantic=False)
    press = next(r for r in ranked if r.item.id == "press")
    assert not any("best matches" in reason for reason in press.reasons)
    assert press.score < 0.1  # its first-author boost alone
