"""An application: what one person chose and answered for one call.

This is the replayable answers file: `packet build` reads it and asks nothing.
A section missing from `selections` means "the default selection" (the call's
rules applied, newest first); a section present means exactly these items, in
this order. `document_selections` does the same for one document, section by
section, before `selections` is looked at.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from packet.model.call import CallId
from packet.model.dates import PartialDate
from packet.model.profile import ItemId, SectionName, Strict

MAX_PATH = 1024  # characters of an attachment's path (Linux allows 4,096 bytes)
_INVISIBLE = {"\x7f", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
              "\u2066", "\u2067", "\u2068", "\u2069"}


class Application(Strict):
    call: CallId
    status: Literal["draft", "complete"] = "complete"
    build_date: PartialDate | None = Field(
        None, description="The date printed on the documents; fixed so rebuilds are identical."
    )
    focus: str | None = Field(None, description="Extra text describing the call, used for ranking.")
    theme: str | None = None
    style: str | None = Field(None, description="CSL citation style, e.g. apa, ieee, nature.")
    selections: dict[SectionName, list[ItemId]] = Field(default_factory=dict)
    pinned: list[ItemId] = Field(default_factory=list)
    significance: dict[ItemId, str] = Field(
        default_factory=dict, description="One line per item on why it matters, for this call."
    )
    answers: dict[ItemId, str] = Field(default_factory=dict)
    attachments: dict[ItemId, str] = Field(
        default_factory=dict,
        description="Attachment id -> PDF path, relative to the profile folder.",
    )
    @field_validator("attachments")
    @classmethod
    def _plain_paths(cls, value: dict[str, str]) -> dict[str, str]:
        # A NUL cannot be in a file name at all; a newline or an RTL override can, but
        # would make every message that names the file misleading.
        for name, path in value.items():
            if len(path) > MAX_PATH or any(ord(c) < 32 or c in _INVISIBLE for c in path):
                raise ValueError(f"attachment '{name}': a file path has at most {MAX_PATH:,} "
                                 "characters and no control or direction characters "
                                 "(NUL, newline, right-to-left override)")
        return value

    skip_documents: list[ItemId] = Field(
        default_factory=list, description="Optional documents left out of this application."
    )
    # -- documents (issue 11) ------------------------------------------------------
    document_selections: dict[ItemId, dict[SectionName, list[ItemId]]] = Field(
        default_factory=dict,
        description="Document id -> section -> items, for a document that shows other items "
        "than `selections` (the CV's 11 papers, the publication list's full set); sections "
        "not named here fall back to `selections`.",
    )
    acronym: str | None = Field(
        None, description="The project's acronym, for a header the call prescribes (ERC)."
    )
    # The cover letter's recipient block and position line.
    recipient: list[str] = Field(
        default_factory=list,
        description="The letter's recipient block, one line each (default: the selection "
        "committee of the call's funder).",
    )
    position: str | None = Field(
        None, description="The position or call applied for, in the letter's 'Re:' line "
        "(default: the call's name).")
    reference: str | None = Field(None, description="The posting's reference number, if any.")
