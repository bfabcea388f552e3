"""A packet still made of `packet init`'s example items: "meets every rule checked" would
mislead, so the check says the profile still holds the starter's examples.

An item counts as the starter's when it has the starter profile's id and the same naming
fields (title, name, degree and institution, ...) in the same section; the person's name
counts too. An id alone is not enough: "edu-phd" is what many people call their PhD.
The build calls it with the profile it used and the starter's (packet/check imports
only the model: the caller loads STARTER_PROFILE with packet.store.profiles.load_profile).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from packet.check.human import finding, plural
from packet.model.profile import Profile
from packet.model.report import Finding

STARTER_PROFILE = Path(str(resources.files("packet") / "starter" / "profiles" / "me"
                           / "profile.yaml"))


# The fields that say what an item is: an education item has no title, an interest no name.
_NAMING = ("title", "name", "degree", "institution", "area", "course", "student",
           "organization", "event", "category")


def _marks(profile: Profile) -> set[tuple[str, ...]]:
    items = profile.items()
    return {(section, item_id, *(str(getattr(items[item_id], f, None) or "") for f in _NAMING))
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
