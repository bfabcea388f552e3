"""Text, selection, answers, files and eligibility against a call's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from check_samples import make_call, words

from packet.check.rules import (
    check_answers,
    check_eligibility,
    check_files,
    check_selection,
    check_text,
)
from packet.compose.doctree import Document, Heading, Paragraph, Text
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile, Publication, Talk

AS_OF = PartialDate(2026, 11, 1)


def _doc(**rules: Any) -> DocumentSpec:
    return DocumentSpec.model_validate(
        {"id": "statement", "title": "Research statement", "template": "statement", **rules}
    )


def _tree(*blocks: Heading | Paragraph) -> Document:
    return Document("statement", "Research statement", list(blocks))


def test_a_1200_word_statement_under_a_1000_word_limit() -> None:
    tree = _tree(Heading(1, [Text("Statement")]), Paragraph([Text(words(1199))]))
    [finding] = check_text(_doc(max_words=1000), tree, make_call())
    assert (finding.rule, finding.severity) == ("max-words", "error")
    assert (finding.limit, finding.actual) == ("1,000 words", "1,200 words")
    assert "200 over" in finding.message
    assert check_text(_doc(max_words=1200), tree, make_call()) == []


def test_words_are_tokens_with_a_letter_or_digit() -> None:
    tree = _tree(Paragraph([Text("State-of-the-art — results * in 2025 .")]))
    assert check_text(_doc(max_words=4), tree, make_call()) == []
    assert check_text(_doc(max_words=3), tree, make_call())[0].actual == "4 words"


def test_characters_include_spaces() -> None:
    tree = _tree(Paragraph([Text("a" * 40 + " " + "b" * 59)]))  # 100 characters
    assert check_text(_doc(max_chars=100), tree, make_call()) == []
    [finding] = check_text(_doc(max_chars=99), tree, make_call())
    assert (finding.rule, finding.limit, finding.actual) == (
        "max-chars", "99 characters", "100 characters",
    )


def test_required_headings() -> None:
    doc = _doc(required_headings=["Broader Impacts", "Intellectual Merit", "Overview"])
    tree = _tree(
        Heading(1, [Text("1. OVERVIEW")]),
        Heading(2, [Text("Intellectual merit:")]),
        Paragraph([Text("Broader Impacts are discussed below.")]),
    )
    [finding] = check_text(doc, tree, make_call())
    assert (finding.rule, finding.severity) == ("required-heading", "error")
    assert finding.actual == "missing"
    assert "Broader Impacts" in finding.message
    tree.blocks.append(Heading(2, [Text("Broader impacts of the proposed work")]))
    assert check_text(doc, tree, make_call()) == []


def _pub(pid: str, year: int, kind: str = "journal") -> Publication:
    return Publication(id=pid, kind=kind, authors=["Doe, J."], title=f"Paper {pid}", year=year)  # type: ignore[arg-type]


def test_selection_caps_windows_and_kinds() -> None:
    doc = _doc(sections=[
        {"section": "publications", "max_items": 2, "within_years": 5, "kinds": ["journal"]},
        {"section": "talks", "since": "2024-06"},
    ])
    pubs: list[Item] = [_pub("a", 2025), _pub("b", 2021), _pub("c", 2020, "preprint")]
    talks: list[Item] = [
        Talk(id="t1", kind="invited", title="T1", date=PartialDate(2024)),  # may be after June
        Talk(id="t2", kind="invited", title="T2", date=PartialDate(2023, 12)),
    ]
    findings = check_selection(doc, {"publications": pubs, "talks": talks}, AS_OF)
    by_rule = {(f.rule, f.limit): f for f in findings}
    cap = by_rule[("max-items", "2 publications")]
    assert cap.actual == "3 publications" and cap.severity == "error"
    window = next(f for f in findings if f.rule == "date-window" and "publications" in f.message)
    assert "c" in window.message and "b" not in window.message.split(":")[1]
    assert window.limit == "the last 5 years (from 2021-11-01)"
    since = next(f for f in findings if f.rule == "date-window" and "talks" in f.message)
    assert "t2" in since.message and "t1" not in since.message
    kinds = next(f for f in findings if f.rule == "kinds")
    assert kinds.actual == "preprint" and kinds.limit == "journal"
    assert check_selection(doc, {"publications": pubs[:1]}, AS_OF) == []


def _call_with_prompts() -> CallSpec:
    return make_call(
        prompts=[
            {"id": "summary", "question": "Lay summary", "max_words": 10, "max_chars": 60},
            {"id": "motivation", "question": "Why this fellowship?", "source": "unconfirmed"},
            {"id": "extra", "question": "Anything else?", "required": False},
        ],
        documents=[{"id": "statement", "title": "S", "template": "s", "prompts": ["summary"]}],
    )


def test_answers_limits_and_required_prompts() -> None:
    call = _call_with_prompts()
    findings = check_answers(call, {"summary": words(12), "motivation": "  "})
    rules = {f.rule: f for f in findings}
    assert set(rules) == {"prompt-max-words", "prompt-max-chars", "prompt-required"}
    assert rules["prompt-max-words"].actual == "12 words"
    assert rules["prompt-max-words"].document == "statement"
    required = rules["prompt-required"]
    assert required.severity == "error" and required.unconfirmed
    assert "not confirmed" in required.message
    assert check_answers(call, {"summary": "Short and sweet.", "motivation": "Because."}) == []


def test_file_rules(tmp_path: Path) -> None:
    rules = {"max_size_mb": 0.001, "max_filename_length": 20, "forbidden_chars": "&"}
    call = make_call(files=rules)
    big = tmp_path / "packet.pdf"
    big.write_bytes(b"x" * 2000)
    long_name = tmp_path / "research-and-teaching-statement.pdf"
    long_name.write_bytes(b"%PDF")
    amp = tmp_path / "R&D.pdf"
    amp.write_bytes(b"%PDF")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    findings = check_files(call, [big, long_name, amp, empty, tmp_path / "gone.pdf"])
    got = {(f.document, f.rule): f for f in findings}
    assert got[("packet.pdf", "max-size")].actual == "2 kB"
    assert got[("packet.pdf", "max-size")].limit == "0.001 MB"
    assert got[("research-and-teaching-statement.pdf", "filename-length")].actual == (
        "35 characters"
    )
    assert got[("R&D.pdf", "filename-chars")].actual == "&"
    assert got[("empty.pdf", "empty-file")].severity == "error"
    assert ("gone.pdf", "file-missing") in got
    assert len(findings) == 5
    assert check_files(make_call(), [amp]) == []


def _profile(*education: dict[str, Any]) -> Profile:
    return Profile.model_validate({"person": {"name": "Jane Doe"}, "education": list(education)})


PHD = {"id": "phd", "degree": "Ph.D. in Physics", "institution": "EPFL", "start": "2015-09"}
MSC = {"id": "msc", "degree": "MSc Physics", "institution": "ETH", "end": "2015-06"}


def test_eligibility_years_since_phd() -> None:
    call = make_call(eligibility={"min_years_since_phd": 2, "max_years_since_phd": 7})
    inside = _profile(MSC, {**PHD, "end": "2021-06"})
    assert check_eligibility(call, inside, AS_OF) == []
    [too_late] = check_eligibility(call, _profile(MSC, {**PHD, "end": "2018-03"}), AS_OF)
    assert (too_late.rule, too_late.severity) == ("years-since-phd", "warning")
    assert (too_late.limit, too_late.actual) == ("2-7 years after the PhD", "8.7 years")
    [too_soon] = check_eligibility(call, _profile({**PHD, "end": "2025-11"}), AS_OF)
    assert too_soon.actual == "1.0 years"
    [ongoing] = check_eligibility(call, _profile({**PHD, "end": "present"}), AS_OF)
    assert ongoing.actual == "PhD in progress"
    [none] = check_eligibility(call, _profile(MSC), AS_OF)
    assert none.actual == "no PhD in the profile"
    assert check_eligibility(make_call(), _profile(MSC), AS_OF) == []
    doctorate = {**PHD, "degree": "Doctorate (Dr. rer. nat.)", "end": "2025"}
    [young] = check_eligibility(call, _profile(doctorate), AS_OF)
    assert young.actual == "1.8 years" and "read as 1 January" in young.message
