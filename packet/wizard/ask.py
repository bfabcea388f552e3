"""The questions, as questionary asks them. The only module that imports questionary.

Every question raises `Interrupted` on Ctrl-C (carrying whatever was typed in
a text box), so the flow can save a draft before it stops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app
from prompt_toolkit.styles import Style

STYLE = Style([
    ("qmark", "fg:ansicyan bold"),
    ("question", "bold"),
    ("instruction", "fg:ansibrightblack"),
    ("answer", "fg:ansicyan"),
    ("highlighted", "fg:ansicyan bold"),
    ("pointer", "fg:ansicyan bold"),
    ("selected", "fg:ansigreen"),
    ("disabled", "fg:ansibrightblack italic"),
    ("bottom-toolbar", "noreverse fg:ansibrightblack"),
    ("validation-toolbar", "fg:ansired bold"),
])


class Interrupted(Exception):
    """Ctrl-C during a question; `typed` holds the text of an unfinished answer."""

    def __init__(self, typed: str | None = None) -> None:
        super().__init__("interrupted")
        self.typed = typed


@dataclass
class Option:
    title: str
    value: str
    checked: bool = False
    disabled: str | None = None  # why it cannot be chosen
    description: str | None = None  # shown below the list while highlighted


def _run(question: questionary.Question, typed: Callable[[], str | None] = lambda: None) -> Any:
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt:
        raise Interrupted(typed()) from None


def choose(message: str, options: list[Option], default: str | None = None, search: bool = False) -> str:
    choices = [questionary.Choice(o.title, value=o.value, description=o.description) for o in options]
    question = questionary.select(
        message, choices=choices, default=next((c for c in choices if c.value == default), None),
        use_search_filter=search, use_jk_keys=not search, style=STYLE,
        instruction="(type to filter, arrows to move, enter to choose)" if search else None,
    )
    return str(_run(question))


def choose_many(message: str, options: list[Option], validate: Callable[[list[str]], str | bool],
                instruction: str) -> list[str]:
    choices = [
        questionary.Choice(o.title, value=o.value, checked=o.checked and not o.disabled,
                           disabled=o.disabled, description=o.description)
        for o in options
    ]
    question = questionary.checkbox(message, choices=choices, validate=validate, style=STYLE,
                                    instruction=instruction)
    return list(_run(question))


def write(message: str, *, default: str, instruction: str, toolbar: Callable[[str], str],
          check: Callable[[str], str | None], multiline: bool = True) -> str:
    """A text answer with a live counter below it; `check` refuses an answer over its limit."""
    from prompt_toolkit.validation import ValidationError, Validator

    class Limit(Validator):
        def validate(self, document: Any) -> None:
            problem = check(document.text)
            if problem:
                raise ValidationError(message=problem, cursor_position=len(document.text))

    def counter() -> str:
        return toolbar(get_app().current_buffer.text)

    question = questionary.text(
        message, default=default, multiline=multiline, instruction=instruction, style=STYLE,
        validate=Limit(), bottom_toolbar=counter, enable_open_in_editor=True,
    )
    return str(_run(question, typed=lambda: question.application.current_buffer.text))


def confirm(message: str, default: bool = True) -> bool:
    return bool(_run(questionary.confirm(message, default=default, style=STYLE)))
