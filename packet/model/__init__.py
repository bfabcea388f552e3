"""Pydantic models of packet's data. Imports nothing else of packet."""

from packet.model.application import Application
from packet.model.call import CallSpec, DocumentSpec, Format, Prompt, SectionRule
from packet.model.dates import PartialDate
from packet.model.profile import SECTIONS, Item, Person, Profile, Publication
from packet.model.report import DocumentReport, Finding, Report

__all__ = [
    "SECTIONS",
    "Application",
    "CallSpec",
    "DocumentReport",
    "DocumentSpec",
    "Finding",
    "Format",
    "Item",
    "PartialDate",
    "Person",
    "Profile",
    "Prompt",
    "Publication",
    "Report",
    "SectionRule",
]
