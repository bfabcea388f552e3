"""Paste sheets: the text for a portal's boxes, each counted the way the portal counts it.

SciENcv, Research.gov, mySNF and the UKRI Funding Service take text typed into
boxes, not PDFs; a certified PDF comes out of the portal afterwards. The sheet
gives each box its text, its counts (characters with and without spaces,
words, entries) beside the limit, so the applicant pastes text that fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from packet.check.human import finding, plural
from packet.counting import count_chars, count_words
from packet.forms import FormOutput
from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec, PasteField
from packet.model.dates import PartialDate
from packet.model.profile import Item, Profile
from packet.model.report import Finding

# Attributes that name an item, then those that say where, in the order a line reads.
_WHAT = ("title", "degree", "role", "name", "area", "category", "student")
_WHERE = ("issuer", "organization", "institution", "venue", "funder", "event", "host")


@dataclass
class Box:
    field: PasteField
    text: str
    items: int | None  # entries, for a box filled from a profile section
    # The limits of the prompt the box shows: printed on the sheet, checked with the answers.
    prompt_chars: int | None = None
    prompt_words: int | None = None

    @property
    def chars(self) -> int:
        return count_chars(self.text)

    @property
    def chars_no_spaces(self) -> int:
        return sum(1 for ch in self.text if not ch.isspace())

    @property
    def words(self) -> int:
        return count_words(self.text)

    def limits(self, own: bool = False) -> list[tuple[str, int, int]]:
        """(what, actual, limit) for each limit the box has (`own`: only the box's own)."""
        f = self.field
        chars = f.max_chars if own else f.max_chars or self.prompt_chars
        words = f.max_words if own else f.max_words or self.prompt_words
        pairs = [("characters (spaces included)", self.chars, chars),
                 ("characters (without spaces)", self.chars_no_spaces, f.max_chars_no_spaces),
                 ("words", self.words, words),
                 ("entries", self.items or 0, f.max_items)]
        return [(what, actual, limit) for what, actual, limit in pairs if limit is not None]

    def counted(self) -> str:
        """The count the portal shows for this box."""
        return {"chars": plural(self.chars, "character"),
                "chars-no-spaces": plural(self.chars_no_spaces, "character") + " without spaces",
                "words": plural(self.words, "word")}[self.field.count]


def item_line(item: Item) -> str:
    """'2024 Best Paper Award, NeurIPS': an item as one line of a portal's list box."""
    what = next((str(v) for a in _WHAT if (v := getattr(item, a, None))), item.id)
    where = next((str(v) for a in _WHERE if (v := getattr(item, a, None))), "")
    date = item.when()
    head = f"{date.year} " if date is not None else ""
    return head + what + (f", {where}" if where and where != what else "")


def fill_boxes(
    call: CallSpec, doc: DocumentSpec, profile: Profile, application: Application | None,
    as_of: PartialDate,
) -> list[Box]:
    from packet.select import resolve_selection

    answers = application.answers if application else {}
    shown = resolve_selection(profile, call, doc, application, as_of=as_of) if any(
        f.section for f in doc.fields) else {}
    boxes = []
    for f in doc.fields:
        if f.prompt is not None:
            prompt = call.prompt(f.prompt)
            boxes.append(Box(f, (answers.get(f.prompt) or "").strip(), None,
                             prompt.max_chars if prompt else None,
                             prompt.max_words if prompt else None))
        elif f.section is not None:
            items = shown.get(f.section, [])
            boxes.append(Box(f, "\n".join(item_line(i) for i in items), len(items)))
        else:
            value = getattr(profile.person, f.person or "", None)
            boxes.append(Box(f, str(value).strip() if value else "", None))
    return boxes


def check_boxes(call: CallSpec, doc: DocumentSpec, boxes: list[Box]) -> list[Finding]:
    """Each box against its own limits, the sheet against its totals. A prompt's own limit is
    checked with the answers, so only the limits written on the box are checked here."""
    out = []
    for box in boxes:
        f = box.field
        where = f"{doc.title}, {f.label}"
        if not box.text and f.required and f.prompt is None:
            origin = f"the profile's {f.section}" if f.section else f"person.{f.person}"
            out.append(finding(
                "paste-required", "error", f"{where} is empty: add it to {origin}.",
                document=doc.id, limit="a value", actual="empty", source=f.source))
        for what, actual, limit in box.limits(own=True):
            if actual > limit:
                out.append(finding(
                    "paste-limit", "error",
                    f"{where} has {actual:,} {what}, {actual - limit:,} over the portal's limit.",
                    document=doc.id, limit=f"{limit:,} {what}", actual=f"{actual:,} {what}",
                    source=f.source))
    text = "\n\n".join(b.text for b in boxes if b.text)
    for what, total, cap in (("words", count_words(text), doc.max_words),
                             ("characters (spaces included)", count_chars(text), doc.max_chars)):
        if cap is not None and total > cap:
            out.append(finding(
                "paste-total", "error",
                f"{doc.title} has {total:,} {what} in all, {total - cap:,} over the limit "
                f"for the whole form.", document=doc.id, limit=f"{cap:,} {what}",
                actual=f"{total:,} {what}", source=doc.source))
    return out


def _status(box: Box) -> str:
    over = [f"{actual - limit:,} {what} over" for what, actual, limit in box.limits()
            if actual > limit]
    if over:
        return "OVER: " + "; ".join(over)
    if not box.text:
        return "empty" + (" (required)" if box.field.required else " (optional)")
    return "within the limit" if box.limits() else "no limit"


def _counts(box: Box) -> str:
    parts = [f"{box.chars:,} characters with spaces", f"{box.chars_no_spaces:,} without",
             plural(box.words, "word")]
    if box.items is not None:
        parts.insert(0, plural(box.items, "entry", "entries"))
    return "; ".join(parts)


def _limit_text(box: Box) -> str:
    return "; ".join(f"at most {limit:,} {what}" for what, _, limit in box.limits()) or "none"


def _total(doc: DocumentSpec, boxes: list[Box]) -> str | None:
    """'All boxes together: 762 characters of at most 4,600 (within the limit)', if limited."""
    text = "\n\n".join(b.text for b in boxes if b.text)
    parts = []
    for what, total, cap in (("words", count_words(text), doc.max_words),
                             ("characters with spaces", count_chars(text), doc.max_chars)):
        if cap is not None:
            state = "within the limit" if total <= cap else f"OVER by {total - cap:,}"
            parts.append(f"{total:,} {what} of at most {cap:,} ({state})")
    return "All boxes together: " + "; ".join(parts) if parts else None


def sheet_text(doc: DocumentSpec, person: str, boxes: list[Box]) -> str:
    lines = [f"{doc.title} — {person}",
             "Paste each box into the portal as it is. Counts are as the portal counts them."]
    total = _total(doc, boxes)
    lines += [total, ""] if total else [""]
    for box in boxes:
        lines += [f"== {box.field.label} ==",
                  f"Counts: {_counts(box)} (the portal counts {box.counted()})",
                  f"Limit: {_limit_text(box)} — {_status(box)}", "", box.text or "(empty)", ""]
    return "\n".join(lines).rstrip() + "\n"


def _fence(text: str) -> str:
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    return "`" * max(3, longest + 1)


def sheet_markdown(doc: DocumentSpec, person: str, boxes: list[Box]) -> str:
    rows = ["| Box | Counts | Limit | Status |", "|---|---|---|---|"]
    rows += [f"| {b.field.label} | {_counts(b)} | {_limit_text(b)} | {_status(b)} |"
             for b in boxes]
    total = _total(doc, boxes)
    out = [f"# {doc.title}", "", f"{person}. Paste each box into the portal as it is; the counts "
           "are the portal's.", "", *([total, ""] if total else []), *rows, ""]
    for box in boxes:
        fence = _fence(box.text)
        out += [f"## {box.field.label}", "", f"{_counts(box)} — {_status(box)}", "",
                fence + "text", box.text or "(empty)", fence, ""]
    return "\n".join(out)


def paste_sheet_output(
    call: CallSpec, doc: DocumentSpec, profile: Profile, application: Application | None,
    as_of: PartialDate,
) -> FormOutput:
    boxes = fill_boxes(call, doc, profile, application, as_of)
    person = profile.person.name
    text = "\n\n".join(b.text for b in boxes if b.text)
    return FormOutput(
        doc=doc,
        files={f"{doc.id}.txt": sheet_text(doc, person, boxes).encode(),
               f"{doc.id}.md": sheet_markdown(doc, person, boxes).encode()},
        findings=check_boxes(call, doc, boxes),
        words=count_words(text), characters=count_chars(text),
        items={b.field.section: b.items for b in boxes
               if b.field.section is not None and b.items is not None},
    )
