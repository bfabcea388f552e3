"""How current a call's rules are, where they come from, and the limits no document shows.

Shown by `packet calls show` under the documents; `packet calls outdated` lists the
stale ones. The words of a warning are the checker's (packet.check.cycle).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from packet.check.cycle import stale_reasons
from packet.model.call import CallSpec, Cycle
from packet.model.dates import PartialDate

STATUS = {"funder": "funder", "secondary": "secondary source", "unconfirmed": "unconfirmed"}


def cycle_line(cycle: Cycle) -> str:
    parts = [cycle.label]
    if cycle.opens:
        parts.append(f"opens {cycle.opens}")
    if cycle.closes:
        parts.append(f"closes {cycle.closes}")
    if cycle.check_by:
        parts.append(f"check again after {cycle.check_by}")
    if cycle.next_label or cycle.next_opens:
        nxt = cycle.next_label or "next round"
        when = ", ".join(x for x in (f"opens {cycle.next_opens}" if cycle.next_opens else "",
                                     f"closes {cycle.next_closes}" if cycle.next_closes else "")
                         if x)
        parts.append(f"next: {nxt}" + (f" ({when})" if when else ""))
    return "; ".join(parts)


def rules_renderables(call: CallSpec, today: PartialDate) -> Iterator[RenderableType]:
    text = Text()
    if call.cycle:
        text.append("Cycle", style="bold")
        ref = f"; {call.cycle.ref}" if call.cycle.ref else ""
        text.append(f" ({STATUS[call.cycle.source]}{ref}): {cycle_line(call.cycle)}\n")
    for reason in stale_reasons(call, today):
        text.append("warning: ", style="bold yellow")
        text.append(reason + "\n")
    if text:
        yield text

    for doc in call.documents:
        if doc.kind != "paste-sheet":
            continue
        sheet = Table(title=f"Paste sheet: {doc.title}", title_justify="left",
                      title_style="bold", header_style="bold")
        for column in ("box", "from", "counted as", "limit", "source"):
            sheet.add_column(column, overflow="fold")
        for f in doc.fields:
            origin = (f"prompt {f.prompt}" if f.prompt else
                      f"section {f.section}" if f.section else f"person.{f.person}")
            limits = [f"≤ {f.max_chars:,} chars" if f.max_chars else "",
                      f"≤ {f.max_chars_no_spaces:,} chars w/o spaces"
                      if f.max_chars_no_spaces else "",
                      f"≤ {f.max_words:,} words" if f.max_words else "",
                      f"≤ {f.max_items} entries" if f.max_items else ""]
            prompt = call.prompt(f.prompt) if f.prompt else None
            if prompt is not None:
                limits += [f"≤ {prompt.max_chars:,} chars" if prompt.max_chars else "",
                           f"≤ {prompt.max_words:,} words" if prompt.max_words else ""]
            sheet.add_row(f.label, origin, f.count, ", ".join(x for x in limits if x) or "—",
                          STATUS[f.source] + (f"; {f.ref}" if f.ref else ""))
        totals = [f"≤ {doc.max_words:,} words" if doc.max_words else "",
                  f"≤ {doc.max_chars:,} chars" if doc.max_chars else ""]
        if any(totals):
            sheet.caption = "All boxes together: " + ", ".join(t for t in totals if t)
        yield sheet

    if call.facts:
        facts = Table(title="Facts (limits and procedures no document check tests)",
                      title_justify="left", title_style="bold", header_style="bold")
        for column in ("id", "kind", "fact", "source"):
            facts.add_column(column, overflow="fold")
        for fact in call.facts:
            source = STATUS[fact.source] + (f"; {fact.reference}" if fact.reference else "")
            facts.add_row(fact.id, fact.kind, fact.text, source)
        yield facts

    if call.sources:
        sources = Table(title="Rules read from", title_justify="left", title_style="bold",
                        header_style="bold")
        for column in ("document", "read", "status"):
            sources.add_column(column, overflow="fold")
        for src in call.sources:
            title = src.title + (f"\n{src.url}" if src.url else "")
            sources.add_row(title, str(src.read), STATUS[src.status])
        yield sources
