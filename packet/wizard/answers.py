"""What the wizard learns, kept as an application file that is saved after every step.

Saving after each step is what makes Ctrl-C safe: the file on disk always
holds everything answered so far (as a draft), and a re-run starts from it.
Saves go through the round-trip YAML of the store, so comments a person
added to the file by hand survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packet.counting import count_chars, count_words
from packet.model.call import CallSpec, Prompt
from packet.model.dates import PartialDate
from packet.store.yaml_io import load_yaml, save_yaml


@dataclass
class Cap:
    limit: int
    document: str  # title of the document whose rule sets it


def section_caps(call: CallSpec) -> dict[str, Cap]:
    """The strictest item cap per section across the call's documents: one selection feeds all."""
    caps: dict[str, Cap] = {}
    for doc in call.documents:
        for rule in doc.sections:
            if rule.max_items is None:
                continue
            current = caps.get(rule.section)
            if current is None or rule.max_items < current.limit:
                caps[rule.section] = Cap(rule.max_items, doc.title)
    return caps


def sections_to_choose(call: CallSpec) -> list[str]:
    """Sections the call restricts; a call with no rules still gets to choose publications."""
    return call.sections_used() or ["publications"]


def cap_message(section: str, chosen: int, cap: Cap | None) -> str | bool:
    if cap is not None and chosen > cap.limit:
        return (f"{chosen} {section} chosen: {cap.document} allows at most {cap.limit}. "
                f"Untick {chosen - cap.limit}.")
    return True


def limit_text(prompt: Prompt) -> str:
    parts = []
    if prompt.max_words:
        parts.append(f"at most {prompt.max_words:,} words")
    if prompt.max_chars:
        parts.append(f"at most {prompt.max_chars:,} characters")
    return " and ".join(parts)


def answer_count(prompt: Prompt, text: str) -> str:
    """The live counter under an answer, e.g. '212 / 300 words'."""
    shown = []
    words = count_words(text)
    if prompt.max_words or not prompt.max_chars:
        shown.append(f"{words:,}" + (f" / {prompt.max_words:,}" if prompt.max_words else "") + " words")
    if prompt.max_chars:
        shown.append(f"{count_chars(text):,} / {prompt.max_chars:,} characters")
    return "  ·  ".join(shown)


def over_limit(prompt: Prompt, text: str) -> str | None:
    words, chars = count_words(text), count_chars(text)
    if prompt.max_words and words > prompt.max_words:
        return f"{words:,} words: the limit is {prompt.max_words:,}. Cut {words - prompt.max_words:,}."
    if prompt.max_chars and chars > prompt.max_chars:
        return (f"{chars:,} characters: the limit is {prompt.max_chars:,}. "
                f"Cut {chars - prompt.max_chars:,}.")
    return None


@dataclass
class Draft:
    """The answers file being written; `data` is the round-trip structure saved to `path`."""

    path: Path
    call_id: str
    data: Any = field(default=None)

    def __post_init__(self) -> None:
        if self.data is None:
            if self.path.is_file():
                self.data = load_yaml(self.path)
            else:
                from ruamel.yaml.comments import CommentedMap

                self.data = CommentedMap()
                self.data.yaml_set_start_comment(
                    "Saved by `packet wizard`. `packet build` replays it without questions;\n"
                    "edit it freely: comments are kept when the wizard saves again.")
        self.data["call"] = self.call_id

    def _map(self, key: str) -> Any:
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(self.data.get(key), dict):
            self.data[key] = CommentedMap()
        return self.data[key]

    def set_status(self, status: str) -> None:
        self.data["status"] = status

    def set_focus(self, focus: str | None) -> None:
        if focus:
            self.data["focus"] = _block(focus)
        else:
            self.data.pop("focus", None)

    def set_selection(self, section: str, ids: list[str]) -> None:
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(ids)
        self._map("selections")[section] = seq

    def set_answer(self, prompt_id: str, text: str) -> None:
        self._map("answers")[prompt_id] = _block(text)

    def set_build_date(self, date: PartialDate) -> None:
        self.data["build_date"] = str(date)

    def save(self) -> None:
        save_yaml(self.path, self.data)


def _block(text: str) -> Any:
    """Multi-line text as a YAML block scalar, which stays readable when edited by hand."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    text = text.strip("\n")
    return LiteralScalarString(text) if "\n" in text else text
