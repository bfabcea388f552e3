"""Venue names packet knows for certain: acronyms, their written-out names, their kinds.

Only names whose spelling and kind are not in doubt are listed, so that "ICML 2025" or
"Advances in Neural Information Processing Systems" can say venue_short and kind without
guessing; any other venue is kept as written.
"""

from __future__ import annotations

import re

# Acronyms whose spelling and kind are not in doubt, so "ICML 2025" says venue_short and kind.
_CONFERENCES = (
    "ICML NeurIPS ICLR CVPR ICCV ECCV WACV BMVC AAAI IJCAI ACL EMNLP NAACL EACL COLING "
    "COLT AISTATS UAI KDD WWW SIGIR WSDM CHI STOC FOCS SODA ICALP ISIT ICASSP INTERSPEECH "
    "MICCAI CoRL RSS ICRA IROS LoG MLSys CoLLAs ALT"
)
_JOURNALS = "TMLR JMLR PNAS PRL PRX PRE PRB PRD JSTAT TPAMI"
KNOWN_VENUES: dict[str, str] = {
    **{name: "conference" for name in _CONFERENCES.split()},
    **{name: "journal" for name in _JOURNALS.split()},
}
# Venues whose written-out name says which acronym they go by.
FULL_NAMES = {
    "advances in neural information processing systems": "NeurIPS",
    "neural information processing systems": "NeurIPS",
    "international conference on machine learning": "ICML",
    "international conference on learning representations": "ICLR",
    "conference on computer vision and pattern recognition": "CVPR",
    "international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "conference on learning theory": "COLT",
    "proceedings of the national academy of sciences": "PNAS",
    "physical review letters": "PRL",
    "transactions on machine learning research": "TMLR",
    "journal of machine learning research": "JMLR",
    "physical review x": "PRX",
    "physical review e": "PRE",
    "journal of statistical mechanics: theory and experiment": "JSTAT",
    "journal of statistical mechanics": "JSTAT",
    "bulletin of the american physical society": "BAPS",
}
# The written-out name of an acronym, where one name is the usual one.
WRITTEN_OUT = {"NeurIPS": "Advances in Neural Information Processing Systems",
               "ICML": "International Conference on Machine Learning",
               "ICLR": "International Conference on Learning Representations"}
# Acronyms are matched as written (case-sensitive): "ACL" is a venue, "acl" or "pre-" is not.
_ALIASES = {"NIPS": "NeurIPS", "Neurips": "NeurIPS", "NEURIPS": "NeurIPS", "CORL": "CoRL"}
CANONICAL = {name: name for name in KNOWN_VENUES} | _ALIASES
# "CVPR26", "ICML'24": an acronym may carry a two-digit year.
VENUE_RE = re.compile(r"\b(" + "|".join(CANONICAL) + r")(?:'?(\d{2}))?\b")
# An acronym packet does not know, right before a year ("AAMAS 2026", "AAMAS'26"): capitals
# followed by a year are a venue's short name; "IEEE Transactions" or "ISPRS Geospatial
# Week" are not.
ACRONYM_RE = re.compile(
    r"^(?:the\s+)?([A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*)(?:'?(\d{2})\b|\s+(?:19|20)\d{2}\b)"
)


def known_name(text: str) -> str | None:
    """The acronym of a venue written out ("Advances in Neural Information ..." -> NeurIPS)."""
    lowered = text.lower()
    return next((short for name, short in FULL_NAMES.items() if name in lowered), None)


def kind_from_words(text: str) -> str | None:
    lowered = text.lower()
    if re.search(r"conference|proceedings|symposium|congress", lowered):
        return "conference"
    if re.search(r"journal|review|letters|transactions|annals|magazine", lowered):
        return "journal"
    return None
