"""Which profile section a source's own section title means ("Selected Honours" -> awards).

Used by the structured CV formats whose section titles are free text (RenderCV); the
words are looked for in order, so "Invited talks" is talks and "Teaching awards" is
awards (award is looked for before teaching), "Conference papers" publications.
"""

from __future__ import annotations

import re

TITLE_WORDS: tuple[tuple[str, str], ...] = tuple(
    (word, section)
    for section, words in (
        ("publications", "publication paper preprint article"),
        ("talks", "poster talk presentation seminar"),
        ("awards", "award honor honour prize fellowship scholarship"),
        ("grants", "grant funding"),
        ("education", "education degree"),
        ("positions", "experience employment position appointment"),
        ("teaching", "teaching"),
        ("mentoring", "mentor supervis student"),
        ("service", "service review committee"),
        ("languages", "language"),
        ("skills", "skill technolog"),
        ("interests", "interest"),
        ("meetings", "school workshop conference"),
    )
    for word in words.split()
)
TALK_KINDS = ("poster", "keynote", "invited", "seminar", "panel", "contributed")


def section_for(title: str) -> str | None:
    words = re.sub(r"[_\-]+", " ", title).casefold()
    return next((section for word, section in TITLE_WORDS if word in words), None)


def talk_kind(title: str) -> str | None:
    """ "Invited talks" -> invited; a plain "Talks" section says nothing of the kind."""
    words = title.casefold()
    return next((kind for kind in TALK_KINDS if kind in words), None)
