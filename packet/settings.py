"""Workspace settings: packet.toml, then PACKET_* environment variables, then CLI flags.

pydantic-settings does the layering; the TOML file's path depends on the
workspace, so the settings class is told where to look when it is built.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NoReturn

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from packet.errors import Problem, UserError


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "packet"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PACKET_", extra="forbid")

    profile: str | None = Field(None, description="Profile used when a command is given none.")
    output: Path = Field(Path("output"), description="Output folder, relative to the workspace.")
    theme: str | None = Field(None, description="Theme for every build (default: the call's).")
    style: str | None = Field(None, description="CSL citation style (default: the call's).")
    formats: list[str] = Field(default_factory=lambda: ["pdf", "docx"])
    max_authors: int = Field(10, ge=0, description=(
        "Authors a reference names before its list is shortened around you (0: never)."))
    jobs: int | None = Field(None, ge=1, description="Parallel builds in batch mode.")
    strict: bool = Field(False, description="Treat any rule broken as a failure (exit 1).")
    # PACKET_CACHE_DIR only: packet.toml may not set it (see _refuse_cache_setting).
    cache_dir: Path = Field(default_factory=_default_cache)
    contact: str | None = Field(
        None,
        description="A URL or mailto: sent in the User-Agent of requests to ORCID, arXiv and "
        "Crossref, which ask clients to say how to reach their user.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if settings_cls.model_config.get("toml_file"):
            sources.append(TomlConfigSettingsSource(settings_cls))
        return tuple(sources)


def load_settings(root: Path, **flags: Any) -> Settings:
    """Settings for the workspace at `root`; flags given on the command line win."""
    import tomllib

    toml_path = root / "packet.toml"
    toml_text = ""
    if toml_path.exists() or toml_path.is_symlink():
        # Read here once, through packet.paths: inside the workspace, a regular file, UTF-8.
        from packet.paths import MAX_YAML_BYTES, contained, read_user_text

        contained(toml_path, [root], "packet.toml", "settings file")
        toml_text = read_user_text(toml_path, "packet.toml", MAX_YAML_BYTES, "settings file")
    config = SettingsConfigDict(
        env_prefix="PACKET_", extra="forbid", toml_file=toml_path if toml_path.exists() else None
    )
    cls = type("WorkspaceSettings", (Settings,), {"model_config": config})
    given = {k: v for k, v in flags.items() if v is not None}
    try:
        settings = cls(**given)
        if "cache_dir" not in given and "PACKET_CACHE_DIR" not in os.environ and \
                "cache_dir" in tomllib.loads(toml_text):
            _refuse_cache_setting(settings.cache_dir)
        return settings
    except tomllib.TOMLDecodeError as err:
        raise UserError(
            "packet.toml is not valid TOML",
            [
                Problem(
                    str(err.args[0]) if err.args else str(err),
                    file="packet.toml",
                    line=getattr(err, "lineno", None),
                    column=getattr(err, "colno", None),
                )
            ],
        ) from None
    except ValidationError as err:
        known = ", ".join(Settings.model_fields)
        problems = [
            Problem(
                "unknown setting"
                if e["type"] == "extra_forbidden"
                else e["msg"].removeprefix("Value error, "),
                file="packet.toml or PACKET_* variables",
                field=".".join(str(p) for p in e["loc"]),
                hint=f"Settings: {known}." if e["type"] == "extra_forbidden" else None,
            )
            for e in err.errors()
        ]
        raise UserError("the workspace settings are not valid", problems) from None


def _refuse_cache_setting(given: Path) -> NoReturn:
    """packet.toml may not choose the cache folder: a UserError saying so.

    A workspace may come from someone else. Outside it, a cache_dir of `~` would let
    packet's pruning remove a home folder's files; inside it, entries planted there
    (compiled templates are Python bytecode) would run code. The cache's place is the
    user's own choice, made with PACKET_CACHE_DIR.
    """
    from packet.errors import Problem, UserError

    raise UserError(
        "packet.toml sets cache_dir, which only the PACKET_CACHE_DIR variable may set",
        [Problem(f"cache_dir = '{given}': a workspace file, which may come from someone "
                 "else, does not choose where packet writes outside it", file="packet.toml",
                 field="cache_dir",
                 hint="Remove cache_dir from packet.toml (the cache is then ~/.cache/packet), "
                      "or set PACKET_CACHE_DIR=FOLDER in your shell.")])
