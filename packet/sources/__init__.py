"""Import: what a researcher already has (BibTeX, arXiv, ORCID, an old CV) becomes a profile.

Entry points:
    import_sources(sources, profile, ...) -> ImportPlan   read, normalise, match, plan
    apply_plan(plan, data) -> data                        the plan applied to the YAML data

Neither touches the profile's file: `packet.store.imports` saves (atomically, with a
backup), so this package depends on the model alone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, BinaryIO

from packet.sources.apply import apply_plan
from packet.sources.plan import ImportPlan

if TYPE_CHECKING:
    from packet.model.profile import Profile
    from packet.sources.planner import Progress

__all__ = ["ImportPlan", "apply_plan", "import_sources"]


def import_sources(
    sources: Sequence[str],
    profile: Profile | None,
    *,
    format: str | None = None,
    sections: Collection[str] | None = None,
    prefer: str = "existing",
    known_digests: Collection[str] = (),
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `sources` (files, folders, `-`, identifiers) would change in `profile`.

    `profile` is None for a profile that does not exist yet. `known_digests` are the
    sha256 of sources imported before (from the provenance record), so a repeat is
    reported as such. Raises UserError for a source that cannot be read.
    """
    from packet.sources.detect import read_source
    from packet.sources.planner import plan_import

    reads = [loaded for spec in sources for loaded in read_source(spec, format, stdin)]
    return plan_import(
        reads,
        profile,
        sections=sections,
        prefer=prefer,
        known_digests=known_digests,
        progress=progress,
    )
