"""arXiv identifiers, new style (2506.07899v2) and old (hep-th/9901001), versions split off."""

from __future__ import annotations

import re

from packet.errors import Problem, UserError

# The subject class of an old-style id (math.GT/0309136) is optional and not part of the
# identity of the paper, so it is dropped: math/0309136 is the canonical form.
ID_RE = re.compile(
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<version>\d+))?",
)
_PREFIXES = re.compile(
    r"^(?:arxiv:|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE
)


def split_id(text: str) -> tuple[str, int | None]:
    """('2506.07899', 2) for '2506.07899v2', 'arXiv:2506.07899v2' or an abs/pdf URL."""
    bare = _PREFIXES.sub("", text.strip()).removesuffix(".pdf")
    match = ID_RE.fullmatch(bare)
    if not match:
        raise UserError(
            f"{text!r} is not an arXiv identifier",
            [Problem("write it as 2506.07899 (new style) or hep-th/9901001 (old style)")],
        )
    ident = re.sub(r"\.[A-Z]{2}/", "/", match.group("id"))
    version = match.group("version")
    return ident, int(version) if version else None


def find_id(text: str) -> tuple[str, int | None] | None:
    """The first arXiv id in a longer string (an Atom <id> URL), or None."""
    match = ID_RE.search(text)
    if not match:
        return None
    return split_id(match.group(0))
