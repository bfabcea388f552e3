"""Compliance rules: plain functions from a call's spec and what was built to findings.

Each finding carries the real figure beside the allowed one, as text a person
reads ("1,200 words" against "1,000 words"). Rules read from an unconfirmed
source keep their severity; their message says they are unconfirmed.
`check_pdf` lives in `packet.check.rules_pdf` and is re-exported here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from pathlib import Path, PurePath

from packet.check.headings import label as heading_label
from packet.check.headings import missing_headings
from packet.check.human import finding, megabytes, plural
from packet.check.rules_pdf import check_pdf
from packet.compose.doctree import Document, inline_text
from packet.counting import count_chars, count_words
from packet.model.call import CallSpec, DocumentSpec
from packet.model.dates import PartialDate
from packet.model.profile import Education, Item, Profile
from packet.model.report import Finding

__all__ = [
    "check_answers",
    "check_eligibility",
    "check_files",
    "check_outputs",
    "check_pdf",
    "check_selection",
    "check_text",
    "count_chars",
    "count_words",
]

_PHD = re.compile(
    r"\bph\.?\s?d\b|\bd\.?\s?phil\b|doctor|doctorat|dottorato|\bdr\.?\s?(?:rer|sc|phil)",
    re.IGNORECASE,
)
_DAYS_PER_YEAR = 365.2425


def check_text(doc: DocumentSpec, tree: Document, call: CallSpec) -> list[Finding]:
    """Words and characters of a document's text, and the headings the call requires."""
    text = tree.plain_text()
    out = _length("", doc.max_words, doc.max_chars, text, doc.id, doc.title, doc.source)
    headings = [inline_text(h.children) for h in tree.headings()]
    for required in missing_headings(doc.required_headings, headings):
        name = heading_label(required)
        out.append(finding(
            "required-heading", "error",
            f"{doc.title} has no heading '{name}', which {call.name} requires.",
            document=doc.id, limit=f"a heading '{name}'", actual="missing",
            source=doc.source,
        ))
    return out


def _length(
    prefix: str,
    max_words: int | None,
    max_chars: int | None,
    text: str,
    document: str | None,
    what: str,
    source: str,
) -> list[Finding]:
    out = []
    if max_words is not None and (words := count_words(text)) > max_words:
        out.append(finding(
            prefix + "max-words", "error",
            f"{what} has {plural(words, 'word')}, {words - max_words:,} over the limit.",
            document=document, limit=plural(max_words, "word"), actual=plural(words, "word"),
            source=source,
        ))
    if max_chars is not None and (chars := count_chars(text)) > max_chars:
        out.append(finding(
            prefix + "max-chars", "error",
            f"{what} has {plural(chars, 'character')} (spaces included), "
            f"{chars - max_chars:,} over the limit.",
            document=document, limit=plural(max_chars, "character"),
            actual=plural(chars, "character"), source=source,
        ))
    return out


def check_selection(
    doc: DocumentSpec, shown: dict[str, list[Item]], as_of: PartialDate
) -> list[Finding]:
    """Items shown per section against the document's caps, date windows and kinds."""
    out: list[Finding] = []
    for rule in doc.sections:
        items = shown.get(rule.section, [])
        where = f"{doc.title}, {rule.section}"
        if rule.max_items is not None and len(items) > rule.max_items:
            out.append(finding(
                "max-items", "error",
                f"{where}: {len(items)} shown where at most {rule.max_items} are allowed.",
                document=doc.id, limit=f"{rule.max_items} {rule.section}",
                actual=f"{len(items)} {rule.section}", source=rule.source,
            ))
        windows = []
        if rule.since is not None:
            windows.append((rule.since, f"since {rule.since}"))
        if rule.within_years is not None:
            start = PartialDate(as_of.year - rule.within_years, as_of.month, as_of.day)
            windows.append((start, f"the last {plural(rule.within_years, 'year')} (from {start})"))
        for start, label in windows:
            old = [i for i in items if (d := i.when()) is not None and _latest(d) < start.key()]
            if old:
                out.append(finding(
                    "date-window", "error",
                    f"{where}: {_ids(old)} {'is' if len(old) == 1 else 'are'} older than "
                    f"the call allows ({label}).",
                    document=doc.id, limit=label,
                    actual=f"{plural(len(old), 'item')} from before {start}", source=rule.source,
                ))
        if rule.kinds:
            # Items without a kind (education, skills) are not restricted by kind.
            allowed = {k.casefold() for k in rule.kinds} | {""}
            wrong = [i for i in items if str(getattr(i, "kind", "")).casefold() not in allowed]
            if wrong:
                kinds = ", ".join(sorted({str(getattr(i, "kind", "")) for i in wrong}))
                out.append(finding(
                    "kinds", "error",
                    f"{where}: {_ids(wrong)} {'is' if len(wrong) == 1 else 'are'} of a kind the "
                    f"call does not accept ({kinds}).",
                    document=doc.id, limit=", ".join(rule.kinds), actual=kinds, source=rule.source,
                ))
    return out


def _latest(date: PartialDate) -> tuple[int, int, int]:
    """The last day a partial date can mean: an item dated 2020 is inside a window from 2020-06."""
    return (date.year, date.month or 12, date.day or 31)


def _ids(items: list[Item]) -> str:
    names = [i.id for i in items[:5]]
    more = f" and {len(items) - 5} more" if len(items) > 5 else ""
    return ", ".join(names) + more


