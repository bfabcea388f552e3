"""Ranking items against a call, and the selection rules (packet.select)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import packet.cli.rank_cmd  # noqa: F401  (registers `packet rank` until packet.cli imports it)
from packet.errors import UserError
from packet.model.application import Application
from packet.model.call import CallSpec, SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.select import (
    allowed_items,
    blocked_by,
    default_selection,
    rank_items,
    rank_section,
    resolve_selection,
)
from packet.select.relevance import match_documents
from packet.select.terms import make_query, plain_query

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "profiles" / "favero" / "profile.yaml"
AS_OF = PartialDate(2026, 11)

DIFFUSION_ABSTRACT = (
    "Diffusion models generate images by reversing a noising process. We show how "
    "compositional structure in the training data lets diffusion models generalize."
)


def pub(item_id: str, title: str, year: int, **extra: Any) -> dict[str, Any]:
    fields = {"id": item_id, "kind": "conference", "authors": ["Other, O.", "Lovelace, Ada"]}
    return {**fields, "title": title, "year": year, **extra}


@pytest.fixture
def profile() -> Profile:
    return Profile.model_validate({
        "person": {"name": "Ada Lovelace", "name_variants": ["Lovelace, A.", "A. Lovelace"]},
        "publications": [
            pub("kernels", "Kernel methods for statistical physics", 2019, kind="journal",
                authors=["Lovelace, A.", "Babbage, C."]),
            pub("diffusion-oral", "Compositional generalization in diffusion models", 2024,
                abstract=DIFFUSION_ABSTRACT, notes=["Oral (top 1.2%)"],
                authors=["Lovelace, Ada", "Babbage, C."]),
            pub("editing", "Editing factual knowledge in large language models", 2025,
                abstract="We edit facts stored in LLMs without retraining.",
                authors=["Babbage, C.", "Lovelace, A."],
                equal_contribution=["Babbage, C.", "Lovelace, A."]),
            pub("score-based", "Score-based generative modelling of images", 2021,
                abstract="Generative diffusion models learn the score of the data.",
                tags=["diffusion models"]),
            pub("diffusion-workshop", "Diffusion models memorize small datasets", 2023,
                kind="workshop"),
            pub("grounding", "Visual grounding of multimodal models", 2022),
            pub("twin-old", "Protein folding with graph networks", 2020),
            pub("twin-new", "Protein folding with graph networks", 2022),
        ],
        "talks": [
            {"id": "talk-diffusion", "kind": "invited", "title": "Why diffusion models generalize",
             "date": "2025-03", "event": "Theory of AI workshop"},
            {"id": "talk-kernels", "kind": "seminar", "title": "Kernels in physics", "date": 2020},
        ],
        "education": [
            {"id": "msc", "degree": "M.S.", "institution": "Sorbonne", "end": 2020},
            {"id": "phd", "degree": "Ph.D.", "institution": "EPFL", "end": 2025},
        ],
    })


def call(description: str, keywords: list[str] | None = None, **rule: Any) -> CallSpec:
    sections = [{"section": "publications", **rule}] if rule else []
    return CallSpec.model_validate({
        "id": "test-call", "name": "Research Fellowship", "funder": "Someone", "kind": "fellowship",
        "rules_read": "2026-11", "description": description, "keywords": keywords or [],
        "documents": [{"id": "cv", "title": "CV", "template": "cv", "sections": sections},
                      {"id": "letter", "title": "Letter", "template": "cover-letter"}],
    })


def ids(ranked: list[Any]) -> list[str]:
    return [r.item.id for r in ranked]


# -- relevance ------------------------------------------------------------------


def test_items_about_the_topic_come_first_with_the_terms_that_matched(profile: Profile) -> None:
    ranked = rank_section(profile, "publications", "diffusion models", as_of=AS_OF)
    assert set(ids(ranked)[:3]) == {"diffusion-oral", "score-based", "diffusion-workshop"}
    assert ranked[0].score == 1.0
    oral = next(r for r in ranked if r.item.id == "diffusion-oral")
    assert oral.reasons[0] == "mentions diffusion models in the title and abstract"
    assert "no word of the focus or the call, and not close in meaning" in ranked[-1].reasons


def test_reasons_state_every_boost(profile: Profile) -> None:
    ranked = {r.item.id: r for r in rank_section(profile, "publications", "diffusion", as_of=AS_OF)}
    assert ranked["diffusion-oral"].reasons[-3:] == [
        "first author", "oral (top 1.2%)", "recent (2024)"
    ]
    assert "co-first author" in ranked["editing"].reasons
    assert "first author" in ranked["kernels"].reasons  # 'Lovelace, A.' is a name variant
    assert not any("author" in r for r in ranked["score-based"].reasons)  # second author
    assert "recent (2025)" in ranked["editing"].reasons
    assert not any(r.startswith("recent") for r in ranked["kernels"].reasons)  # 2019


def test_a_distinction_decides_between_equally_relevant_items() -> None:
    person = {"name": "Ada Lovelace"}
    profile = Profile.model_validate({
        "person": person,
        "publications": [
            pub("plain", "Diffusion on graphs", 2018),
            pub("spotlight", "Diffusion on trees", 2018, notes=["Spotlight presentation"]),
        ],
        "talks": [
            {"id": "contributed", "kind": "contributed", "title": "Diffusion on graphs",
             "date": 2018},
            {"id": "invited", "kind": "invited", "title": "Diffusion on trees", "date": 2018},
        ],
    })
    publications = rank_section(profile, "publications", "diffusion", as_of=AS_OF)
    assert ids(publications) == ["spotlight", "plain"]
    assert publications[0].reasons[-1] == "spotlight presentation"
    talks = rank_section(profile, "talks", "diffusion", as_of=AS_OF)
    assert ids(talks) == ["invited", "contributed"]
    assert talks[0].reasons[-1] == "invited talk"


def test_call_boilerplate_does_not_match_topics(profile: Profile) -> None:
    spec = call("A ground-breaking research fellowship for early-career researchers at a host "
                "institution, on diffusion models.")
    ranked = rank_items(profile, spec, focus=None, as_of=AS_OF)["publications"]
    grounding = next(r for r in ranked if r.item.id == "grounding")
    assert grounding.reasons[0] == "mentions models in the title"  # not "ground", not "research"
    assert {r.item.id for r in ranked[:3]} == {"diffusion-oral", "score-based",
                                               "diffusion-workshop"}


def test_focus_and_keywords_steer_the_ranking(profile: Profile) -> None:
    spec = call("Fellowships in machine learning.")
    plain = rank_items(profile, spec, focus=None, as_of=AS_OF)["publications"]
    focused = rank_items(profile, spec, focus="knowledge editing in LLMs", as_of=AS_OF)
    assert focused["publications"][0].item.id == "editing"
    assert focused["publications"][0].reasons[0].startswith("mentions editing, knowledge and LLMs")
    assert plain[0].item.id != "editing"
    keyed = rank_items(profile, call("Fellowships.", ["protein folding"]), focus=None, as_of=AS_OF)
    assert ids(keyed["publications"])[:2] == ["twin-new", "twin-old"]


def test_ties_break_newest_first_then_profile_order(profile: Profile) -> None:
    ranked = rank_section(profile, "publications", "protein folding", as_of=AS_OF)
    assert ids(ranked)[:2] == ["twin-new", "twin-old"]
    assert ranked[0].score == ranked[1].score  # twin-new is recent, but 2022 is 4 years back


def test_ranking_is_deterministic(profile: Profile) -> None:
    spec = call("Diffusion models and kernel methods for physics.", ["generative models"])
    first = rank_items(profile, spec, focus="images", as_of=AS_OF)
    again = rank_items(profile, spec, focus="images", as_of=AS_OF)
    assert {s: [(r.item.id, r.score, r.reasons) for r in rs] for s, rs in first.items()} == {
        s: [(r.item.id, r.score, r.reasons) for r in rs] for s, rs in again.items()
    }


def test_sections_without_topical_text_are_ordered_by_date(profile: Profile) -> None:
    ranked = rank_section(profile, "education", "diffusion", as_of=AS_OF)
    assert ids(ranked) == ["phd", "msc"]
    assert all(r.score == 0 and r.reasons == ["ordered by date"] for r in ranked)


def test_hyphenated_words_and_plural_acronyms_meet_the_query() -> None:
    query = make_query("We fund fine-tuning of LLMs.")
    assert query.labels(["fine", "tune", "llm"]) == ["fine-tuning", "LLMs"]
    documents = [[("title", "Fine-tuning an LLM", 2)], [("title", "Fine wine", 2)]]
    first, second = match_documents(documents, query)
    assert first.terms == ["fine-tuning", "LLMs"] and first.fields == ["title"]
    assert second.terms == ["fine"] and second.score < first.score


def test_scores_equal_a_full_bm25s_index() -> None:
    """The one-query index (other words folded into a placeholder) gives the
    scores of bm25s' own tokenise-and-index pipeline."""
    import bm25s
    import Stemmer
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    texts = [
        "diffusion models generate images from noise",
        "kernel methods and the statistical physics of learning",
        "diffusion of heat in metals, diffusion everywhere",
        "language models edit their own knowledge",
        "a note on nothing in particular",
    ]
    query_text = "diffusion models of physics"
    stemmer = Stemmer.Stemmer("english")
    corpus = bm25s.tokenize(texts, stopwords=list(STOPWORDS_EN_PLUS), stemmer=stemmer,
                            show_progress=False)
    index = bm25s.BM25()
    index.index(corpus, show_progress=False)
    terms = bm25s.tokenize(query_text, stopwords=list(STOPWORDS_EN_PLUS), stemmer=stemmer,
                           return_ids=False, show_progress=False)[0]
    expected = index.get_scores(terms)

    ours = match_documents([[("text", t, 1)] for t in texts], plain_query(query_text))
    assert [m.score for m in ours] == pytest.approx(expected.tolist(), rel=1e-5)


