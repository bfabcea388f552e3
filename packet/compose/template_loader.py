"""Where templates come from: the workspace's templates/ first, then the built-ins.

`builtin:NAME` always means the built-in, so a workspace template can
`{% extends "builtin:cv.md.j2" %}` and override one block. Workspace templates
are read through `packet.paths`: inside the workspace (symlinks followed), a
regular file, bounded in size, UTF-8, or a UserError that names the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, TemplateNotFound
from jinja2.environment import Environment
from jinja2.loaders import split_template_path

from packet.paths import contained, read_user_text

BUILTIN_DIR = Path(__file__).parent / "templates"
BUILTIN_PREFIX = "builtin:"


class TemplateLoader(BaseLoader):
    """Workspace templates first, then the built-ins; `builtin:NAME` skips the workspace.

    A workspace template is read only if it resolves (symlinks followed) inside
    `within` (the workspace; default: the templates folder itself), is a regular
    file of at most MAX_TEXT_BYTES and is UTF-8; otherwise a UserError names it.
    """

    def __init__(self, workspace_templates: Path | None, within: Path | None = None) -> None:
        self.workspace_dir = workspace_templates
        self.within = within or workspace_templates
        self.display: dict[str, str] = {}  # real filename -> name shown in messages

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template.startswith(BUILTIN_PREFIX):
            return self._load(BUILTIN_DIR, template.removeprefix(BUILTIN_PREFIX),
                              BUILTIN_PREFIX, template)
        if self.workspace_dir is not None:
            try:
                return self._load(self.workspace_dir, template,
                                  f"{self.workspace_dir.name}/", template)
            except TemplateNotFound:
                pass
        return self._load(BUILTIN_DIR, template, BUILTIN_PREFIX, template)

    def _load(
        self, folder: Path, name: str, prefix: str, asked: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = folder.joinpath(*split_template_path(name))
        if not os.path.lexists(path):
            raise TemplateNotFound(asked)
        shown = prefix + name
        if folder != BUILTIN_DIR:
            contained(path, [self.within or folder], shown, "template")
        source = read_user_text(path, shown, what="template")
        filename = os.path.normpath(path)
        self.display[filename] = shown
        mtime = path.stat().st_mtime
        return source, filename, lambda: path.is_file() and path.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        names = {p.name for p in BUILTIN_DIR.glob("*.j2")}
        if self.workspace_dir is not None:
            names.update(p.relative_to(self.workspace_dir).as_posix()
                         for p in self.workspace_dir.rglob("*.j2"))
        return sorted(n for n in names if n.endswith(".j2") and not n.startswith("_"))