def check_answers(
    call: CallSpec, answers: dict[str, str], built: Collection[str] | None = None
) -> list[Finding]:
    """Each prompt's answer against its word and character limits; required ones present.

    `built` names the documents in the packet: a prompt that only a left-out
    optional document asks is not required.
    """
    out: list[Finding] = []
    for prompt in call.prompts:
        asking = [d.id for d in call.documents if prompt.id in d.prompts]
        if built is not None and asking and not any(d in built for d in asking):
            continue
        document = asking[0] if asking else None
        text = (answers.get(prompt.id) or "").strip()
        if not text:
            if prompt.required:
                out.append(finding(
                    "prompt-required", "error",
                    f"'{prompt.question}' is required and has no answer: write it in the "
                    "wizard, or under answers in the application file.",
                    document=document, actual="no answer", source=prompt.source,
                ))
            continue
        out += _length(
            "prompt-", prompt.max_words, prompt.max_chars, text, document,
            f"The answer to '{prompt.question}'", prompt.source,
        )
    return out


def check_files(call: CallSpec, files: list[Path]) -> list[Finding]:
    """Files on disk as a portal sees them (see `check_outputs`); a missing one is an error."""
    sizes: dict[str, int] = {}
    out: list[Finding] = []
    for path in files:
        try:
            sizes[str(path)] = path.stat().st_size
        except OSError:
            out.append(finding(
                "file-missing", "error", f"{path} does not exist.",
                document=path.name, limit="a file", actual="missing",
            ))
    return out + check_outputs(call, sizes)


def check_outputs(call: CallSpec, files: Mapping[str, int]) -> list[Finding]:
    """Files (path -> size) as a portal sees them: not empty, size, name length and
    characters, unique names."""
    rules = call.files
    out: list[Finding] = []
    names = {path: PurePath(path).name for path in files}
    counts = Counter(name.casefold() for name in names.values())
    for path, size in files.items():
        name = names[path]
        if size == 0:
            out.append(finding(
                "empty-file", "error", f"{name} is empty: portals reject 0-byte files.",
                document=name, limit="more than 0 bytes", actual="0 bytes",
            ))
        if rules.max_size_mb is not None and size > rules.max_size_mb * 1_000_000:
            out.append(finding(
                "max-size", "error", f"{name} is {megabytes(size)}, over the size limit.",
                document=name, limit=f"{rules.max_size_mb:g} MB", actual=megabytes(size),
                source=rules.source,
            ))
        if rules.max_filename_length is not None and len(name) > rules.max_filename_length:
            out.append(finding(
                "filename-length", "error",
                f"The file name '{name}' is {len(name)} characters long: shorten it.",
                document=name, limit=plural(rules.max_filename_length, "character"),
                actual=plural(len(name), "character"), source=rules.source,
            ))
        bad = sorted({ch for ch in name if ch in rules.forbidden_chars})
        if bad:
            out.append(finding(
                "filename-chars", "error",
                f"The file name '{name}' contains {' '.join(repr(c) for c in bad)}, "
                "which the portal does not accept.",
                document=name, limit=f"none of {rules.forbidden_chars}", actual=" ".join(bad),
                source=rules.source,
            ))
        if counts[name.casefold()] > 1:
            out.append(finding(
                "filename-unique", "warning",
                f"More than one file is named '{name}': portals need unique names.",
                document=name, limit="unique names", actual=f"{counts[name.casefold()]} files",
                source=rules.source,
            ))
    return out


def check_eligibility(call: CallSpec, profile: Profile, as_of: PartialDate) -> list[Finding]:
    """Years since the PhD against the call's window: warnings, since extensions exist."""
    rules = call.eligibility
    if rules is None or (rules.min_years_since_phd is None and rules.max_years_since_phd is None):
        return []
    note = f" {rules.note}" if rules.note else ""
    window = _window(rules.min_years_since_phd, rules.max_years_since_phd)
    phds = [e for e in profile.education if _PHD.search(e.degree)]
    if not phds:
        return [finding(
            "years-since-phd", "warning",
            f"No PhD found in the profile's education, so eligibility ({window}) was not checked.",
            limit=window, actual="no PhD in the profile", source=rules.source,
        )]
    finished = [e for e in phds if isinstance(e.end, PartialDate)]
    if not finished:
        ongoing = any(e.end == "present" for e in phds)
        status = "in progress" if ongoing else "without an end date"
        return [finding(
            "years-since-phd", "warning",
            f"The PhD is {status} in the profile; the call asks for {window}.{note}",
            limit=window, actual=f"PhD {status}", source=rules.source,
        )]
    phd = min(finished, key=_phd_date)
    awarded = _phd_date(phd)
    years = (as_of.as_date() - awarded.as_date()).days / _DAYS_PER_YEAR
    too_few = rules.min_years_since_phd is not None and years < rules.min_years_since_phd
    too_many = rules.max_years_since_phd is not None and years > rules.max_years_since_phd
    if not (too_few or too_many):
        return []
    # A bare year is read as its first day, the reading that gives the most years.
    reading = " (a year alone is read as 1 January)" if awarded.month is None else ""
    return [finding(
        "years-since-phd", "warning",
        f"{years:.1f} years from the PhD ({awarded.human()}){reading} to {as_of.human()}; the "
        f"call asks for {window}. Career breaks may extend the window: check the call's "
        f"rules.{note}",
        limit=window, actual=f"{years:.1f} years", source=rules.source,
    )]


def _phd_date(entry: Education) -> PartialDate:
    assert isinstance(entry.end, PartialDate)
    return entry.end


def _window(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}-{high:g} years after the PhD"
    if low is not None:
        return f"at least {low:g} years after the PhD"
    return f"at most {high:g} years after the PhD"
