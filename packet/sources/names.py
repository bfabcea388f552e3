"""People's names as the profile writes them: "Family, Given" (or "Family, Given, Suffix").

Sources print names every way ("Favero, A.", "Alessandro Favero", "A. Favero*",
"van der Berg, Jan"); nameparser splits the general case, and the names the profile
already knows (the person's own variants, every author already in it) settle the
cases no parser can: which words of "Gabriel García Márquez" are the family name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packet.sources.clean import fold

# Equal-contribution marks as sources print them: "A. Favero*", "Favero, A.$^\dagger$".
_MARKS = re.compile(r"\s*(?:\^?\{?[*†‡]+\}?)+\s*")
_MARKED = re.compile(r"[*†‡]")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?)+$")
_GROUP = re.compile(r"\b(collaboration|consortium|group|team|committee|project)\b", re.I)
_FAMILY_INITIALS = re.compile(r"^([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+((?:[A-Z]\.?-?){1,3})$")
_OTHERS = {"others", "et al", "et al.", "al."}


_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)


def is_cjk(text: str) -> bool:
    """Written in Han, kana or Hangul: kept in its own order, never split or abbreviated."""
    return text.isascii() is False and _CJK.search(text) is not None


@dataclass(frozen=True)
class Name:
    family: str
    given: str = ""
    suffix: str = ""

    @property
    def text(self) -> str:
        if self.suffix:
            return f"{self.family}, {self.given}, {self.suffix}"
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def key(self) -> str:
        return fold(self.family)


class NameBook:
    """Names the profile already holds, so a source's spelling is read the profile's way."""

    def __init__(self, known: list[str] | None = None) -> None:
        self._by_display: dict[str, Name] = {}
        for text in known or []:
            self.learn(text)

    def learn(self, text: str) -> None:
        family, comma, rest = text.partition(",")
        if not comma or is_cjk(text):
            return
        given, _, suffix = (p.strip() for p in rest.partition(","))
        name = Name(family.strip(), given, suffix)
        self._by_display.setdefault(fold(f"{name.given} {name.family}"), name)

    def lookup(self, display: str) -> Name | None:
        return self._by_display.get(fold(display))


def strip_marks(raw: str) -> tuple[str, bool]:
    """The name without its equal-contribution marks, and whether it had one."""
    marked = bool(_MARKED.search(raw))
    return (_MARKS.sub(" ", raw).strip(" ,;") if marked else raw.strip(" ,;")), marked


def _initials(given: str) -> str:
    """ "U.M." -> "U. M.", "A" -> "A."; full names untouched."""
    words: list[str] = []
    for word in given.split():
        if _INITIALS.match(word) and not (len(word) > 1 and word.isupper() and "." not in word):
            parts = re.findall(r"[A-Z]\.?-?", word)
            words.extend(p if p.endswith((".", "-")) else p + "." for p in parts)
        elif len(word) == 1 and word.isalpha() and word.isupper():
            words.append(word + ".")
        else:
            words.append(word)
    return " ".join(words).replace(". -", ".-").replace("- ", "-")


def _title_case(family: str) -> str:
    # "FAVERO" (as some databases print it) -> "Favero"; "McDonald", "van der Berg" untouched.
    if not family.isupper() or len(family) < 3:
        return family
    return "-".join(p.capitalize() for p in family.split("-"))


def parse_name(raw: str, book: NameBook | None = None) -> Name:
    """One printed name (marks already stripped) -> its parts."""
    text = " ".join(raw.split())
    if is_cjk(text) or _GROUP.search(text):
        return Name(text)
    if book is not None and "," not in text and (known := book.lookup(text)):
        return known
    if text.count(",") in (1, 2):
        family, _, rest = text.partition(",")
        given, _, suffix = (p.strip() for p in rest.partition(","))
        if given and not suffix and _is_suffix(given):
            given, suffix = "", given
        return Name(_title_case(family.strip()), _initials(given), suffix)
    if match := _FAMILY_INITIALS.match(text):
        # "Wall W.A." / "Wall WA" (PubMed and some exports): the family name comes first.
        return Name(
            _title_case(match.group(1)), _initials(" ".join(match.group(2).replace(".", "")))
        )
    from nameparser import HumanName

    parsed = HumanName(text)
    family = parsed.last or text
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    if not given and parsed.title and family != text:
        given = parsed.title  # a given name nameparser took for a title ("Judge Smith")
    return Name(_title_case(family), _initials(given), parsed.suffix)


def _is_suffix(word: str) -> bool:
    return word.rstrip(".").casefold() in {"jr", "sr", "ii", "iii", "iv"}


def is_others(raw: str) -> bool:
    return raw.strip().casefold() in _OTHERS


def normalise_authors(
    raw_authors: list[str], equal: list[str] | int | None, book: NameBook | None = None
) -> tuple[list[str], list[str]]:
    """Printed author strings -> ("Family, Given" list, equal-contribution list).

    An author carrying a mark is an equal contributor; `equal` may also name authors
    (as the source printed them) or give a count ("the first two authors").
    """
    authors: list[str] = []
    marked: list[str] = []
    for raw in raw_authors:
        if is_others(raw) or not raw.strip():
            continue
        text, has_mark = strip_marks(raw)
        if not text:
            continue
        name = parse_name(text, book).text
        authors.append(name)
        if has_mark:
            marked.append(name)
    if isinstance(equal, bool):
        pass  # "yes, some contributed equally" without saying who: nothing to mark
    elif isinstance(equal, int):
        marked.extend(authors[:equal])
    elif equal:
        keys = {parse_name(strip_marks(e)[0], book).text for e in equal}
        marked.extend(a for a in authors if a in keys)
    ordered = list(dict.fromkeys(a for a in authors if a in marked))
    # One mark on one author marks nothing: equal contribution is between at least two.
    return authors, ordered if len(ordered) > 1 else []


def family_key(author: str) -> str:
    """The folded family name of a "Family, Given" author ("Ortiz-Jiménez" -> "ortiz jimenez")."""
    family = author.partition(",")[0]
    return fold(family)


def fuller(old: str, new: str) -> str | None:
    """`new` when it spells out what `old` abbreviates ("Favero, A." -> "Favero, Alessandro").

    Same family name, and every given word of `old` is the initial of (or equals) the
    matching word of `new`; otherwise None (a different person or a different spelling).
    """
    if old == new or family_key(old) != family_key(new):
        return None
    if fold(old) == fold(new):  # the same letters: the spelling with its accents wins
        accents = sum(not c.isascii() for c in new) - sum(not c.isascii() for c in old)
        return new if accents > 0 else None
    old_given = fold(old.partition(",")[2]).split()
    new_given = fold(new.partition(",")[2]).split()
    if not old_given or len(new_given) < len(old_given):
        return new if new_given and not old_given else None
    longer = False
    for short, full in zip(old_given, new_given, strict=False):
        if short == full:
            continue
        if len(short) == 1 and full.startswith(short):
            longer = True
            continue
        return None
    return new if longer or len(new_given) > len(old_given) else None
