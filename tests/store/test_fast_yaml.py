"""The fast YAML reader means what the round-trip reader means, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from packet.model.profile import Profile
from packet.store.fast_yaml import load_fast
from packet.store.profiles import load_profile
from packet.store.validate import validate
from packet.store.yaml_io import load_yaml, to_plain

EXAMPLE = Path(__file__).resolve().parents[2] / "profiles" / "favero" / "profile.yaml"

# Scalars where YAML 1.1 (PyYAML's default) and 1.2 (ruamel) disagree, and their neighbours.
TRICKY = ["no", "NO", "yes", "on", "Off", "y", "010", "0o17", "0x1F", "0b101", "1:30", "12:30:15",
          "1_000", "1_000.5", "1e3", "1.", ".5", "-.inf", ".NaN", "~", "null", "2024-07",
          "2024-07-15", "2024-7-5", "+12", "-0", "00", "1.2.3", "True", "FALSE"]


def round_trip(text: str) -> object:
    return to_plain(YAML(typ="rt").load(text))


@pytest.mark.parametrize("scalar", TRICKY)
def test_a_scalar_means_the_same_in_both_readers(scalar: str) -> None:
    text = f"value: {scalar}\n"
    fast, slow = load_fast(text), round_trip(text)
    assert fast is not None
    assert type(fast["value"]) is type(slow["value"])  # type: ignore[index]
    assert repr(fast["value"]) == repr(slow["value"])  # type: ignore[index]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[-+.0-9a-zA-Z_:~]{1,12}\Z"))
def test_any_plain_scalar_means_the_same_in_both_readers(scalar: str) -> None:
    text = f"value: {scalar}\n"
    try:
        slow = round_trip(text)
    except Exception:
        return  # not YAML for the round-trip reader: nothing to agree on
    fast = load_fast(text)
    if fast is not None:
        assert repr(fast["value"]) == repr(slow["value"])  # type: ignore[index]


def test_anchors_and_syntax_errors_take_the_round_trip_path() -> None:
    assert load_fast("a: &x [1, 2]\nb: *x\n") is None
    assert load_fast("a: [1, 2\n") is None


def test_the_example_profile_reads_the_same_either_way() -> None:
    slow = validate(Profile, load_yaml(EXAMPLE, "profile.yaml"), "profile.yaml")
    assert load_profile(EXAMPLE, "profile.yaml") == slow


def test_a_profile_with_a_mistake_is_still_located(tmp_path: Path) -> None:
    from packet.errors import UserError

    bad = tmp_path / "profile.yaml"
    bad.write_text(EXAMPLE.read_text("utf-8").replace("    title: ", "    tittle: ", 1), "utf-8")
    with pytest.raises(UserError) as error:
        load_profile(bad, "profile.yaml")
    [unknown] = [p for p in error.value.problems if "tittle" in str(p)]
    assert unknown.line is not None and unknown.line > 1
