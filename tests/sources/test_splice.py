"""Editing a profile's text in place: what is written reads back exactly, the rest is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from packet.model.profile import SECTIONS
from packet.store.imports import _spliced_ok, load_for_import, render_import
from packet.store.yaml_splice import emit, item_counts, scalar, splice

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "favero" / "profile.yaml"


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "No",
        "10",
        "1e5",
        "0x1F",
        "2025-01-15",
        "null",
        "~",
        "a: b",
        "x #y",
        "- item",
        '"quoted"',
        "'single'",
        " padded ",
        "{flow}",
        "[list]",
        "&anchor",
        "*alias",
        "!tag",
        "%percent",
        "@at",
        "`tick`",
        "Café – naïve “curly”",
        "张伟",
        "ends with colon:",
        "line\nbreak",
        "tab\there",
        "10.1073/pnas.2408799121",
        "https://x.org/a#b",
        "",
    ],
)
def test_every_string_reads_back_as_itself(value: str) -> None:
    assert yaml.safe_load(f"key: {scalar(value)}\n") == {"key": value}


def test_emitted_blocks_read_back_as_the_data() -> None:
    data = {
        "person": {"name": "A", "links": [{"label": "X", "url": "https://x.org"}]},
        "talks": [
            {
                "id": "t1",
                "kind": "invited",
                "title": "T: a",
                "date": 2025,
                "invited": True,
                "details": ["one", "two: three"],
            }
        ],
    }
    assert yaml.safe_load("\n".join(emit(data)) + "\n") == data


def test_item_counts_from_events() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert item_counts(text, SECTIONS) == {s: len(data[s]) for s in SECTIONS if s in data}


def test_a_splice_keeps_every_other_line_and_passes_its_own_check() -> None:
    file = load_for_import(EXAMPLE, "profile.yaml")
    assert file.layout is not None and file.text is not None  # LibYAML read it: the fast path
    new = {
        "id": "x2026new",
        "kind": "preprint",
        "authors": ["Favero, A."],
        "title": "New: yes",
        "year": 2026,
    }
    fuller = ["Cagnetta, F.", "Petrini, L.", "Tomasini, Umberto Maria", "Favero, A.", "Wyart, M."]
    changed = {
        "sclocchi2025phase": {"doi": "10.1073/pnas.2408799121"},  # a new key: lines added
        "cagnetta2024deep": {"authors": fuller},  # a changed key: the item rewritten
    }
    text, written = splice(file.layout, changed, {"publications": [new]}, {}, SECTIONS)
    assert _spliced_ok(text, file, written, 1)
    before, after = file.text.splitlines(), text.splitlines()
    assert [line for line in before if line not in after] == ["      - Tomasini, U. M."]
    assert (
        "    doi: 10.1073/pnas.2408799121" in after and "      - Tomasini, Umberto Maria" in after
    )
    assert '    # "The first two authors contributed equally to this work" (arXiv comment)' in after
    award = {"id": "award-2026-x", "title": "Prize", "date": 2026, "amount": 10, "currency": "CHF"}
    grant = {"id": "grant-2026-x", "title": "Grant", "funder": "SNSF", "start": "2026-01"}
    full = render_import(file, {}, {"awards": [award], "grants": [grant]}, {}, None)
    data = yaml.safe_load(full)
    assert data["awards"][-1] == award and data["grants"] == [grant]
    assert list(data).index("grants") == list(data).index("awards") + 1  # the model's order


def test_a_written_item_the_model_rejects_fails_the_check() -> None:
    file = load_for_import(EXAMPLE, "profile.yaml")
    assert file.layout is not None
    # Authors changed so that equal_contribution names someone no longer listed.
    changed = {"hazimeh2024task": {"authors": ["Hazimeh, Alexander", "Frossard, P."]}}
    text, written = splice(file.layout, changed, {}, {}, SECTIONS)
    assert not _spliced_ok(text, file, written, 0)


def test_a_volume_that_looks_like_a_year_stays_text() -> None:
    from packet.sources.apply import ordered

    item = ordered("publications", {"id": "x", "volume": "2025", "year": 2025, "date": "2025"})
    assert item == {"id": "x", "year": 2025, "date": 2025, "volume": "2025"}
