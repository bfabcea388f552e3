"""The packet's cover: the call, the applicant, the date, and the contents with first pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from packet.compose.doctree import Block, Document, Entry, Heading, Paragraph, Styled, Text


@dataclass(frozen=True)
class ContentsLine:
    title: str
    pages: int
    attachment: bool = False


def compose_cover(
    call_name: str, funder: str, applicant: str, date_text: str,
    contents: Sequence[ContentsLine], cover_pages: int,
) -> Document:
    """The cover, its contents numbered as if the cover took `cover_pages` pages."""
    blocks: list[Block] = [
        Heading(1, [Text(call_name)]),
        Styled("center", [
            Styled("muted", [Paragraph([Text(funder)])]),
            Paragraph([Text(f"Application of {applicant}")]),
            Styled("muted", [Paragraph([Text(date_text)])]),
        ]),
        Heading(2, [Text("Contents")]),
    ]
    page = cover_pages + 1
    for line in contents:
        label = line.title + (" (attachment)" if line.attachment else "")
        blocks.append(Entry(date=str(page), head=[Text(label)]))
        page += line.pages
    return Document(id="cover", title="Contents", blocks=blocks)