def test_importing_select_does_not_import_bm25s() -> None:
    code = "import sys, packet.select; print('bm25s' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- rules ----------------------------------------------------------------------


def test_rules_block_by_kind_and_date_window(profile: Profile) -> None:
    by_id = {p.id: p for p in profile.publications}
    rule = SectionRule(section="publications", kinds=["conference", "journal"], within_years=5)
    assert blocked_by(by_id["diffusion-workshop"], rule, AS_OF) == "kind workshop not allowed"
    assert blocked_by(by_id["kernels"], rule, AS_OF) == "before 2021-11"
    # a year-only date counts as inside a window that opens during that year
    assert blocked_by(by_id["score-based"], rule, AS_OF) is None
    since = SectionRule(section="publications", since=PartialDate(2022))
    assert [p.id for p in allowed_items(profile.publications, since, AS_OF)] == [
        "diffusion-oral", "editing", "diffusion-workshop", "grounding", "twin-new",
    ]


def test_caps_and_windows_decide_the_default_selection(profile: Profile) -> None:
    spec = call("Diffusion models.", max_items=2, kinds=["conference", "journal"], within_years=5)
    ranked = rank_items(profile, spec, focus=None, as_of=AS_OF)
    publications = ranked["publications"]
    selected = [r.item.id for r in publications if r.selected]
    assert sorted(selected) == ["diffusion-oral", "score-based"]
    workshop = next(r for r in publications if r.item.id == "diffusion-workshop")
    assert (workshop.allowed, workshop.blocked_by, workshop.selected) == (
        False, "kind workshop not allowed", False)
    assert list(ranked) == ["publications"]  # only the sections the call's documents restrict

    chosen = default_selection(profile, spec, "cv", as_of=AS_OF, ranked=ranked)
    assert [p.id for p in chosen["publications"]] == selected
    assert [e.id for e in chosen["education"]] == ["phd", "msc"]  # no rule: all, newest first
    by_date = default_selection(profile, spec, "cv", as_of=AS_OF)
    assert [p.id for p in by_date["publications"]] == ["editing", "diffusion-oral"]


