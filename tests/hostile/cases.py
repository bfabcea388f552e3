"""The hostile-input corpus: each case is files laid over a small workspace, a command, and
what packet must say (exit 1, the message fragments, no traceback).

The base workspace is the starter (`packet init`) plus a call `att` with one attachment
and an application for it, so attachment cases need only the attachment file. Paths
outside the workspace are written under `outside/`, beside it, and must never be read.
`{ws}` and `{outside}` in a command or message stand for those folders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hostile import pdfs


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target` (`{ws}` and `{outside}` allowed)."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would wait for ever."""


@dataclass(frozen=True)
class Folder:
    """A folder where a file is expected."""


Content = str | bytes | Link | Fifo | Folder | Callable[[], bytes]


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, Content]
    command: tuple[str, ...]
    message: tuple[str, ...]  # fragments the output must contain
    code: int = 1
    absent: tuple[str, ...] = ()  # fragments it must not contain
    outside: dict[str, Content] = field(default_factory=dict)


PROFILE = "profiles/me/profile.yaml"
STATEMENT = "profiles/me/statements/research.md"
ATTACHMENT = "profiles/me/attachments/cert.pdf"
BUILD = ("build", "-p", "me", "-c", "example-fellowship", "--format", "pdf")
BUILD_ATT = ("build", "-p", "me", "-c", "att", "--format", "pdf")
CHECK = ("check", "--call", "example-fellowship")
SECRET = "TOP-SECRET-OUTSIDE-THE-WORKSPACE"


def _template(body: str) -> dict[str, Content]:
    return {"templates/research-statement.md.j2": body}


