"""A list to choose from or tick in, made for 200 items.

questionary's lists bind single letters (`a` ticks all, `i` inverts) that
fire while someone types to search, let Enter pick the first entry when a
filter matches nothing, and have no End, PageDown or way to reorder; this one
is built on prompt_toolkit directly. Typing filters (every word must match the
entry's title or its search text, e.g. a call's funder and id); space ticks;
Shift-↑/↓ (or Alt-↑/↓) moves the highlighted entry, and the ticked entries come
back in the order shown; Shift-Tab goes back a step.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app
from prompt_toolkit.data_structures import Point
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style


class Back(Exception):
    """Shift-Tab: the applicant wants the previous step (or the review menu)."""


@dataclass
class Entry:
    title: str
    value: str
    checked: bool = False
    disabled: str | None = None  # why it cannot be chosen
    description: str | None = None  # shown under the list while highlighted
    search: str = ""  # more text the filter matches (funder, id...)
    haystack: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.haystack = f"{self.title} {self.search}".casefold()


# Given the ticked values and the highlighted one: a line under the list and whether
# it reports a problem (drawn in red).
Footer = Callable[[list[str], str | None], tuple[str, bool]]


def _columns() -> int:
    return get_app().output.get_size().columns


def _wrap(text: str, indent: str = "  ") -> str:
    width = max(_columns() - len(indent) - 1, 20)
    lines = [w for part in text.splitlines() for w in textwrap.wrap(part, width) or [""]]
    return "\n".join(indent + line for line in lines)


class Picker:
    def __init__(self, message: str, entries: list[Entry], *, multi: bool, instruction: str,
                 validate: Callable[[list[str]], str | None] | None = None,
                 footers: list[Footer] | None = None, default: str | None = None,
                 movable: bool = False) -> None:
        self.message, self.entries, self.multi = message, list(entries), multi
        self.instruction, self.validate = instruction, validate
        self.footers, self.movable = footers or [], movable
        self.ticked = {e.value for e in entries if e.checked and not e.disabled}
        self.query = ""
        self.error: str | None = None
        self.done: str | None = None  # the answer's summary, once answered
        self.pointer = 0
        values = [e.value for e in self.entries]
        if default in values:
            self.pointer = values.index(default)
        elif not multi:
            self.pointer = next((i for i, e in enumerate(entries) if not e.disabled), 0)

    # -- state ------------------------------------------------------------------------
    def shown(self) -> list[Entry]:
        words = self.query.casefold().split()
        return [e for e in self.entries if all(w in e.haystack for w in words)]

    def pointed(self) -> Entry | None:
        shown = self.shown()
        return shown[min(self.pointer, len(shown) - 1)] if shown else None

    def result(self) -> list[str]:
        return [e.value for e in self.entries if e.value in self.ticked]

    def _check(self) -> None:
        self.error = self.validate(self.result()) if self.validate else None

    def _refilter(self, query: str) -> None:
        current = self.pointed()
        self.query = query
        shown = self.shown()
        self.pointer = shown.index(current) if current in shown else 0
        self.error = None
        if self.multi:
            self._check()

    # -- drawing ----------------------------------------------------------------------
    def _header(self) -> StyleAndTextTuples:
        parts: StyleAndTextTuples = [("class:qmark", "? "), ("class:question", self.message)]
        if self.done is not None:
            return [*parts, ("", " "), ("class:answer", self.done)]
        parts.append(("", "\n"))
        parts.append(("class:instruction", _wrap(self.instruction, "")))
        if self.query:
            count = len(self.shown())
            found = f"{count} of {len(self.entries)}" if count else "nothing matches"
            parts += [("", "\n"), ("class:search_success" if count else "class:search_none",
                                   f"filter: {self.query}  ({found}; Backspace edits it)")]
        return parts

    def _lines(self) -> StyleAndTextTuples:
        width = max(_columns() - 6, 20)
        out: StyleAndTextTuples = []
        for index, entry in enumerate(self.shown()):
            here = index == self.pointer
            mark = ("● " if entry.value in self.ticked else "○ ") if self.multi else ""
            title = entry.title if len(entry.title) <= width else entry.title[:width - 1] + "…"
            style = ("class:disabled" if entry.disabled else
                     "class:highlighted" if here else
                     "class:selected" if entry.value in self.ticked else "")
            out += [("class:pointer", "❯ " if here else "  "), (style, mark + title), ("", "\n")]
        if out:
            out.pop()
        return out

    def _under(self) -> StyleAndTextTuples:
        out: StyleAndTextTuples = []
        entry = self.pointed()
        if entry is not None:
            about = entry.description or ""
            if entry.disabled:
                about = f"Cannot be chosen: {entry.disabled}." + (f"\n{about}" if about else "")
            if about:
                out += [("class:note", _wrap(about)), ("", "\n")]
        for footer in self.footers:
            text, problem = footer(self.result(), entry.value if entry else None)
            if text:
                out += [("class:over" if problem else "class:note", _wrap(text)), ("", "\n")]
        if self.error:
            out += [("class:over", _wrap(self.error)), ("", "\n")]
        if out:
            out.pop()
        return out

    def _list_height(self) -> Dimension:
        rows = get_app().output.get_size().rows
        return Dimension(min=1, max=max(rows - 12, 3), preferred=max(len(self.shown()), 1))

    # -- keys -------------------------------------------------------------------------
    def _keys(self) -> KeyBindings:
        keys = KeyBindings()

        def move(step: int) -> Callable[[KeyPressEvent], None]:
            def handler(_event: KeyPressEvent) -> None:
                count = len(self.shown())
                if count:
                    self.pointer = max(0, min(count - 1, self.pointer + step))
            return handler

        page = max(get_app_rows() - 14, 5)
        for key, step in ((Keys.Up, -1), (Keys.ControlP, -1), (Keys.Down, 1), (Keys.ControlN, 1),
                          (Keys.PageUp, -page), (Keys.PageDown, page),
                          (Keys.Home, -10**6), (Keys.End, 10**6)):
            keys.add(key)(move(step))

        @keys.add(Keys.ControlC)
        @keys.add(Keys.ControlD)
        def _stop(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        @keys.add(Keys.BackTab)
        def _back(event: KeyPressEvent) -> None:
            event.app.exit(exception=Back())

        @keys.add(Keys.Backspace)
        def _erase(_event: KeyPressEvent) -> None:
            self._refilter(self.query[:-1])

        @keys.add(Keys.ControlU)
        @keys.add(Keys.Escape, filter=Condition(lambda: bool(self.query)))
        def _clear(_event: KeyPressEvent) -> None:
            self._refilter("")

        @keys.add(Keys.Any)
        def _type(event: KeyPressEvent) -> None:
            text = "".join(ch for ch in event.data if ch.isprintable())
            if text and not (self.multi and text == " "):
                self._refilter(self.query + text)

        if self.multi:
            @keys.add(" ")
            def _tick(_event: KeyPressEvent) -> None:
                entry = self.pointed()
                if entry is None:
                    return
                if entry.disabled:
                    self.error = f"This one cannot be ticked: {entry.disabled}."
                    return
                self.ticked ^= {entry.value}
                self._check()

        def shift(step: int) -> Callable[[KeyPressEvent], None]:
            def handler(_event: KeyPressEvent) -> None:
                entry = self.pointed()
                if entry is None:
                    return
                if self.query:
                    self.error = "Clear the filter (Esc) to move items: the order is the list's."
                    return
                at = self.entries.index(entry)
                to = at + step
                if 0 <= to < len(self.entries):
                    self.entries[at], self.entries[to] = self.entries[to], self.entries[at]
                    self.pointer = to
            return handler

        if self.movable:
            keys.add(Keys.ShiftUp)(shift(-1))
            keys.add(Keys.Escape, Keys.Up)(shift(-1))
            keys.add(Keys.ShiftDown)(shift(1))
            keys.add(Keys.Escape, Keys.Down)(shift(1))

        @keys.add(Keys.Enter)
        def _enter(event: KeyPressEvent) -> None:
            entry = self.pointed()
            if not self.multi:
                if entry is None:
                    self.error = f"Nothing matches “{self.query}”: Backspace to change the filter."
                elif entry.disabled:
                    self.error = f"This one cannot be chosen: {entry.disabled}."
                else:
                    self.done = entry.title.split("  ")[0]
                    event.app.exit(result=entry.value)
                return
            self._check()
            if self.error:
                return
            chosen = self.result()
            self.done = f"{len(chosen)} ticked"
            event.app.exit(result=chosen)

        return keys

    def run(self) -> Any:
        under = Window(FormattedTextControl(self._under), dont_extend_height=True, wrap_lines=True)
        listing = Window(
            FormattedTextControl(self._lines, focusable=True, show_cursor=False,
                                 get_cursor_position=lambda: Point(0, self.pointer)),
            height=self._list_height, wrap_lines=False, dont_extend_height=True,
        )
        not_done = Condition(lambda: self.done is None)
        layout = Layout(HSplit([
            Window(FormattedTextControl(self._header), dont_extend_height=True, wrap_lines=True),
            ConditionalContainer(listing, filter=not_done),
            ConditionalContainer(under, filter=not_done),
        ]), focused_element=listing)
        app: Application[Any] = Application(layout=layout, key_bindings=self._keys(),
                                            style=STYLE, erase_when_done=False)
        if self.multi:
            self._check()
            self.error = None  # shown from the first tick that breaks the rule, not before
        return app.run()


def get_app_rows() -> int:
    from prompt_toolkit.application.current import get_app_session

    return get_app_session().output.get_size().rows


STYLE = Style([
    ("qmark", "fg:ansicyan bold"),
    ("question", "bold"),
    ("instruction", "fg:ansibrightblack"),
    ("answer", "fg:ansicyan"),
    ("highlighted", "fg:ansicyan bold"),
    ("pointer", "fg:ansicyan bold"),
    ("selected", "fg:ansigreen"),
    ("disabled", "fg:ansibrightblack italic"),
    ("search_success", "fg:ansicyan"),
    ("search_none", "fg:ansired"),
    ("note", "fg:ansibrightblack"),
    ("over", "fg:ansired bold"),
])