def test_pinned_items_are_selected_first(profile: Profile) -> None:
    spec = call("Diffusion models.", max_items=2)
    ranked = rank_items(profile, spec, focus=None, as_of=AS_OF, pinned=["kernels"])
    publications = ranked["publications"]
    assert publications[0].item.id == "kernels"
    assert publications[0].reasons[0] == "pinned"
    best = publications[1].item.id
    assert best in {"diffusion-oral", "score-based"}
    assert [r.item.id for r in publications if r.selected] == ["kernels", best]


def test_a_call_without_rules_ranks_every_non_empty_section(profile: Profile) -> None:
    ranked = rank_items(profile, call("Diffusion models."), focus=None, as_of=AS_OF)
    assert list(ranked) == ["education", "publications", "talks"]
    assert all(r.selected for rs in ranked.values() for r in rs)


def test_resolve_keeps_the_applicants_choice(profile: Profile) -> None:
    spec = call("Diffusion models.", max_items=1, kinds=["conference"])
    application = Application(
        call="test-call",
        selections={"publications": ["score-based", "kernels", "editing", "score-based"]},
        pinned=["grounding"],
    )
    cv = resolve_selection(profile, spec, "cv", application, as_of=AS_OF)
    # the journal paper goes (kind rule); two stay although the cap is 1 (the checker says so)
    assert [p.id for p in cv["publications"]] == ["score-based", "editing"]
    letter = resolve_selection(profile, spec, "letter", application, as_of=AS_OF)
    assert [p.id for p in letter["publications"]] == ["score-based", "kernels", "editing"]
    assert [t.id for t in cv["talks"]] == ["talk-diffusion", "talk-kernels"]

    no_choice = resolve_selection(profile, spec, "cv", None, as_of=AS_OF)
    assert [p.id for p in no_choice["publications"]] == ["editing"]


