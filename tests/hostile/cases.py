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

from hostile import archives, pdfs


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target` (`{ws}` and `{outside}` allowed)."""

    target: str


@dataclass(frozen=True)
class HardLink:
    """A second name (a hard link) of the file `target` (`{ws}` and `{outside}` allowed)."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would wait for ever."""


@dataclass(frozen=True)
class Folder:
    """A folder where a file is expected."""


Content = str | bytes | Link | HardLink | Fifo | Folder | Callable[[], bytes]


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, Content]
    command: tuple[str, ...]
    message: tuple[str, ...]  # fragments the output must contain
    code: int = 1
    absent: tuple[str, ...] = ()  # fragments it must not contain
    outside: dict[str, Content] = field(default_factory=dict)
    env: dict[str, str | None] = field(default_factory=dict)  # None: the variable unset
    clean_packet: str | None = None  # a merged PDF that must hold no active content


PROFILE = "profiles/me/profile.yaml"
STATEMENT = "profiles/me/statements/research.md"
ATTACHMENT = "profiles/me/attachments/cert.pdf"
BUILD = ("build", "-p", "me", "-c", "example-fellowship", "--format", "pdf")
BUILD_ATT = ("build", "-p", "me", "-c", "att", "--format", "pdf")
CHECK = ("check", "--call", "example-fellowship")
SECRET = "TOP-SECRET-OUTSIDE-THE-WORKSPACE"
APPS = "profiles/me/applications"
BIB = "@article{a, title={Hello}, author={Doe, J}, year=2020, journal={J}}\n"
IMPORT = ("import", "{ws}/refs.bib", "-p", "me")
WIZARD = ("wizard", "-p", "me", "-c", "att")


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

# Cases written after the first corpus: each kind again, through other commands and
# other files (hard links, the cache setting, import, the wizard, batch, coa, list, watch's
# folders, Word and BibTeX bombs, links a viewer would follow).
CASES += [
    # -- hard links: a second name of a file outside --------------------------------------
    Case("attachment-hardlink-out", {ATTACHMENT: HardLink("{outside}/cert.pdf")}, BUILD_ATT,
         ("attachment profiles/me/attachments/cert.pdf is a hard link to a file outside "
          "the workspace",), outside={"cert.pdf": pdfs.plain_pdf}),
    Case("statement-hardlink-out", {STATEMENT: HardLink("{outside}/secret.md")}, BUILD,
         ("statement profiles/me/statements/research.md is a hard link",), absent=(SECRET,),
         outside={"secret.md": SECRET}),
    Case("template-hardlink-out", {"templates/cv.md.j2": HardLink("{outside}/secret.md")},
         BUILD, ("template templates/cv.md.j2 is a hard link",), absent=(SECRET,),
         outside={"secret.md": SECRET}),
    Case("call-hardlink-out", {"calls/evil.yaml": HardLink("{outside}/evil.yaml")},
         ("calls", "show", "evil"), ("call calls/evil.yaml is a hard link",),
         outside={"evil.yaml": "id: evil\nname: " + SECRET + "\n"}, absent=(SECRET,)),
    Case("hardlink-inside-is-fine",
         {"profiles/me/attachments/copy.pdf": HardLink("{ws}/" + ATTACHMENT)}, BUILD_ATT,
         ("Certificate",), code=0),
    # -- the cache folder is not a workspace's to choose ----------------------------------
    Case("settings-cache-dir-outside", {"packet.toml": 'cache_dir = "{outside}"\n'},
         ("validate",), ("packet.toml sets cache_dir", "PACKET_CACHE_DIR"),
         env={"PACKET_CACHE_DIR": None}),
    Case("settings-cache-dir-inside", {"packet.toml": 'cache_dir = ".cache"\n'}, BUILD,
         ("packet.toml sets cache_dir",), env={"PACKET_CACHE_DIR": None}),
    # -- import ---------------------------------------------------------------------------
    Case("import-profile-folder-link", {"refs.bib": BIB, "profiles/other": Link("{outside}")},
         ("import", "{ws}/refs.bib", "-p", "other"),
         ("profile folder profiles/other is outside the workspace",)),
    Case("import-undo-backup-link",
         {"profiles/me/profile.yaml.bak": Link("{outside}/secret.yaml")},
         ("import", "--undo", "-p", "me"),
         ("profiles/me/profile.yaml.bak is outside the workspace",),
         outside={"secret.yaml": "person:\n  name: " + SECRET + "\n"}),
    Case("import-provenance-link",
         {"refs.bib": BIB, "profiles/me/imports.yaml": Link("{outside}/imports.yaml")}, IMPORT,
         ("profiles/me/imports.yaml is outside the workspace",),
         outside={"imports.yaml": "sources: []\n"}),
    Case("import-provenance-fifo", {"refs.bib": BIB, "profiles/me/imports.yaml": Fifo()}, IMPORT,
         ("profiles/me/imports.yaml is not a regular file",)),
    Case("import-source-fifo", {"refs.bib": Fifo()}, IMPORT,
         ("source {ws}/refs.bib is not a regular file",)),
    Case("import-source-devzero", {}, ("import", "/dev/zero", "-p", "me"),
         ("source /dev/zero is not a regular file",)),
    Case("import-folder-link-out",
         {"sources/refs.bib": BIB, "sources/cv.txt": Link("{outside}/secret.txt")},
         ("import", "{ws}/sources", "-p", "me", "--dry-run"),
         ("skipped", "a symbolic link to"), code=0, absent=(SECRET,),
         outside={"secret.txt": "Publications\n\n" + SECRET + ". 2020.\n"}),
    Case("import-bibtex-string-bomb",
         {"refs.bib": "\n".join(['@string{s0 = "xxxxxxxxxx"}']
                                 + [f"@string{{s{n} = s{n - 1} # s{n - 1}}}" for n in range(1, 40)]
                                 + ["@article{b, title=s39, author={Doe, J}, year=2020}"])},
         IMPORT, ("refs.bib: @string s15 is too long", "at most 200,000")),
    Case("import-bibtex-huge-field",
         {"refs.bib": "@article{c, title={" + "x" * 300_000 + "}, author={Doe, J}, year=2020}\n"},
         IMPORT, ("refs.bib: field title of c is too long", "300,000 characters")),
    Case("import-docx-zip-bomb", {"cv.docx": archives.zip_bomb_docx},
         ("import", "{ws}/cv.docx", "-p", "me"), ("cv.docx: this Word document unpacks to",
                                                  "at most 100 MB")),
    Case("import-docx-entity-bomb", {"cv.docx": archives.entity_bomb_docx},
         ("import", "{ws}/cv.docx", "-p", "me"),
         ("cv.docx: this is not a readable Word document", "amplification")),
    Case("import-docx-external-entity",
         {"cv.docx": lambda: archives.external_entity_docx("/etc/passwd")},
         ("import", "{ws}/cv.docx", "-p", "me", "--dry-run"), (), code=0,
         absent=("root:",)),
    # -- the wizard -----------------------------------------------------------------------
    Case("wizard-applications-link-out", {APPS: Link("{outside}")}, (*WIZARD, "--defaults"),
         ("folder profiles/me/applications is outside the workspace",)),
    Case("wizard-draft-fifo", {f"{APPS}/att.draft.yaml": Fifo()}, (*WIZARD, "--defaults"),
         ("application profiles/me/applications/att.draft.yaml is not a regular file",)),
    Case("wizard-application-folder", {f"{APPS}/att.yaml": Folder()},
         (*WIZARD, "--data", "focus=x"),
         ("application profiles/me/applications/att.yaml is a folder, not a file",)),
    Case("wizard-attachment-outside", {},
         (*WIZARD, "--data", "attachments.cert=/etc/passwd"),
         ("/etc/passwd is outside the workspace",), absent=("root:",)),
    Case("wizard-attachment-dotdot", {},
         (*WIZARD, "--data", "attachments.cert=../../../outside/secret.pdf"),
         ("../../../outside/secret.pdf is outside the workspace",),
         outside={"secret.pdf": pdfs.plain_pdf}),
    Case("wizard-data-file-devzero", {}, (*WIZARD, "--data-file", "/dev/zero"),
         ("/dev/zero is not a regular file",)),
    # -- applications in build, validate, batch -------------------------------------------
    Case("application-folder", {f"{APPS}/att.yaml": Folder()}, BUILD_ATT,
         ("application profiles/me/applications/att.yaml is a folder, not a file",)),
    Case("application-fifo", {f"{APPS}/att.yaml": Fifo()}, ("validate",),
         ("profiles/me/applications/att.yaml is not a regular file",)),
    Case("batch-application-link-out", {f"{APPS}/att.yaml": Link("{outside}/att.yaml")},
         ("batch",), ("profiles/me/applications/att.yaml is outside the workspace",),
         outside={"att.yaml": "call: att\n"}),
    Case("batch-report-devzero",
         {"output/att/me/report.json": Link("/dev/zero"),
          "output/att/me/packet.pdf": pdfs.plain_pdf}, ("batch", "-c", "att"),
         ("me att built",), code=0),
    # -- other commands -------------------------------------------------------------------
    Case("coa-output-link-out", {"output/coa": Link("{outside}")}, ("coa", "-p", "me"),
         ("output folder output/coa is outside the workspace",)),
    Case("list-calls-folder", {"calls/x.yaml": Folder()}, ("list", "calls", "--json"),
         ("call calls/x.yaml is a folder, not a file", '"id": "example-fellowship"',
          '"id": "att"')),
    Case("list-calls-broken-yaml", {"calls/y.yaml": "id: y\nname: [unclosed\n"},
         ("list", "calls", "--json"), ("calls/y.yaml is not valid YAML", '"id": "att"')),
    Case("list-profiles-broken",
         {"profiles/bad/profile.yaml": Folder(), "profiles/worse/profile.yaml": "person: [\n"},
         ("list", "profiles"), ("profiles/bad/profile.yaml is a folder, not a file",
                                "profiles/worse/profile.yaml is not valid YAML", "me")),
    Case("show-profile-link-out", {PROFILE: Link("{outside}/profile.yaml")}, ("show", "me"),
         ("profile profiles/me/profile.yaml is outside the workspace",), absent=(SECRET,),
         outside={"profile.yaml": "person:\n  name: " + SECRET + "\n"}),
    Case("rank-statement-folder", {STATEMENT: Folder(), PROFILE: Link("{outside}/p.yaml")},
         ("rank", "-p", "me", "-c", "example-fellowship"),
         ("profile profiles/me/profile.yaml is outside the workspace",),
         outside={"p.yaml": "person:\n  name: X\n"}),
    Case("templates-folder-link-out", {"templates": Link("{outside}")}, BUILD,
         ("is outside the workspace",), absent=(SECRET,),
         outside={"cv.md.j2": SECRET, "research-statement.md.j2": SECRET}),
    Case("statements-folder-link-out", {"profiles/me/statements": Link("{outside}")}, BUILD,
         ("statement profiles/me/statements/research.md is outside the workspace",),
         absent=(SECRET,), outside={"research.md": SECRET}),
    # -- links a viewer would follow, in attachments --------------------------------------
    Case("attachment-uri-javascript", {ATTACHMENT: pdfs.uri_scheme_pdf}, BUILD_ATT,
         ("cert.pdf contains a link that is not a web address",), code=0,
         clean_packet="output/att/me/packet.pdf"),
    Case("attachment-uri-file", {ATTACHMENT: lambda: pdfs.uri_scheme_pdf("file:///etc/passwd")},
         BUILD_ATT, ("cert.pdf contains a link that is not a web address",), code=0,
         clean_packet="output/att/me/packet.pdf"),
    Case("attachment-remote-goto", {ATTACHMENT: pdfs.remote_goto_pdf}, BUILD_ATT,
         ("cert.pdf contains a jump into another file",), code=0,
         clean_packet="output/att/me/packet.pdf"),
    Case("attachment-form-script", {ATTACHMENT: pdfs.form_script_pdf}, BUILD_ATT,
         ("cert.pdf contains JavaScript", "cert.pdf contains an action that sends form data"),
         code=0, clean_packet="output/att/me/packet.pdf"),
    Case("attachment-javascript-stripped", {ATTACHMENT: pdfs.javascript_pdf}, BUILD_ATT,
         ("cert.pdf contains JavaScript",), code=0, clean_packet="output/att/me/packet.pdf"),
    Case("attachment-encrypted", {ATTACHMENT: pdfs.encrypted_pdf}, BUILD_ATT,
         ("attachment profiles/me/attachments/cert.pdf is encrypted",)),
    Case("check-uri-javascript", {"in.pdf": pdfs.uri_scheme_pdf}, (*CHECK, "{ws}/in.pdf"),
         ("in.pdf contains a link that is not a web address",), code=0,
         absent=("meets every rule checked",)),
    Case("check-form-script", {"in.pdf": pdfs.form_script_pdf}, (*CHECK, "{ws}/in.pdf"),
         ("in.pdf contains an action that sends form data",), code=0),

    # -- odd names and links that go round ---------------------------------------------
    Case("attachment-path-nul", {f"{APPS}/att.yaml": 'call: att\nattachments:\n'
                                                      '  cert: "attachments/cert\\0.pdf"\n'},
         BUILD_ATT, ("profiles/me/applications/att.yaml:2", "no control or direction characters")),
    Case("attachment-path-rtl", {f"{APPS}/att.yaml": "call: att\nattachments:\n"
                                                      "  cert: attachments/\u202efdp.exe\n"},
         BUILD_ATT, ("profiles/me/applications/att.yaml:2", "right-to-left override")),
    Case("attachment-path-newline", {f"{APPS}/att.yaml": 'call: att\nattachments:\n'
                                                          '  cert: "a\\nb.pdf"\n'},
         ("validate",), ("att.yaml:2", "newline")),
    Case("attachment-path-too-long",
         {f"{APPS}/att.yaml": "call: att\nattachments:\n  cert: " + "a/" * 600 + "x.pdf\n"},
         BUILD_ATT, ("att.yaml:2", "at most 1,024 characters")),
    Case("attachment-name-too-long",
         {f"{APPS}/att.yaml": "call: att\nattachments:\n  cert: " + "a" * 300 + ".pdf\n"},
         BUILD_ATT, ("attachment", "File name too long")),
    Case("attachment-link-loop", {"profiles/me/attachments/cert.pdf": Link("cert.pdf")},
         BUILD_ATT, ("attachment 'profiles/me/attachments/cert.pdf' cannot be used as a path",
                     "its symbolic links form a loop")),
    Case("profile-link-loop", {PROFILE: Link("profile.yaml")}, ("list", "profiles"),
         ("profile 'profiles/me/profile.yaml' cannot be used as a path", "form a loop")),
    Case("statement-link-loop", {STATEMENT: Link("research.md")}, BUILD,
         ("statement 'profiles/me/statements/research.md' cannot be used as a path",)),
    Case("template-link-loop", {"templates/cv.md.j2": Link("other.md.j2"),
                                "templates/other.md.j2": Link("cv.md.j2")}, BUILD,
         ("template 'templates/cv.md.j2' cannot be used as a path",)),
    Case("call-link-loop", {"calls/x.yaml": Link("x.yaml")}, ("list", "calls", "--json"),
         ("calls/x.yaml", "form a loop", '"id": "att"')),
    Case("statement-odd-names", {"profiles/me/statements/a\nb.md": "new\nline\n",
                                 "profiles/me/statements/\u202edm.txt.md": "rtl\n"}, BUILD,
         ("Research Statement",), code=0),
    Case("init-into-folder-link-out", {"calls": Link("{outside}")}, ("init", "{ws}"),
         ("file calls/example-fellowship.yaml is outside the workspace",)),
    Case("attachment-50mb-comment", {ATTACHMENT: pdfs.long_comment_pdf}, BUILD_ATT,
         ("Certificate",), code=0),
]
