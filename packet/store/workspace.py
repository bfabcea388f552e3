"""The workspace: where profiles, calls, templates and output live.

Everything the CLI, the wizard and batch mode read goes through here, so the
messages for unknown names and broken files are the same everywhere.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from packet.cache import Cache, content_key
from packet.errors import Problem, UserError
from packet.model.application import Application
from packet.model.call import CallSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile
from packet.paths import (
    MAX_YAML_BYTES,
    PACKAGE_DIR,
    contained,
    folder_error,
    plain_name,
    read_user_bytes,
    require_file,
)
from packet.settings import Settings, load_settings
from packet.store.applications import application_key, load_application
from packet.store.calls import BUILTIN_DIR, CallSource, call_chain, resolve_call
from packet.store.profiles import load_profile
from packet.store.yaml_io import display_path, position

BUILTIN_TEMPLATES = Path(str(resources.files("packet") / "compose" / "templates"))


def _suggest(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    listing = ", ".join(known) if known else "none yet"
    return (f"Did you mean '{close[0]}'? " if close else "") + f"Known: {listing}."


@dataclass
class Workspace:
    root: Path
    settings: Settings
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _calls: dict[str, CallSpec] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, root: Path, **flags: Any) -> Workspace:
        root = root.expanduser()
        if not root.is_dir():
            raise UserError(
                f"workspace {root} does not exist",
                [
                    Problem(
                        "no such folder",
                        hint="Create one with `packet init DIR`, or pass --workspace.",
                    )
                ],
            )
        return cls(root=root.resolve(), settings=load_settings(root, **flags))

    # -- places -----------------------------------------------------------------

    def show(self, path: Path) -> str:
        return display_path(path, self.root)

    def contain(self, path: Path, what: str = "file") -> Path:
        """`path` with symlinks followed, if it lies in the workspace (or is packet's own);
        else a UserError naming it and where it points (see packet.paths)."""
        return contained(path, (self.root, PACKAGE_DIR), self.show(path), what)

    @property
    def profiles_dir(self) -> Path:
        return self.root / "profiles"

    @property
    def calls_dir(self) -> Path:
        return self.root / "calls"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / self.settings.output

    def profile_dir(self, profile_id: str) -> Path:
        return self.profiles_dir / plain_name(profile_id, "profile id")

    def statements_dir(self, profile_id: str) -> Path:
        return self.profile_dir(profile_id) / "statements"

    def application_path(self, profile_id: str, call_id: str) -> Path:
        call_id = plain_name(call_id, "call id")
        return self.profile_dir(profile_id) / "applications" / f"{call_id}.yaml"

    def writable_application(self, profile_id: str, call_id: str) -> Path:
        """The application's path for a session that reads and replaces it and its draft:
        the profile and applications folders and both files, where they exist, lie in the
        workspace and the files are regular files, checked before anything is written."""
        from packet.store.applications import draft_path

        path = self.application_path(profile_id, call_id)
        for folder in (path.parent.parent, path.parent):
            if os.path.lexists(folder):
                self.contain(folder, "folder")
        for file in (path, draft_path(path)):
            if os.path.lexists(file):
                self.contain(file, "application")
                require_file(file, self.show(file), "application")
        return path

    def output_for(self, call_id: str, profile_id: str) -> Path:
        """output/<call>/<profile>, which must lie in the workspace (packet.toml's `output`
        is the workspace's to set; a folder elsewhere is given with --out)."""
        folder = self.output_dir / plain_name(call_id, "call id") / plain_name(
            profile_id, "profile id")
        self.contain(self.output_dir, "output folder")
        self.contain(folder, "output folder")
        return folder

    def cache(self, kind: str) -> Cache:
        return Cache(self.settings.cache_dir, kind)

    def today(self) -> PartialDate:
        """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
        return PartialDate.today()

    # -- listing ----------------------------------------------------------------

    def profile_ids(self) -> list[str]:
        if not self.profiles_dir.is_dir():
            return []
        # A profile.yaml that is a folder, a dangling link or a pipe is still a profile the
        # user meant: listed, so that loading it names what is wrong instead of skipping it.
        return sorted(p.name for p in self.profiles_dir.iterdir()
                      if os.path.lexists(p / "profile.yaml"))

    @cached_property
    def call_sources(self) -> dict[str, CallSource]:
        sources: dict[str, CallSource] = {}
        if BUILTIN_DIR.is_dir():
            for path in sorted(BUILTIN_DIR.glob("*.yaml")):
                sources[path.stem] = CallSource(path.stem, path, f"built-in call {path.name}", True)
        if self.calls_dir.is_dir():
            for path in sorted(self.calls_dir.glob("*.yaml")):
                sources[path.stem] = CallSource(path.stem, path, self.show(path), False)
        return sources

    def call_ids(self) -> list[str]:
        return sorted(self.call_sources)

    def application_ids(self, profile_id: str) -> list[str]:
        folder = self.profile_dir(profile_id) / "applications"
        if not folder.is_dir():
            return []
        # <call>.draft.yaml is an unfinished wizard session, not an application.
        return sorted(p.stem for p in folder.glob("*.yaml") if not p.name.endswith(".draft.yaml"))

    # -- loading ----------------------------------------------------------------

    def profile(self, profile_id: str) -> Profile:
        if profile_id not in self._profiles:
            path = self.profile_dir(profile_id) / "profile.yaml"
            if path.is_dir():
                raise folder_error(self.show(path), "profile")
            if path.exists() or path.is_symlink():
                self.contain(path, "profile")
            if not path.is_file():
                raise UserError(
                    f"unknown profile '{profile_id}'",
                    [
                        Problem(
                            f"there is no {self.show(path)}",
                            hint=_suggest(profile_id, self.profile_ids()),
                        )
                    ],
                )
            self._profiles[profile_id] = load_profile(path, self.show(path), self.cache("profiles"))
        return self._profiles[profile_id]

    def call(self, call_id: str) -> CallSpec:
        if call_id not in self._calls:
            plain_name(call_id, "call id")
            if call_id not in self.call_sources:
                raise UserError(
                    f"unknown call '{call_id}'",
                    [
                        Problem(
                            "no built-in call and no calls/ file has this id",
                            hint=_suggest(call_id, self.call_ids()),
                        )
                    ],
                )
            self._calls[call_id] = self._load_call(call_id)
        return self._calls[call_id]

    def _load_call(self, call_id: str) -> CallSpec:
        """A resolved call spec; cached by the bytes of its file and every file it extends."""
        chain = call_chain(self.call_sources, call_id, lambda path: self.contain(path, "call"))
        key = content_key(*(read_user_bytes(path, self.show(path), MAX_YAML_BYTES, "call")
                            for path in chain), *self.template_names())
        cache = self.cache("calls")
        if (hit := cache.get(key)) is not None:
            with contextlib.suppress(ValueError):
                return CallSpec.model_validate_json(hit)
        spec, _ = resolve_call(call_id, self.call_sources)
        self._check_templates(spec)
        cache.put(key, spec.model_dump_json())
        return spec

    def call_origin(self, call_id: str) -> str:
        return "built-in" if self.call_sources[call_id].builtin else "workspace"

    def template_names(self) -> list[str]:
        names = {p.name.removesuffix(".md.j2") for p in BUILTIN_TEMPLATES.glob("*.md.j2")}
        if self.templates_dir.is_dir():
            names |= {p.name.removesuffix(".md.j2") for p in self.templates_dir.glob("*.md.j2")}
        return sorted(names)

    def _check_templates(self, spec: CallSpec) -> None:
        names = self.template_names()
        source = self.call_sources[spec.id]
        problems = []
        for index, doc in enumerate(spec.documents):
            if doc.kind == "document" and doc.template not in names:
                data = None
                try:
                    from packet.store.yaml_io import load_yaml

                    data = load_yaml(source.path, source.shown)
                except UserError:
                    pass
                line, column = (
                    position(data, ("documents", index, "template")) if data else (None, None)
                )
                problems.append(
                    Problem(
                        f"document '{doc.id}' uses template '{doc.template}', which does not exist",
                        file=source.shown,
                        line=line,
                        column=column,
                        field=f"documents[{index}].template",
                        hint=f"Templates: {', '.join(names)} "
                        f"(or add templates/{doc.template}.md.j2).",
                    )
                )
        if problems:
            raise UserError(f"{source.shown} names a missing template", problems)

    def application(self, profile_id: str, call_id: str) -> Application | None:
        """The saved application, validated against its profile and call.

        One that validated before is cached as JSON, keyed by its bytes and by all
        of the profile and call its validation looks at (see `application_key`).
        """
        path = self.application_path(profile_id, call_id)
        if not os.path.lexists(path):  # a folder or a pipe there is an error, said below
            return None
        if call_id not in self.call_sources:  # an error, said by application_with_data
            return self.application_with_data(profile_id, call_id)[0]
        self.contain(path, "application")
        data = read_user_bytes(path, self.show(path), MAX_YAML_BYTES, "application")
        key = application_key(data, self.profile(profile_id), self.call(call_id))
        cache = self.cache("applications")
        if (hit := cache.get(key)) is not None:
            with contextlib.suppress(ValueError):  # damaged: read the YAML
                return Application.model_validate_json(hit)
        application = self.application_with_data(profile_id, call_id)[0]
        cache.put(key, application.model_dump_json())
        return application

    def application_with_data(self, profile_id: str, call_id: str) -> tuple[Application, Any]:
        path = self.application_path(profile_id, call_id)
        self.contain(path, "application")
        profile = self.profile(profile_id)
        call = self.call(call_id) if call_id in self.call_sources else None
        application, data = load_application(path, self.show(path), profile, call)
        if application.call != call_id:
            line, column = position(data, ("call",))
            raise UserError(
                f"{self.show(path)} has 1 problem",
                [
                    Problem(
                        f"says call '{application.call}' but is saved as "
                        f"the application for '{call_id}'",
                        file=self.show(path),
                        line=line,
                        column=column,
                        field="call",
                        hint=f"Set call: {call_id}, or rename the file to {application.call}.yaml.",
                    )
                ],
            )
        if call is None:
            raise UserError(
                f"{self.show(path)}: unknown call '{call_id}'",
                [
                    Problem(
                        "no call has this id",
                        file=self.show(path),
                        hint=_suggest(call_id, self.call_ids()),
                    )
                ],
            )
        return application, data