def test_resolve_names_unknown_ids_and_their_section(profile: Profile) -> None:
    spec = call("Diffusion models.")
    application = Application(
        call="test-call", selections={"publications": ["nope", "talk-kernels"]}
    )
    with pytest.raises(UserError) as caught:
        resolve_selection(profile, spec, "cv", application, as_of=AS_OF)
    text = str(caught.value)
    assert "'nope' is not an item of the profile" in text
    assert "selections.publications" in text
    assert "'talk-kernels' is in talks, not in publications" in text


# -- the example profile ------------------------------------------------------------


needs_example = pytest.mark.skipif(not EXAMPLE.is_file(), reason="no example profile yet")


@pytest.fixture(scope="module")
def favero() -> Profile:
    from ruamel.yaml import YAML

    return Profile.model_validate(YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8")))


DIFFUSION_CALL = call(
    "Postdoctoral fellowships on the science of generative AI. We support early-career "
    "researchers who study how diffusion models generalize rather than memorize their "
    "training data, the role of compositional structure in image and text generation, and "
    "theoretical analyses of score-based generative modelling.",
    ["diffusion models", "generative models"],
)
EDITING_CALL = call(
    "Large pre-trained models must be updated after deployment: correcting facts, removing "
    "unwanted behaviour, adding skills. This programme funds research on model editing, "
    "knowledge editing in large language models, fine-tuning without catastrophic "
    "forgetting, and model merging.",
    ["model editing", "continual learning"],
)


@needs_example
@pytest.mark.parametrize(
    ("spec", "topic", "word"),
    [(DIFFUSION_CALL, "diffusion models", "diffusion"), (EDITING_CALL, "model editing", "editing")],
)
def test_example_profile_puts_the_calls_topic_first(
    favero: Profile, spec: CallSpec, topic: str, word: str
) -> None:
    ranked = rank_items(favero, spec, focus=None, as_of=AS_OF)["publications"]
    on_topic = [p for p in favero.publications if topic in p.tags]
    top = ranked[: min(4, len(on_topic))]
    assert all(topic in r.item.tags for r in top), [r.item.id for r in top]
    assert all(r.reasons[0].startswith("mentions ") and word in r.reasons[0] for r in top)
    assert any(r.item.id == "ortizjimenez2023task" for r in top) == (word == "editing")


# -- packet rank ------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path, profile: Profile) -> Path:
    from ruamel.yaml import YAML

    yaml = YAML()
    folder = tmp_path / "profiles" / "ada"
    folder.mkdir(parents=True)
    yaml.dump(profile.model_dump(mode="json", exclude_defaults=True), folder / "profile.yaml")
    spec = call("Diffusion models and generative modelling.", max_items=2, within_years=5)
    (tmp_path / "calls").mkdir()
    data = spec.model_dump(mode="json", exclude_defaults=True)
    data["documents"] = [data["documents"][0]]
    yaml.dump(data, tmp_path / "calls" / "test-call.yaml")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "cv.md.j2").write_text("# CV\n")
    return tmp_path


