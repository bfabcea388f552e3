"""The answers being gathered, and the two files they may go to.

The application file (applications/<call>.yaml) is what `packet build` replays;
the wizard writes it only when every question has been answered, and only if
something changed, so a run that changes nothing leaves it byte for byte as it
was. What an unfinished session has gathered goes to applications/<call>.draft.yaml
instead (after each step, and on Ctrl-C), which the next run offers to continue:
a complete application is never downgraded to a draft.

Every setter leaves a value alone when it is unchanged, so the comments and
layout of a hand-edited file survive a save. Every write is read back and
validated before it replaces the old file (packet/store/applications.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packet.model.dates import PartialDate
from packet.store.applications import draft_path, save_application, titled_ids
from packet.store.yaml_io import load_yaml, to_plain

if TYPE_CHECKING:
    from packet.model.call import CallSpec
    from packet.model.profile import Profile

HEADER = ("Saved by `packet wizard`. `packet build` replays it without questions;\n"
          "edit it freely: comments are kept when the wizard saves again.")


@dataclass
class Draft:
    """`data` is the round-trip structure being filled; `saved` what the application file
    held when the session started (plain data), None when there was none."""

    path: Path
    shown: str  # the path as the user would type it
    call: CallSpec
    profile: Profile
    from_draft: bool = False  # continue the unfinished session of draft_path(path)
    _data: Any = field(default=None, repr=False)
    saved: Any = field(default=None, repr=False)

    @property
    def draft_file(self) -> Path:
        return draft_path(self.path)

    @property
    def data(self) -> Any:
        """Read (or started) on first use, so the YAML library loads after the first question."""
        if self._data is None:
            if self.path.is_file():
                self.saved = to_plain(load_yaml(self.path, self.shown))
            source = self.draft_file if self.from_draft else self.path
            if source.is_file():
                self._data = load_yaml(source)
            else:
                from ruamel.yaml.comments import CommentedMap

                self._data = CommentedMap()
                self._data.yaml_set_start_comment(HEADER)
            self._set("call", self.call.id)
        return self._data

    # -- reading ------------------------------------------------------------------------
    def _view(self) -> Any:
        """The data for reading; a new application reads as empty without loading the
        YAML library (which the first question does not need)."""
        source = self.draft_file if self.from_draft else self.path
        if self._data is None and not source.is_file():
            return {}
        return self.data

    def get(self, key: str) -> Any:
        return self._view().get(key)

    def answer(self, prompt_id: str) -> str:
        answers = self._view().get("answers")
        return str(answers.get(prompt_id) or "") if isinstance(answers, dict) else ""

    def answered(self, prompt_id: str) -> bool:
        """An answer is there, possibly left empty on purpose (an empty string)."""
        answers = self._view().get("answers")
        return isinstance(answers, dict) and prompt_id in answers

    def selection(self, section: str) -> list[str] | None:
        chosen = self._view().get("selections")
        ids = chosen.get(section) if isinstance(chosen, dict) else None
        return [str(i) for i in ids] if isinstance(ids, list) else None

    def complete(self) -> bool:
        """Read from a file that says (or, by default, means) complete; a new one is not."""
        loaded = self.draft_file if self.from_draft else self.path
        return loaded.is_file() and self.data.get("status", "complete") == "complete"

    def changed(self) -> bool:
        """Whether the answers differ from the application file's."""
        return to_plain(self.data) != self.saved

    # -- writing ------------------------------------------------------------------------
    def _set(self, key: str, value: Any, target: Any = None) -> None:
        target = self.data if target is None else target
        if key in target and to_plain(target[key]) == to_plain(value):
            return  # unchanged: keep the node, its style and its comments
        target[key] = value

    def _map(self, key: str) -> Any:
        from ruamel.yaml.comments import CommentedMap

        if not isinstance(self.data.get(key), dict):
            self.data[key] = CommentedMap()
        return self.data[key]

    def _drop(self, key: str, within: str | None = None) -> None:
        target = self.data.get(within) if within else self.data
        if isinstance(target, dict):
            target.pop(key, None)
            if within and not target:
                self.data.pop(within, None)

    def set_status(self, status: str) -> None:
        self._set("status", status)

    def set_focus(self, focus: str | None) -> None:
        if focus and focus.strip():
            self._set("focus", _block(focus))
        else:
            self._drop("focus")

    def set_selection(self, section: str, ids: list[str], titles: dict[str, str]) -> None:
        if self.selection(section) == ids:
            return
        self._map("selections")[section] = titled_ids(ids, titles)

    def set_skipped(self, doc_ids: list[str]) -> None:
        if doc_ids:
            from ruamel.yaml.comments import CommentedSeq

            self._set("skip_documents", CommentedSeq(doc_ids))
        else:
            self._drop("skip_documents")

    def set_answer(self, prompt_id: str, text: str, left_empty: bool = False) -> None:
        """An answer; an empty one is kept as "" (left empty on purpose, which the build
        reports when the prompt is required)."""
        answers = self._map("answers")
        self._set(prompt_id, _block(text), answers)
        if left_empty and not text.strip() and prompt_id not in (answers.ca.items or {}):
            answers.yaml_add_eol_comment("# left empty: `packet build` reports it", prompt_id)

    def clear_answer(self, prompt_id: str) -> None:
        self._drop(prompt_id, "answers")

    def set_attachment(self, attachment_id: str, relative: str | None) -> None:
        if relative:
            self._set(attachment_id, relative, self._map("attachments"))
        else:
            self._drop(attachment_id, "attachments")

    def set_build_date(self, date: PartialDate) -> None:
        if self.data.get("build_date") is None:  # a rebuild keeps the date it printed
            self._set("build_date", str(date))

    def keep_unfinished(self) -> bool:
        """Save the session so far to the draft file, or remove that file when the answers
        are the application's own; True when a draft was written."""
        empty = self.saved is None and set(self.data) <= {"call", "status", "build_date"}
        if empty or not self.changed():
            self.draft_file.unlink(missing_ok=True)
            return False
        self._write(self.draft_file)
        return True

    def commit(self) -> bool:
        """Write the complete answers to the application file, if they changed it; the
        draft file goes either way. True when the application file was written."""
        written = self.changed()
        if written:
            self._write(self.path)
            self.saved = to_plain(self.data)
        self.draft_file.unlink(missing_ok=True)
        return written

    def _write(self, path: Path) -> None:
        shown = self.shown if path == self.path else str(Path(self.shown).with_name(path.name))
        save_application(path, self.data, shown, self.profile, self.call)


def _block(text: str) -> Any:
    """Multi-line text as a YAML block scalar, which stays readable when edited by hand."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    text = text.strip("\n")
    return LiteralScalarString(text) if "\n" in text else text
