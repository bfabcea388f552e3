"""The questions, as questionary asks them. The only module that imports questionary.

Every question raises `Interrupted` on Ctrl-C or Ctrl-D (carrying whatever
was typed in a text box, or ticked in a list), so the flow can save a draft
before it stops.

questionary lays a list out to fill the terminal, which puts its filter text
and its error message on the terminal's last line, far below a short list;
`_tidy` keeps them right under the list instead, and adds the lines the wizard
shows there (why an item ranked where it did, how many are ticked).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition, is_done, to_filter
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import ConditionalContainer, HSplit, Window, walk
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.styles import Style
from questionary.prompts.common import InquirerControl

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


# A line under a list: given what is ticked and what the pointer is on, the text and
# whether it reports a problem (drawn in red).
Footer = Callable[[list[str], str | None], tuple[str, bool]]


def _run(question: questionary.Question, partial: Callable[[], Interrupted] = Interrupted) -> Any:
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise partial() from None


def _inquirer(question: questionary.Question) -> tuple[Window, InquirerControl]:
    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            return window, window.content
    raise RuntimeError("questionary's list control was not found")


def _tidy(question: questionary.Question, footers: list[Footer]) -> InquirerControl:
    """Keep a list's filter text and error right under it; add `footers` there too."""
    window, control = _inquirer(question)
    window.dont_extend_height = to_filter(True)
    window.wrap_lines = to_filter(True)

    def ticked() -> list[str]:
        return [str(c.value) for c in control.get_selected_values()]

    def pointed() -> str | None:
        try:
            return str(control.get_pointed_at().value)
        except IndexError:
            return None

    def line(footer: Footer) -> Window:
        def text() -> StyleAndTextTuples:
            content, problem = footer(ticked(), pointed())
            width = max(get_app().output.get_size().columns - 3, 20)
            lines = [wrapped for part in content.splitlines()
                     for wrapped in textwrap.wrap(part, width) or [""]]
            style = "class:over" if problem else "class:note"
            return [(style, "".join(f"  {x}\n" for x in lines).rstrip("\n"))] if lines else []

        return Window(FormattedTextControl(text), dont_extend_height=True, wrap_lines=True)

    if footers:
        root = question.application.layout.container
        assert isinstance(root, HSplit)
        position = next(i for i, child in enumerate(root.children)
                        if any(part is window for part in walk(child)))
        extra = ConditionalContainer(HSplit([line(f) for f in footers]), filter=~is_done)
        root.children.insert(position + 1, extra)
    return control


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


def choose(message: str, options: list[Option], default: str | None = None,
           search: bool = False) -> str:
    by_value = {o.value: o for o in options}
    choices = [questionary.Choice(o.title, value=o.value, disabled=o.disabled) for o in options]
    question = questionary.select(
        message, choices=choices, default=next((c for c in choices if c.value == default), None),
        use_search_filter=search, use_jk_keys=not search, style=STYLE,
        instruction="(type to filter · ↑↓ · enter: choose)" if search else "(↑↓ · enter: choose)",
    )

    def described(_ticked: list[str], pointed: str | None) -> tuple[str, bool]:
        option = by_value.get(pointed or "")
        return (option.description or "") if option else "", False

    _tidy(question, [described])
    return str(_run(question))


def choose_many(message: str, options: list[Option], *, validate: Callable[[list[str]], str | bool],
                instruction: str, count: Footer | None = None) -> list[str]:
    """Tick items in a list; `validate` refuses Enter (with its message) while it fails,
    and shows that message as soon as a tick makes it fail."""
    by_value = {o.value: o for o in options}
    choices = [
        questionary.Choice(o.title, value=o.value, checked=o.checked and not o.disabled,
                           disabled=o.disabled)
        for o in options
    ]

    def described(_ticked: list[str], pointed: str | None) -> tuple[str, bool]:
        option = by_value.get(pointed or "")
        return (option.description or "") if option else "", False

    question = questionary.checkbox(message, choices=choices, validate=validate, style=STYLE,
                                    instruction=instruction)
    control = _tidy(question, [described, *([count] if count else [])])
    # Check every tick, not only Enter: a cap is refused at the moment it is passed.
    control.submission_attempted = True

    def partial() -> Interrupted:
        return Interrupted(ticked=[str(c.value) for c in control.get_selected_values()])

    return list(_run(question, partial))


def write(message: str, *, default: str, instruction: str, toolbar: Callable[[str], str],
          check: Callable[[str], str | None], multiline: bool = True) -> str:
    """A text answer with a live counter under it; `check` refuses an answer over its limit.

    Ctrl-X Ctrl-E opens the text in $EDITOR and brings it back to the box (to be
    checked and confirmed there), rather than submitting it as soon as the editor closes.
    """
    from prompt_toolkit.validation import ValidationError, Validator

    class Limit(Validator):
        def validate(self, document: Any) -> None:
            problem = check(document.text)
            if problem:
                raise ValidationError(message=problem, cursor_position=len(document.text))

    def counter() -> StyleAndTextTuples:
        text = get_app().current_buffer.text
        return [("class:over" if check(text) else "class:count", toolbar(text))]

    keys = KeyBindings()

    @keys.add("c-x", "c-e", filter=~Condition(lambda: get_app().current_buffer.read_only()))
    def _editor(event: Any) -> None:
        event.current_buffer.open_in_editor(validate_and_handle=False)

    question = questionary.text(
        message, default=default, multiline=multiline, instruction=instruction, style=STYLE,
        validate=Limit(), bottom_toolbar=counter, key_bindings=keys, tempfile_suffix=".txt",
    )
    # The counter and any refusal sit right under the answer, not on the terminal's last line.
    for window in question.application.layout.find_all_windows():
        content = window.content
        if isinstance(content, BufferControl) and content.buffer.name == "DEFAULT_BUFFER":
            window.dont_extend_height = to_filter(True)
    return str(_run(question, lambda: Interrupted(typed=question.application.current_buffer.text)))


def confirm(message: str, default: bool = True) -> bool:
    return bool(_run(questionary.confirm(message, default=default, style=STYLE)))