needs_workspace = pytest.mark.skipif(
    not (REPO / "packet" / "store" / "workspace.py").is_file(), reason="no workspace module yet"
)


@needs_workspace
def test_rank_prints_json(run: Callable[..., Any], workspace: Path) -> None:
    result = run("-w", str(workspace), "rank", "-p", "ada", "-c", "test-call", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert {"section", "id", "title", "year", "score", "reasons", "selected", "allowed"} <= set(
        rows[0]
    )
    assert sorted(r["id"] for r in rows if r["selected"]) == ["diffusion-oral", "score-based"]
    assert rows[0]["reasons"][0].startswith("mentions ") and "diffusion" in rows[0]["reasons"][0]
    old = next(r for r in rows if r["id"] == "kernels")
    assert old["allowed"] is False and old["blocked_by"].startswith("before 2021-")


@needs_workspace
def test_rank_prints_a_table_per_section(
    run: Callable[..., Any], workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = run("-w", str(workspace), "rank", "-p", "ada", "-c", "test-call",
                 "-s", "publications", "-s", "talks", "--focus", "images")
    assert result.code == 0, result.err
    assert "publications" in result.out and "talks" in result.out
    assert "before 2021-11" in result.out


@needs_workspace
def test_rank_rejects_an_unknown_section(run: Callable[..., Any], workspace: Path) -> None:
    result = run("-w", str(workspace), "rank", "-p", "ada", "-c", "test-call", "-s", "papers")
    assert result.code == 2
    assert "papers" in result.err


def test_rank_help_has_an_example(run: Callable[..., Any]) -> None:
    result = run("rank", "--help")
    assert result.code == 0
    assert "Example" in result.out and "packet rank" in result.out


def test_words_side_by_side_as_the_query_writes_them_count_more() -> None:
    """"radial velocity" in a title beats "radial" and "velocity" apart, and the
    reason names the phrase; a comma in the query ends a phrase."""
    documents = [
        [("title", "Velocity dispersion along the radial direction", 2)],
        [("title", "Precise radial velocity surveys", 2)],
        [("title", "Kepler photometry, K2 campaigns", 2)],
    ]
    apart, together, listed = match_documents(documents, plain_query("radial velocity"))
    assert together.phrase > 0 and apart.phrase == 0
    assert together.score + together.phrase > apart.score + apart.phrase
    assert together.terms == ["radial velocity"] and apart.terms == ["radial", "velocity"]
    assert listed.terms == []
    query = plain_query("Kepler, K2 and TESS photometry")
    assert ("kepler", "k2") not in query.phrases and ("tes", "photometri") in query.phrases
