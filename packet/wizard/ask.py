"""The questions, as questionary asks them. The only module that imports questionary.

Every question raises `Interrupted` on Ctrl-C or Ctrl-D (carrying whatever
was typed in a text box, or ticked in a list), so the flow can save a draft
before it stops.

Lists are the wizard's own (packet/wizard/picker.py); text boxes and yes/no are
questionary's, with Shift-Tab for "back" and control characters dropped as typed.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition, to_filter
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout.controls import BufferControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style

from packet.wizard.picker import Back, Entry, Footer, Picker

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
    ("count", ""),
    ("over", "fg:ansired bold"),
    ("bottom-toolbar", "noreverse"),
    ("validation-toolbar", "fg:ansired bold"),
    ("say.bold", "bold"),
    ("say.note", "fg:ansibrightblack"),
    ("say.warn", "fg:ansiyellow"),
])


class Interrupted(Exception):
    """Ctrl-C (or Ctrl-D) during a question.

    `typed` holds the text of an unfinished answer, `ticked` the items ticked
    in an unfinished list."""

    def __init__(self, typed: str | None = None, ticked: list[str] | None = None) -> None:
        super().__init__("interrupted")
        self.typed = typed
        self.ticked = ticked


@dataclass
class Option:
    title: str
    value: str
    checked: bool = False
    disabled: str | None = None  # why it cannot be chosen
    description: str | None = None  # shown under the list while highlighted
    search: str = ""  # more text typing filters on (a call's funder and id)


def _run(question: questionary.Question, partial: Callable[[], Interrupted] = Interrupted) -> Any:
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise partial() from None


Part = str | tuple[str, str]  # plain text, or (style, text) with style bold, note or warn


def say(*parts: Part, gap: bool = False) -> None:
    """Print an explanation above the next question, word-wrapped to the terminal.

    It goes through prompt_toolkit, which the questions load anyway, so nothing
    else needs loading before the first question shows; `gap` puts a blank line first.
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.formatted_text import FormattedText

    width = max(get_app_session().output.get_size().columns - 1, 20)
    fragments: StyleAndTextTuples = [("", "\n")] if gap else []
    column, space = 0, False
    for part in parts:
        style, text = ("", part) if isinstance(part, str) else (f"class:say.{part[0]}", part[1])
        for token in re.findall(r"\n|[^\S\n]+|[^\s]+", text):
            if token == "\n":
                fragments.append(("", "\n"))
                column, space = 0, False
            elif token.isspace():
                space = column > 0
            else:
                if column and column + space + len(token) > width:
                    fragments.append(("", "\n"))
                    column, space = 0, False
                if space:
                    fragments.append((style, " "))
                    column += 1
                fragments.append((style, token))
                column += len(token)
                space = False
    print_formatted_text(FormattedText(fragments), style=STYLE)


def _entries(options: list[Option]) -> list[Entry]:
    return [Entry(o.title, o.value, checked=o.checked, disabled=o.disabled,
                  description=o.description, search=o.search) for o in options]


def choose(message: str, options: list[Option], default: str | None = None,
           search: bool = True, instruction: str | None = None) -> str:
    """One of `options`; typing filters them. Raises Back on Shift-Tab."""
    picker = Picker(message, _entries(options), multi=False, default=default,
                    instruction=instruction or "(type to filter · ↑↓ PgUp PgDn Home End · "
                                               "Enter: choose · Shift-Tab: back)")
    return str(_run_picker(picker))


def choose_many(message: str, options: list[Option], *, validate: Callable[[list[str]], str | None],
                instruction: str, count: Footer | None = None, movable: bool = False) -> list[str]:
    """Tick items in a list; `validate` refuses Enter (with its message) while it fails,
    and shows that message as soon as a tick makes it fail. The ticked values come back
    in the order shown, which Shift-↑/↓ changes when `movable`."""
    picker = Picker(message, _entries(options), multi=True, validate=validate,
                    instruction=instruction, footers=[count] if count else [], movable=movable)
    return list(_run_picker(picker))


def _run_picker(picker: Picker) -> Any:
    try:
        return picker.run()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(ticked=picker.result() if picker.multi else None) from None


