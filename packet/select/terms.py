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
from itertools import pairwise
from typing import TYPE_CHECKING

from packet.select.stoplist import CALL_PHRASES, CALL_WORDS, CASE_KEPT, GENERIC_WORDS

if TYPE_CHECKING:
    from Stemmer import Stemmer

# str.translate + str.split is about three times faster than a token regex over
# 2,000 abstracts, and tokenising is most of what a ranking costs.
_DASHES_QUOTES = "\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0"
SEPARATORS = str.maketrans({c: " " for c in string.punctuation + _DASHES_QUOTES})
# "LLMs", "GPUs": the stemmer leaves plural acronyms alone ("llms" stays "llms"),
# so the query, where case is still known, maps both forms to one stem.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s?$")
# Punctuation that ends a phrase: "Kepler, K2 and TESS" holds no phrase "kepler k2".
_BREAKS = frozenset(",;:.!?)]")

@cache
def boilerplate_stems() -> frozenset[str]:
    """Compared as stems, so "researchers" and "funded" go with "research" and "fund"."""
    return frozenset(stemmer().stemWords([*CALL_WORDS, *GENERIC_WORDS]))


@cache
def generic_forms() -> frozenset[str]:
    """Compared as words (less a plural), not stems: "work" says nothing, but "working
    memory" is a topic, and so are "comparative genomics" and "reading" (stems "work",
    "compar", "read", all of generic words)."""
    return frozenset(light_form(word) for word in GENERIC_WORDS)


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
    return text.lower().translate(SEPARATORS).split()


def stems(words: Iterable[str]) -> dict[str, str]:
    """Stem of each distinct word worth matching; stop words and one-letter
    fragments are left out."""
    stop = stopwords()
    kept = [w for w in set(words) if len(w) > 1 and w not in stop]
    return dict(zip(kept, stemmer().stemWords(kept), strict=True))


