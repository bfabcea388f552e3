"""A packet still made of `packet init`'s example items: "meets every rule checked" would
mislead, so the check says the profile still holds the starter's examples.

An item counts as the starter's when it has the starter profile's id and title
(or name) in the same section; the person's name counts too. The build calls it
with the profile it used and the starter's (packet/check imports only the model:
the caller loads STARTER_PROFILE with packet.store.profiles.load_profile).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from packet.check.human import finding, plural
from packet.model.profile import Profile
from packet.model.report import Finding

STARTER_PROFILE = Path(str(resources.files("packet") / "starter" / "profiles" / "me"
                           / "profile.yaml"))


def _marks(profile: Profile) -> set[tuple[str, str, str]]:
    items = profile.items()
    return {(section, item_id, str(getattr(items[item_id], "title", None)
                                   or getattr(items[item_id], "name", None) or ""))
            for item_id, section in profile.section_of().items()}


def check_starter(profile: Profile, starter: Profile) -> list[Finding]:
    """A warning when the profile still holds the starter's example person or items."""
    same = _marks(profile) & _marks(starter)
    name = profile.person.name == starter.person.name
    if not same and not name:
        return []
    parts = [plural(len(same), "example item")] if same else []
    if name:
        parts.insert(0, f"the example name “{starter.person.name}”")
    return [finding(
        "starter-placeholders", "warning",
        f"This profile still holds the starter's examples ({' and '.join(parts)}): the packet "
        "shows them as if they were yours. Replace them in profile.yaml, or delete them.",
        actual=" and ".join(parts),
    )]
