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
    """The cover with its contents. (`cover_pages` is kept for callers that render until
    the cover's page count settles; the contents no longer depend on it.)"""
    blocks: list[Block] = [
        Heading(1, [Text(call_name)]),
        Styled("center", [
            Styled("muted", [Paragraph([Text(funder)])]),
            Paragraph([Text(f"Application of {applicant}")]),
            Styled("muted", [Paragraph([Text(date_text)])]),
        ]),
        Heading(2, [Text("Contents")]),
    ]
    # Each part by its own page numbers, the ones printed on its pages and shown as the
    # viewer's page labels ("Research Statement 1"); the line links to the part.
    for line in contents:
        label = line.title + (" (attachment)" if line.attachment else "")
        pages = "p. 1" if line.pages == 1 else f"pp. 1\u2013{line.pages}"
        blocks.append(Entry(date=pages, head=[Text(label)]))
    return Document(id="cover", title="Contents", blocks=blocks)