def light_form(word: str) -> str:
    """A word without its plural ending: "manipulators" -> "manipulator", "processes"
    -> "process". Two words with one stem and one light form are the same word;
    "manipulation" and "manipulator" share a stem but not a light form."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def marker(acronym: str) -> str:
    # One word to split_words (no punctuation in it), and nothing an item writes.
    return f"{acronym.lower()}\u02bcacronym"


@dataclass
class Query:
    """Stems to look for, each with a weight and the word the query wrote, and the
    texts (focus, keywords, description) whose meaning items are compared with."""

    weights: dict[str, float] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    # stem -> light forms of the words the query wrote with it: an item word with
    # the same stem but another form is a looser match ("manipulators" for "manipulation")
    forms: dict[str, set[str]] = field(default_factory=dict)
    # "fine-tuning": stem -> the hyphenated word it came from, and back, so a
    # reason can say "fine-tuning" rather than "fine, tuning".
    compound_of: dict[str, str] = field(default_factory=dict)
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # another stem -> the query stem it stands for ("llms" -> "llm")
    aliases: dict[str, str] = field(default_factory=dict)
    # acronyms that spell an English word ("US"): matched in capitals only
    acronyms: set[str] = field(default_factory=set)
    # (what it is, its words without boilerplate, the text as written) for the
    # semantic match: the model reads the words, a reason quotes the text
    meanings: list[tuple[str, str, str]] = field(default_factory=list)
    # two stems the query writes side by side ("radial velocity"), in the order written
    phrases: list[tuple[str, str]] = field(default_factory=list)
    # stem -> the initials of a phrase the query writes out ("MCMC"), looked for in capitals
    initials: dict[str, str] = field(default_factory=dict)

    def add(self, text: str | None, weight: float, *, drop: frozenset[str] = frozenset(),
            drop_words: frozenset[str] = frozenset(), meaning: str | None = None,
            typed: bool = False) -> None:
        """Count the words of `text`, leaving out those whose stem is in `drop`, those
        whose light form is in `drop_words` and, when either is given, numbers ("19" of
        "COVID-19" would match any number); `meaning` names
        the text in reasons ("the focus") when its words count for the semantic match.
        A text the applicant `typed` keeps its capitals as typed; a call's sentences
        lose the capital that opens them."""
        if not text:
            return
        shown = " ".join(text.split())
        for written in text.translate(SEPARATORS).split():
            if _ACRONYM.match(written):
                if written.lower() in CASE_KEPT:
                    self.acronyms.add(written)
                    continue
                singular = written.lower().removesuffix("s")
                self.aliases[singular + "s"] = singular
        text = self.mark(text)
        table = stems(split_words(text))
        kept: list[str] = []
        previous: str | None = None  # the stem just before, when the word before was kept
        run: list[str] = []  # the words written side by side so far, as written
        starts_sentence = True
        for chunk in text.split():
            pairs = []
            lower = split_words(chunk)
            originals = chunk.translate(SEPARATORS).split()
            if len(originals) != len(lower):
                originals = lower
            for w, as_written in zip(lower, originals, strict=True):
                stem = self.canonical(table[w]) if w in table else None
                if (stem is None or stem in drop or self.unmark(w).lower() in drop
                        or light_form(w) in drop_words or ((drop or drop_words) and w.isdigit())):
                    previous = None  # a stop word or boilerplate between: not a phrase
                    self._initials(run, weight)
                    run = []
                    continue
                if previous is not None and previous != stem:
                    self.phrases.append((previous, stem))
                previous = stem
                run.append(as_written)
                # "Markov chain", "GPUs" keep their capitals; "Diffusion" opening a
                # sentence does not
                shown_as = (as_written if as_written != w and not (
                    starts_sentence and as_written[1:] == w[1:] and not typed) else w)
                pairs.append((w, stem, self.unmark(w) if w != self.unmark(w) else shown_as))
                starts_sentence = False
            if chunk[-1] in _BREAKS:
                previous = None
                self._initials(run, weight)
                run = []
            starts_sentence = chunk[-1] in ".!?:"
            for word, stem, shown_as in pairs:
                self.weights[stem] = min(MAX_TERM_WEIGHT, self.weights.get(stem, 0.0) + weight)
                self.surface.setdefault(stem, shown_as)
                self.forms.setdefault(stem, set()).add(light_form(word))
            if len(pairs) > 1:
                label = "-".join(self.surface[stem] for _, stem, _ in pairs)
                self.compounds.setdefault(label, tuple(stem for _, stem, _ in pairs))
                for _, stem, _ in pairs:
                    self.compound_of.setdefault(stem, label)
            kept += [self.unmark(word) for word, _, _ in pairs]
        self._initials(run, weight)
        if meaning is not None and kept:
            self.meanings.append((meaning, " ".join(kept), shown))

    def _initials(self, run: list[str], weight: float) -> None:
        """Acronyms of the phrases in `run` (3 to 5 words side by side): "Markov chain
        Monte Carlo" also looks for "MCMC", in capitals, as one word standing for it."""
        for start in range(len(run)):
            for end in range(start + MIN_INITIALS, min(start + MAX_INITIALS, len(run)) + 1):
                initials = "".join(word[0] for word in run[start:end]).upper()
                if not initials.isalpha():
                    continue
                stem = stemmer().stemWord(marker(initials))
                self.weights[stem] = max(self.weights.get(stem, 0.0), weight)
                self.surface.setdefault(stem, initials)
                self.initials.setdefault(stem, initials)
                self.forms.setdefault(stem, set()).add(light_form(marker(initials)))

    def mark(self, text: str) -> str:
        """`text` with each case-kept acronym, where written in capitals, as one marker word."""
        for acronym in self.acronyms:
            text = re.sub(rf"\b{acronym}\b", marker(acronym), text)
        return text

    def unmark(self, word: str) -> str:
        for acronym in self.acronyms:
            if word == marker(acronym):
                return acronym
        return word

    def canonical(self, stem: str) -> str:
        return self.aliases.get(stem, stem)

    def labels(self, matched_stems: list[str], phrases: Iterable[tuple[str, str]] = (),
               said_as: dict[str, str] | None = None) -> list[str]:
        """Matched stems as the query wrote them, best first; a hyphenated word
        when all of its parts matched, and words an item has side by side as the
        query does (`phrases`) as one phrase: "radial velocity measurements".
        `said_as` names the stems an item has only in another form by its own word
        ("manipulators" where the query wrote "manipulation")."""
        matched = set(matched_stems)
        said = said_as or {}
        if not phrases:
            return list(dict.fromkeys(said.get(stem) or self._word_label(stem, matched)
                                      for stem in matched_stems))
        after: dict[str, str] = {}
        before: set[str] = set()
        for first, second in phrases:
            if first in matched and second in matched and first not in after \
                    and second not in before:
                after[first] = second
                before.add(second)
        labels: dict[str, None] = {}
        used: set[str] = set()
        for stem in matched_stems:
            if stem in used:
                continue
            if stem in after or stem in before:
                start = stem
                while start in before:  # walk back to where the phrase starts
                    start = next(f for f, s in after.items() if s == start)
                    if start == stem:
                        break
                chain = [start]
                while chain[-1] in after and after[chain[-1]] not in chain:
                    chain.append(after[chain[-1]])
                used.update(chain)
                whole = self.surface[chain[0]]
                for prev, stem_ in pairwise(chain):
                    part = self.compound_of.get(stem_)
                    joint = "-" if part is not None and part == self.compound_of.get(prev) else " "
                    whole += joint + self.surface[stem_]
                labels.setdefault(whole, None)
                continue
            labels.setdefault(said.get(stem) or self._word_label(stem, matched), None)
        return list(labels)

    def _word_label(self, stem: str, matched: set[str]) -> str:
        """A stem as the query wrote it, or its hyphenated word when all parts matched."""
        compound = self.compound_of.get(stem)
        if compound is None or not matched.issuperset(self.compounds[compound]):
            return self.surface[stem]
        return compound

    def __bool__(self) -> bool:
        return bool(self.weights)


# Phrases of this many words are also looked for by their initials ("MCMC").
MIN_INITIALS = 3
MAX_INITIALS = 5
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
    call = boilerplate_stems()
    query.add(focus, FOCUS_WEIGHT, drop_words=generic_forms(), meaning="the focus", typed=True)
    for keyword in keywords:
        query.add(CALL_PHRASES.sub(" ", keyword), KEYWORD_WEIGHT, drop=call,
                  meaning="the call's keyword")
    query.add(CALL_PHRASES.sub(" ", name), 1.0, drop=call, meaning="the call's title")
    query.add(CALL_PHRASES.sub(" ", text), 1.0, drop=call, meaning="the call's description")
    return query


def plain_query(text: str) -> Query:
    """A query typed by a person: every content word counts once."""
    query = Query()
    query.add(text, 1.0, drop_words=generic_forms(), meaning="the query", typed=True)
    return query
