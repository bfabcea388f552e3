"""What the call asks, as the wizard explains it: caps, limits, counters, refusals."""

from __future__ import annotations

from dataclasses import dataclass

from packet.counting import count_chars, count_words
from packet.model.call import CallSpec, DocumentSpec, Prompt

COVER_LETTER = "cover-letter"
ADDRESSEE = "addressee"  # the cover letter's "Dear ..." line; not a prompt of the call
DEFAULT_ADDRESSEE = "members of the selection committee"


@dataclass
class Cap:
    limit: int
    document: str  # title of the document whose rule sets it


def section_caps(call: CallSpec, documents: list[DocumentSpec] | None = None) -> dict[str, Cap]:
    """The strictest item cap per section across the packet's documents: one selection feeds all."""
    caps: dict[str, Cap] = {}
    for doc in call.documents if documents is None else documents:
        for rule in doc.sections:
            if rule.max_items is None:
                continue
            current = caps.get(rule.section)
            if current is None or rule.max_items < current.limit:
                caps[rule.section] = Cap(rule.max_items, doc.title)
    return caps


def included_documents(call: CallSpec, skipped: list[str]) -> list[DocumentSpec]:
    """The documents that go in the packet: all but the optional ones the applicant left out."""
    return [d for d in call.documents if not (d.optional and d.id in skipped)]


# Built-in templates that list a profile's publications whether or not a rule restricts them.
LISTS_PUBLICATIONS = ("cv", "publications")


def sections_to_choose(call: CallSpec, documents: list[DocumentSpec] | None = None) -> list[str]:
    """Sections the packet's documents restrict, in first-use order. With no rules, a packet
    with a CV or a publication list still gets to choose its publications; one without
    (an NSF proposal, whose biosketch is an attachment) has nothing to choose."""
    docs = call.documents if documents is None else documents
    seen: dict[str, None] = {}
    for doc in docs:
        for rule in doc.sections:
            seen.setdefault(rule.section, None)
    if not seen and any(doc.template in LISTS_PUBLICATIONS for doc in docs):
        return ["publications"]
    return list(seen)


def section_uses(section: str, documents: list[DocumentSpec]) -> list[str]:
    """Where a section's choice goes, with each document's rule, e.g.
    'Curriculum Vitae (at most 12, from 2020)'."""
    uses = []
    for doc in documents:
        rule = doc.rule_for(section)
        if rule is None:
            continue
        terms = rule.limits()
        uses.append(doc.title + (f" ({', '.join(terms)})" if terms else ""))
    return uses


def prompts_to_ask(call: CallSpec, documents: list[DocumentSpec]) -> list[Prompt]:
    """The call's prompts, less those that only documents left out of the packet answer."""
    used = {p for doc in documents for p in doc.prompts}
    anywhere = {p for doc in call.documents for p in doc.prompts}
    return [p for p in call.prompts if p.id in used or p.id not in anywhere]


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 publication', '2 publications', '1,200 words'."""
    return f"{count:,} {noun if count == 1 else (many or noun + 's')}"


def cap_message(section: str, chosen: int, cap: Cap | None) -> str | None:
    if cap is not None and chosen > cap.limit:
        return (f"{chosen} ticked: “{cap.document}” allows at most {cap.limit}. "
                f"Untick {chosen - cap.limit} to go on.")
    return None


def tick_count(section: str, chosen: int, cap: Cap | None) -> str:
    """The line under a list, e.g. '7 ticked · “Curriculum Vitae” allows at most 12' (a
    title in quotes reads as one name: “Publications” allows, not "the Publications allow")."""
    if cap is None:
        return f"{chosen} ticked"
    return f"{chosen} ticked · “{cap.document}” allows at most {cap.limit}"


def limit_text(prompt: Prompt) -> str:
    parts = []
    if prompt.max_words:
        parts.append(f"at most {prompt.max_words:,} words")
    if prompt.max_chars:
        parts.append(f"at most {prompt.max_chars:,} characters")
    return " and ".join(parts)


def answer_count(prompt: Prompt, text: str) -> str:
    """The live counter under an answer, e.g. '212 / 300 words'."""
    shown = []
    words = count_words(text)
    if prompt.max_words or not prompt.max_chars:
        limit = f" / {prompt.max_words:,}" if prompt.max_words else ""
        shown.append(f"{words:,}{limit} words")
    if prompt.max_chars:
        shown.append(f"{count_chars(text):,} / {prompt.max_chars:,} characters")
    return "  ·  ".join(shown)


TEMPLATE_MARK = ("{{", "{%", "{#")


def answer_problem(prompt: Prompt, text: str) -> str | None:
    """Why an answer cannot be accepted as it is, or None."""
    if any(mark in text for mark in TEMPLATE_MARK):
        return ("Answers are printed as typed, so “{{ cite(...) }}” and other {{ }} or {% %} "
                "would appear literally. Name the work in words (e.g. “Favero et al., 2025”), "
                "or put this text in a statement (statements/NAME.md), where cite() works.")
    return over_limit(prompt, text)


def over_limit(prompt: Prompt, text: str) -> str | None:
    words, chars = count_words(text), count_chars(text)
    if prompt.max_words and words > prompt.max_words:
        return (f"{words:,} words: the limit is {prompt.max_words:,}. "
                f"Cut {words - prompt.max_words:,}.")
    if prompt.max_chars and chars > prompt.max_chars:
        return (f"{chars:,} characters: the limit is {prompt.max_chars:,}. "
                f"Cut {chars - prompt.max_chars:,}.")
    return None