# Characters a terminal sends for keys that mean nothing in an answer (Ctrl-Z is \x1a,
# which YAML cannot even store): dropped as they are typed or pasted.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text without control characters other than newline and tab (\r\n read as \n)."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def write(message: str, *, default: str, instruction: str, toolbar: Callable[[str], str],
          check: Callable[[str], str | None], multiline: bool = True,
          completer: Any = None) -> str:
    """A text answer with a live counter under it; `check` refuses an answer (over its
    limit, say) with a reason shown, wrapped, under the counter. Raises Back on Shift-Tab.

    The box grows with the text up to the terminal's height less a few lines, then
    scrolls to the cursor, so a long paste stays in view. Ctrl-X Ctrl-E opens the
    text in $EDITOR and brings it back to the box (to be checked and confirmed
    there), rather than submitting it as soon as the editor closes.
    """
    from prompt_toolkit.validation import ValidationError, Validator

    class Limit(Validator):
        def validate(self, document: Any) -> None:
            if check(document.text):
                raise ValidationError(message="Cannot be saved yet:",
                                      cursor_position=len(document.text))

    def counter() -> StyleAndTextTuples:
        text = get_app().current_buffer.text
        problem = check(text)
        width = max(get_app().output.get_size().columns - 1, 20)
        shown = toolbar(text) + (f"\n{problem}" if problem else "")
        lines = [w for part in shown.splitlines() for w in textwrap.wrap(part, width) or [""]]
        return [("class:over" if problem else "class:count", "\n".join(lines))]

    keys = KeyBindings()

    @keys.add("c-x", "c-e", filter=~Condition(lambda: get_app().current_buffer.read_only()))
    def _editor(event: Any) -> None:
        event.current_buffer.open_in_editor(validate_and_handle=False)

    @keys.add("s-tab")
    def _back(event: Any) -> None:
        event.app.exit(exception=Back())

    # Ctrl-Z would insert \x1a, Ctrl-@ start a selection that swallows what is typed next:
    # neither means anything in an answer.
    @keys.add("c-z")
    @keys.add("c-@")
    @keys.add("c-\\")
    def _nothing(event: Any) -> None:
        pass

    question = questionary.text(
        message, default=clean(default), multiline=multiline,
        instruction=_fit(message, instruction),
        style=STYLE, validate=Limit(), bottom_toolbar=counter, key_bindings=keys,
        tempfile_suffix=".txt", completer=completer, complete_while_typing=completer is not None,
    )

    def room() -> Dimension:
        rows = get_app().output.get_size().rows
        return Dimension(min=1, max=max(rows - 8, 3))

    for window in question.application.layout.find_all_windows():
        content = window.content
        if isinstance(content, BufferControl) and content.buffer.name == "DEFAULT_BUFFER":
            # Under the answer, the counter and any refusal; the box scrolls past `room`.
            window.dont_extend_height = to_filter(True)
            window.height = room
            window.wrap_lines = to_filter(True)
            content.buffer.on_text_changed += _strip_controls
    return clean(str(_run(question, lambda: Interrupted(
        typed=clean(question.application.current_buffer.text)))))


def _fit(message: str, instruction: str) -> str:
    """The key help after a question, broken into lines that fit the terminal (a line
    wider than the terminal is drawn garbled)."""
    from prompt_toolkit.application.current import get_app_session

    width = max(get_app_session().output.get_size().columns - 1, 20)
    help_text, sep, tail = instruction.partition("\n")
    first = width - len(message) - 4
    words, lines, line = help_text.split(), list[str](), ""
    for word in words:
        room = first if not lines else width
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines) + sep + tail


def _strip_controls(buffer: Any) -> None:
    """Drop a control character the moment it is typed or pasted (Ctrl-Z, Ctrl-@...)."""
    text = buffer.text
    kept = clean(text)
    if kept != text:
        cursor = len(clean(text[: buffer.cursor_position]))
        buffer.set_document(type(buffer.document)(kept, cursor), bypass_readonly=True)


def confirm(message: str, default: bool = True) -> bool:
    return bool(_run(questionary.confirm(message, default=default, style=STYLE)))


__all__ = ["Back", "Interrupted", "Option", "choose", "choose_many", "clean", "confirm", "say",
           "write"]
