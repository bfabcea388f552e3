"""A long packet merged in a process of its own is the packet merged in process."""

from __future__ import annotations

import pytest
from hostile import pdfs

import packet.assemble as assemble
from packet.assemble import PacketInfo, Part, assemble_packet, merge_documents


def test_a_packet_merged_apart_has_the_bytes_of_one_merged_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    info = PacketInfo("Packet", "Ada", "s", ["k"], "Ada", "Call", "Funder", "1 May 2026",
                      "D:20260501000000Z", "packet")
    parts = [Part("cv", "Curriculum Vitae", pdfs.plain_pdf(3), 3),
             Part("letter", "Letter", pdfs.plain_pdf(2), 2, kind="attachment")]
    cover = pdfs.plain_pdf(1)
    inside = merge_documents(cover, 1, parts, info)
    monkeypatch.setattr(assemble, "APART_PAGES", 1)
    monkeypatch.setattr(assemble, "merge_documents", None)  # not used in this process
    apart = assemble_packet(cover, 1, parts, info)
    assert apart.pdf == inside
    assert apart.pages == 6 and apart.first_pages == [2, 5]