def _yaml_bomb() -> str:
    lines = ["id: example-fellowship", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


CASES = [
    # -- containment -------------------------------------------------------------------
    Case("attachment-dotdot",
         {"profiles/me/applications/att.yaml": "call: att\nattachments:\n"
                                                "  cert: ../../../outside/secret.pdf\n"},
         BUILD_ATT, ("attachment profiles/me/../../../outside/secret.pdf is outside the workspace",),
         outside={"secret.pdf": pdfs.plain_pdf}),
    Case("attachment-absolute",
         {"profiles/me/applications/att.yaml": "call: att\nattachments:\n  cert: /etc/passwd\n"},
         BUILD_ATT, ("attachment /etc/passwd is outside the workspace",), absent=("root:",)),
    Case("attachment-symlink-out", {ATTACHMENT: Link("{outside}/cert.pdf")}, BUILD_ATT,
         ("attachment profiles/me/attachments/cert.pdf is outside the workspace",
          "through a symbolic link"), outside={"cert.pdf": pdfs.plain_pdf}),
    Case("attachment-devzero", {ATTACHMENT: Link("/dev/zero")}, BUILD_ATT,
         ("profiles/me/attachments/cert.pdf is outside the workspace",)),
    Case("attachment-fifo", {ATTACHMENT: Fifo()}, BUILD_ATT,
         ("profiles/me/attachments/cert.pdf is not a regular file",)),
    Case("stray-fifo-unused", {"profiles/me/attachments/pipe.pdf": Fifo()}, BUILD,
         ("Research Statement",), code=0),
    Case("statement-symlink-out", {STATEMENT: Link("{outside}/secret.md")}, BUILD,
         ("statement profiles/me/statements/research.md is outside the workspace",),
         absent=(SECRET,), outside={"secret.md": SECRET}),
    Case("template-symlink-out", {"templates/cv.md.j2": Link("{outside}/secret.md")}, BUILD,
         ("template templates/cv.md.j2 is outside the workspace",), absent=(SECRET,),
         outside={"secret.md": SECRET}),
    Case("profile-symlink-out", {PROFILE: Link("{outside}/profile.yaml")}, BUILD,
         ("profile profiles/me/profile.yaml is outside the workspace",),
         outside={"profile.yaml": "person:\n  name: " + SECRET + "\n"}, absent=(SECRET,)),
    Case("call-symlink-out", {"calls/evil.yaml": Link("{outside}/evil.yaml")},
         ("build", "-p", "me", "-c", "evil"), ("call calls/evil.yaml is outside the workspace",),
         outside={"evil.yaml": "id: evil\n"}),
    Case("profile-id-path", {}, ("build", "-p", "../../outside/evil", "-c", "example-fellowship"),
         ("profile id '../../outside/evil' is not a plain name",)),
    Case("call-id-path", {}, ("build", "-p", "me", "-c", "../calls/x"),
         ("call id '../calls/x' is not a plain name",)),
    Case("output-setting-outside", {"packet.toml": 'output = "../outside/out"\n'}, BUILD,
         ("output folder", "is outside the workspace")),
    Case("output-symlink-out", {"output/example-fellowship": Link("{outside}")}, BUILD,
         ("output folder output/example-fellowship/me is outside the workspace",)),
    Case("settings-symlink-out", {"packet.toml": Link("{outside}/packet.toml")}, BUILD,
         ("settings file packet.toml is outside the workspace",),
         outside={"packet.toml": 'output = "out"\n'}),
    Case("settings-fifo", {"packet.toml": Fifo()}, BUILD,
         ("settings file packet.toml is not a regular file",)),
    # -- active content ----------------------------------------------------------------
    Case("attachment-javascript", {ATTACHMENT: pdfs.javascript_pdf}, BUILD_ATT,
         ("cert.pdf contains JavaScript", "cert.pdf contains automatic actions"), code=0),
    Case("attachment-launch", {ATTACHMENT: pdfs.launch_pdf}, BUILD_ATT,
         ("cert.pdf contains an action that launches a program",), code=0),
    Case("attachment-embedded-file", {ATTACHMENT: pdfs.embedded_file_pdf}, BUILD_ATT,
         ("cert.pdf contains embedded files",), code=0),
    Case("check-javascript", {"in.pdf": pdfs.javascript_pdf}, (*CHECK, "{ws}/in.pdf"),
         ("in.pdf contains JavaScript",), code=0, absent=("meets every rule checked",)),
    Case("check-xfa", {"in.pdf": pdfs.xfa_pdf}, (*CHECK, "{ws}/in.pdf"),
         ("in.pdf contains an XFA form",), code=0),
    # -- damaged attachments -----------------------------------------------------------
    Case("attachment-deep-page-tree", {ATTACHMENT: pdfs.deep_page_tree_pdf}, BUILD_ATT,
         ("attachment profiles/me/attachments/cert.pdf is a damaged PDF",
          "Maximum page tree depth")),
    Case("check-deep-page-tree", {"in.pdf": pdfs.deep_page_tree_pdf}, (*CHECK, "{ws}/in.pdf"),
         ("in.pdf is damaged",)),
    Case("attachment-truncated", {ATTACHMENT: pdfs.truncated_pdf}, BUILD_ATT,
         ("cert.pdf is a damaged PDF",), absent=("EOF marker not found",)),
    Case("attachment-folder", {ATTACHMENT: Folder()}, BUILD_ATT,
         ("attachment profiles/me/attachments/cert.pdf is a folder, not a file",)),
    # -- YAML bounds -------------------------------------------------------------------
    Case("yaml-alias-bomb", {"calls/example-fellowship.yaml": _yaml_bomb()},
         ("build", "-p", "me", "-c", "example-fellowship"),
         ("calls/example-fellowship.yaml is too large or too deep",
          "aliases counted each time")),
    Case("yaml-deep", {PROFILE: "person:\n  name: [" + "[" * 5000 + "]" * 5000 + "]\n"},
         ("validate",), ("profiles/me/profile.yaml is nested too deeply",)),
    Case("yaml-long-title", {"calls/long.yaml": "id: long\nname: " + "x" * 300_000 + "\n"},
         ("build", "-p", "me", "-c", "long"), ("calls/long.yaml:2", "300,000 characters")),
    Case("yaml-latin1", {PROFILE: "person:\n  name: Jim\xe9nez\n".encode("latin-1")},
         ("validate",), ("profiles/me/profile.yaml:2:12: byte 0xe9 cannot be read as UTF-8",)),
    Case("profile-yaml-folder", {PROFILE: Folder()}, BUILD,
         ("profile profiles/me/profile.yaml is a folder, not a file",)),
    Case("call-yaml-folder", {"calls/x.yaml": Folder()}, ("build", "-p", "me", "-c", "x"),
         ("calls/x.yaml is a folder, not a file",)),
    # -- templates ---------------------------------------------------------------------
    Case("template-pow", _template("{{ 9 ** (9 ** 9) }}"), BUILD,
         ("templates/research-statement.md.j2:1", "too large a number")),
    Case("template-repeat", _template("{{ 'x' * 10 ** 9 }}"), BUILD,
         ("templates/research-statement.md.j2:1", "too large")),
    Case("template-range", _template("{% for i in range(10 ** 9) %}{% endfor %}"), BUILD,
         ("range() of 1,000,000,000 steps",)),
    Case("template-recursive-macro",
         _template("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"), BUILD,
         ("templates/research-statement.md.j2", "call themselves without end")),
    Case("template-self-include",
         _template('{% include "research-statement.md.j2" %}'), BUILD,
         ("call themselves without end",)),
    Case("template-mutual-extends",
         {"templates/research-statement.md.j2": '{% extends "other.md.j2" %}',
          "templates/other.md.j2": '{% extends "research-statement.md.j2" %}'}, BUILD,
         ("call themselves without end",)),
    Case("template-latin1", _template("Caf\xe9".encode("latin-1")), BUILD,  # type: ignore[arg-type]
         ("templates/research-statement.md.j2 is not UTF-8 text", "byte 0xe9")),
    Case("statement-latin1", {STATEMENT: "Caf\xe9\n".encode("latin-1")}, BUILD,
         ("profiles/me/statements/research.md is not UTF-8 text",
          "research.md:1:4: byte 0xe9")),
    Case("statement-folder", {STATEMENT: Folder()}, BUILD,
         ("statement profiles/me/statements/research.md is a folder, not a file",)),
    Case("statement-deep-quote", {STATEMENT: ">" * 20 + " deep\n"}, BUILD,
         ("nested more than 12 levels deep",)),
    Case("statement-markup-flood", {STATEMENT: "**_" * 40_000 + "\n"}, BUILD,
         ("Markdown markup characters", "at most 50,000")),
    Case("statement-too-large", {STATEMENT: "word " * 500_000}, BUILD,
         ("statement profiles/me/statements/research.md is too large", "at most 2 MB")),
    Case("yaml-too-large", {PROFILE: "# " + "x" * (49 * 1024 * 1024) + "\n"}, ("validate",),
         ("profiles/me/profile.yaml is too large", "at most 48 MB")),
    # -- messages ----------------------------------------------------------------------
    Case("rich-markup-in-error", {"calls/x.yaml": "id: ':x: [bold]y[/bold]'\n"},
         ("build", "-p", "me", "-c", "x"), (":x: [bold]y[/bold]",), absent=("❌",)),
]
