"""The review screen: what goes into each document, and what is still missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packet.model.application import Application
from packet.wizard.answers import (
    ADDRESSEE,
    COVER_LETTER,
    DEFAULT_ADDRESSEE,
    LISTS_PUBLICATIONS,
    answer_count,
    answer_problem,
    plural,
)
from packet.wizard.draft import Draft

if TYPE_CHECKING:
    from rich.console import Console

    from packet.model.call import CallSpec
    from packet.store.workspace import Workspace


def count_of(count: int, section: str) -> str:
    """'1 publication', '3 publications', '1 talk' (section names are plural nouns)."""
    return plural(count, section.removesuffix("s"), section) if section.endswith("s") else (
        f"{count} {section}")


def review(ws: Workspace, profile_id: str, call: CallSpec, draft: Draft, out: Console) -> int:
    """What goes in each document (items, answers, texts), and what is missing; returns
    how many problems (shown in red) it found."""
    from rich.markup import escape
    from rich.table import Table

    from packet.select import item_title

    profile = ws.profile(profile_id)
    application = Application.model_validate(_plain(draft.data))
    from packet.wizard.attach import problem

    folder = ws.profile_dir(profile_id)
    items = profile.items()
    statements = ws.statements_dir(profile_id)
    # Per row: the document, its limits, and the lines of what goes in as (text, style).
    rows: list[tuple[str, list[str], list[tuple[str, str]]]] = []
    for doc in call.documents:
        title = doc.title + ("\n(optional)" if doc.optional else "")
        if doc.id in application.skip_documents and doc.optional:
            rows.append((title, [], [("left out", "dim")]))
            continue
        limits = [
            x
            for x in (
                _plural(doc.max_pages, "page") if doc.max_pages else "",
                _plural(doc.max_words, "word") if doc.max_words else "",
            )
            if x
        ]
        lines: list[tuple[str, str]] = []
        sections = [rule.section for rule in doc.sections]
        if doc.template in LISTS_PUBLICATIONS:  # they list a chosen section even unruled
            sections += [s for s in application.selections if s not in sections]
        for section in sections:
            rule = doc.rule_for(section)
            ids = [i for i in application.selections.get(section, []) if i in items]
            if rule is not None and rule.max_items is not None:
                limits.append(f"{rule.max_items} {section}")
            lines.append((count_of(len(ids), section) + (":" if ids else ""), ""))
            lines += [(f"  {item_title(items[i])}", "") for i in ids[:3]]
            if len(ids) > 3:
                lines.append((f"  … and {len(ids) - 3} more", ""))
        if doc.template == "cv":
            lines.append(("the other sections of your profile, newest first", ""))
        if doc.template not in LISTS_PUBLICATIONS:
            name = doc.statement or doc.id
            if (statements / f"{name}.md").is_file():
                lines.append((f"your text in statements/{name}.md", ""))
            elif not doc.prompts:
                lines.append((f"no statements/{name}.md yet: write it before you build", "red"))
        for prompt_id in doc.prompts:
            prompt = call.prompt(prompt_id)
            text = application.answers.get(prompt_id, "").strip()
            label = (prompt.heading or prompt_id) if prompt else prompt_id
            if not text:
                required = prompt is None or prompt.required
                said = "left empty: an error at build" if required else "no answer (optional)"
                lines.append((f"{label}: {said}", "red" if required else "dim"))
                continue
            bad = prompt is not None and answer_problem(prompt, text)
            count = answer_count(prompt, text) if prompt else ""
            lines.append((f"{label} ({count}):", "red" if bad else ""))
            lines.append((f"  “{' '.join(text.split())}”", ""))
        if doc.template == COVER_LETTER:
            addressee = application.answers.get(ADDRESSEE) or DEFAULT_ADDRESSEE
            lines.append((f"Dear {addressee},", ""))
        rows.append((title, limits, lines))
    missing = []
    for attachment in call.attachments:
        given = application.attachments.get(attachment.id)
        if not given:
            missing.append(attachment)
        wrong = problem(attachment, given, folder) if given else None
        state = (
            ((f"{given}: {wrong}" if wrong else given), "red" if wrong else "")
            if given
            else (
                ("not attached (required)", "red")
                if attachment.required
                else ("not attached", "dim")
            )
        )
        limits = [_plural(attachment.max_pages, "page")] if attachment.max_pages else []
        rows.append((f"{attachment.title}\n(attachment)", limits, [state]))

    # Item titles and quoted answers (the indented lines) are cut to one line each.
    title_width = min(max(len(line) for title, _, _ in rows for line in title.split("\n")), 22)
    limit_width = max([len("at most"), *(len(x) for _, limits, _ in rows for x in limits)])
    room = max(out.width - title_width - limit_width - 10, 20)
    table = Table(
        title=f"Review — {escape(call.name)}",
        title_justify="left",
        title_style="bold",
        header_style="bold",
        show_lines=True,
    )
    table.add_column("document", width=title_width)
    table.add_column("at most", width=limit_width)
    table.add_column("what goes in", width=room)
    for title, limits, lines in rows:
        name, _, note = title.partition("\n")
        shown = [escape(cut(text, room) if text.startswith("  ") else text) for text, _ in lines]
        table.add_row(
            escape(name) + (f"\n[dim]{escape(note)}[/]" if note else ""),
            "\n".join(limits) or "—",
            "\n".join(
                f"[{style}]{text}[/]" if style else text
                for text, (_, style) in zip(shown, lines, strict=True)
            )
            or "—",
        )
    out.print()
    if application.focus:
        focus = " ".join(application.focus.split())
        out.print(f"[bold]Focus:[/] {escape(cut(focus, out.width - 8))}")
    out.print(table)
    if missing:
        out.print(f"[dim]To attach {' and '.join(escape(a.title) for a in missing)}, choose "
                  "it in the menu below.[/]")
    return sum(1 for _, _, lines in rows for _, style in lines if style == "red")


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _plain(data: object) -> object:
    from packet.store.yaml_io import to_plain

    return to_plain(data)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"
