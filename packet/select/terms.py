"""Words, stems and the weighted query that the ranking matches items against.

Items and queries go through the same `split_words`, so a word in a call and
the same word in a title always meet at the same stem.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from Stemmer import Stemmer

# str.translate + str.split is about three times faster than a token regex over
# 2,000 abstracts, and tokenising is most of what a ranking costs.
_DASHES_QUOTES = "\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0"
_SEPARATORS = str.maketrans({c: " " for c in string.punctuation + _DASHES_QUOTES})
# "LLMs", "GPUs": the stemmer leaves plural acronyms alone ("llms" stays "llms"),
# so the query, where case is still known, maps both forms to one stem.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s?$")

# How calls describe themselves rather than the research they want. Left in,
# "European Research Council" would favour ECCV papers, "research fellowship"
# every abstract that says "research", and "ground-breaking" a paper on visual
# grounding. The call's name, description and keywords lose them (built-in calls
# list "scientific excellence" as a keyword); the applicant's focus is taken as
# meant. Words that are also topics ("field", "state", "high", "early") go only
# inside these phrases, so "mean-field", "state space" or "early stopping" stay.
CALL_PHRASES = re.compile(
    "|".join([
        r"state[- ]of[- ]the[- ]art", r"ground[- ]?breaking", r"high[- ](?:risk|gain)",
        r"track[- ]record", r"early[- ](?:career|stage)", r"long[- ]term", r"world[- ]class",
        r"key (?:person(?:nel)?|people)", r"(?:any|all) (?:fields?|disciplines?|subjects?)",
        r"fields? of (?:research|science|study)", r"(?:phd|graduate|undergraduate) students?",
        r"(?:research|project) (?:teams?|groups?|projects?|programm?e?s?)",
        r"own (?:research )?(?:projects?|programm?e?s?)",
        r"host (?:organi[sz]ations?|institutions?)",
        r"(?:career|workforce) development", r"transfer of knowledge", r"two[- ]way",
        r"broader impacts?", r"intellectual merit", r"member states?",
        r"\bfoundation\b(?!\s+models?)",
    ]),
    re.IGNORECASE,
)
CALL_WORDS: tuple[str, ...] = (
    "abroad", "academic", "achievement", "advanced", "agency", "ambitious", "applicant",
    "application", "apply", "appointment", "assessor", "assistant", "associate", "award",
    "benefit", "call", "campus", "candidate", "career", "college", "consolidator",
    "cooperation", "council", "criteria", "criterion", "deadline", "department", "desired",
    "discipline", "doctoral", "eligibility", "eligible", "europe", "european", "excellence",
    "excellent", "expected", "faculty", "feasibility", "fellow", "fellowship", "frontier",
    "fund", "funder", "grant", "hire", "hiring", "host", "independence", "independent",
    "institute", "institution", "interdisciplinary", "international", "intersectoral",
    "investigator", "junior", "member", "merit", "month", "must", "national", "nationality",
    "offer", "opportunity", "personnel", "phd", "position", "postdoc", "postdoctoral",
    "principal", "professor", "programme", "proposal", "qualification", "research",
    "researcher", "salary", "scheme", "scholar", "scientific", "scientist", "senior", "society",
    "stipend", "submission", "submit", "supervision", "support", "talent", "tenure",
    "university", "year", "young",
)

# Words that say nothing about a topic wherever they occur in a query, and the
# stray halves of "pre-trained" or "non-convex" once hyphens split words.
GENERIC_WORDS: tuple[str, ...] = (
    "across", "also", "among", "based", "can", "could", "develop", "especially", "etc",
    "example", "first", "focus", "include", "interest", "invite", "may", "might", "new", "non",
    "novel", "one", "particular", "particularly", "pre", "re", "related", "relevant", "seek",
    "several", "show", "study", "topic", "two", "use", "various", "welcome", "well", "within",
    "without", "work", "would",
)


@cache
def boilerplate_stems() -> frozenset[str]:
    """Compared as stems, so "researchers" and "funded" go with "research" and "fund"."""
    return frozenset(stemmer().stemWords([*CALL_WORDS, *GENERIC_WORDS]))


@cache
def generic_stems() -> frozenset[str]:
    return frozenset(stemmer().stemWords(list(GENERIC_WORDS)))


@cache
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN_PLUS)


@cache
def stemmer() -> Stemmer:
    import Stemmer

    # Each distinct word is stemmed once per ranking, so PyStemmer's cache would
    # only cost time (2.5x on a 12,000-word vocabulary).
    return Stemmer.Stemmer("english", 0)


def split_words(text: str) -> list[str]:
    """Lower-case words of `text`, split at punctuation and hyphens."""
    return text.lower().translate(_SEPARATORS).split()


def stems(words: Iterable[str]) -> dict[str, str]:
    """Stem of each distinct word worth matching; stop words and one-letter
    fragments are left out."""
    stop = stopwords()
    kept = [w for w in set(words) if len(w) > 1 and w not in stop]
    return dict(zip(kept, stemmer().stemWords(kept), strict=True))


@dataclass
class Query:
    """Stems to look for, each with a weight and the word the query wrote."""

    weights: dict[str, float] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    # "fine-tuning": stem -> the hyphenated word it came from, and back, so a
    # reason can say "fine-tuning" rather than "fine, tuning".
    compound_of: dict[str, str] = field(default_factory=dict)
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # another stem -> the query stem it stands for ("llms" -> "llm")
    aliases: dict[str, str] = field(default_factory=dict)

    def add(self, text: str | None, weight: float, *, drop: frozenset[str] = frozenset()) -> None:
        """Count the words of `text`, leaving out those whose stem is in `drop`."""
        if not text:
            return
        for written in text.translate(_SEPARATORS).split():
            if _ACRONYM.match(written):
                singular = written.lower().removesuffix("s")
                self.aliases[singular + "s"] = singular
        table = stems(split_words(text))
        for chunk in text.split():
            pairs = [(w, self.canonical(table[w])) for w in split_words(chunk) if w in table]
            pairs = [(word, stem) for word, stem in pairs if stem not in drop]
            for word, stem in pairs:
                self.weights[stem] = min(MAX_TERM_WEIGHT, self.weights.get(stem, 0.0) + weight)
                self.surface.setdefault(stem, word)
            if len(pairs) > 1:
                label = "-".join(word for word, _ in pairs)
                self.compounds.setdefault(label, tuple(stem for _, stem in pairs))
                for _, stem in pairs:
                    self.compound_of.setdefault(stem, label)

    def canonical(self, stem: str) -> str:
        return self.aliases.get(stem, stem)

    def labels(self, matched_stems: list[str]) -> list[str]:
        """Matched stems as the query wrote them, best first; a hyphenated word
        when all of its parts matched."""
        matched = set(matched_stems)
        labels: dict[str, None] = {}
        for stem in matched_stems:
            label = self.compound_of.get(stem)
            if label is None or not matched.issuperset(self.compounds[label]):
                label = self.surface[stem]
            labels.setdefault(label, None)
        return list(labels)

    def __bool__(self) -> bool:
        return bool(self.weights)


# A word repeated throughout a long call description is not worth more than a
# keyword the call lists on purpose.
MAX_TERM_WEIGHT = 3.0
KEYWORD_WEIGHT = 2.0
FOCUS_WEIGHT = 2.0


def make_query(
    text: str = "",
    *,
    name: str = "",
    keywords: Sequence[str] = (),
    focus: str | None = None,
) -> Query:
    """The query for a call: its name, description and keywords lose call
    boilerplate; keywords and the applicant's focus count double."""
    query = Query()
    query.add(CALL_PHRASES.sub(" ", name), 1.0, drop=boilerplate_stems())
    query.add(CALL_PHRASES.sub(" ", text), 1.0, drop=boilerplate_stems())
    for keyword in keywords:
        query.add(CALL_PHRASES.sub(" ", keyword), KEYWORD_WEIGHT, drop=boilerplate_stems())
    query.add(focus, FOCUS_WEIGHT, drop=generic_stems())
    return query


def plain_query(text: str) -> Query:
    """A query typed by a person: every content word counts once."""
    query = Query()
    query.add(text, 1.0, drop=generic_stems())
    return query
