"""A PDF's facts (`PdfFacts`) as JSON, so they are read from a PDF once, not on every build.

Reading the text of every page with PDFium is most of a check's time (0.9 s for a
128-page publication list) and the facts depend only on the PDF's bytes: a rebuild
whose documents did not change takes them from packet's cache. Whatever cannot be
read back (damaged, from another layout of these records) is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import asdict
from typing import Any

from packet.cache import Cache, content_key
from packet.check.pdf_facts import Box, FontFact, PageFacts, PdfFacts, TextRun


def facts_key(pdf: bytes) -> str:
    return content_key("pdf-facts", importlib.metadata.version("pypdfium2"),
                       importlib.metadata.version("pypdf"), hashlib.sha256(pdf).digest())


def load_facts(cache: Cache, pdf: bytes) -> PdfFacts | None:
    raw = cache.get(facts_key(pdf))
    if raw is None:
        return None
    try:
        return _from_dict(json.loads(raw))
    except (ValueError, TypeError, KeyError):
        return None


def store_facts(cache: Cache, pdf: bytes, facts: PdfFacts) -> None:
    cache.put(facts_key(pdf), json.dumps(asdict(facts), ensure_ascii=False))


def _box(data: dict[str, Any] | None) -> Box | None:
    return None if data is None else Box(**data)


def _from_dict(data: dict[str, Any]) -> PdfFacts:
    pages = [PageFacts(number=p["number"], width=p["width"], height=p["height"],
                       media=tuple(p["media"]), rotation=p["rotation"], chars=p["chars"],
                       boxes=[Box(**b) for b in p["boxes"]],
                       runs=[TextRun(**r) for r in p["runs"]],
                       references=_box(p["references"]))
             for p in data["page_facts"]]
    return PdfFacts(name=data["name"], file_size=data["file_size"], page_facts=pages,
                    fonts=[FontFact(**f) for f in data["fonts"]],
                    encrypted=data["encrypted"], restrictions=list(data["restrictions"]),
                    form_fields=data["form_fields"], xfa=data["xfa"],
                    portfolio=data["portfolio"])
