"""What a build produced and how it stands against the call's rules."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]


class Finding(BaseModel):
    rule: str = Field(description="Short rule name, e.g. 'max-pages'.")
    severity: Severity
    document: str | None = None
    limit: str | None = None
    actual: str | None = None
    message: str
    unconfirmed: bool = Field(False, description="The rule comes from an unconfirmed source.")


class OutputFile(BaseModel):
    path: str
    bytes: int
    sha256: str


class DocumentReport(BaseModel):
    id: str
    title: str
    pages: int
    first_page: int = Field(description="Page of the packet where the document starts (1-based).")
    words: int
    characters: int
    items: dict[str, int] = Field(default_factory=dict, description="Items shown per section.")
    files: list[OutputFile] = Field(default_factory=list)
    attachment: bool = False
    certified: bool = Field(
        False, description="A certified attachment: its file is the given PDF, byte for byte."
    )
    kind: str = Field("document", description="document, paste-sheet or coa.")
    docx_pages: int | None = Field(
        None, description="Pages of the DOCX as LibreOffice lays it out; None: not counted.")


class Report(BaseModel):
    profile: str
    call: str
    call_name: str
    rules_read: str | None = Field(None, description="When the call's rules were read (its spec).")
    build_date: str
    tool_version: str
    inputs: str | None = Field(
        None,
        description="Fingerprint of every input; batch mode skips a packet whose inputs match.",
    )
    documents: list[DocumentReport] = Field(default_factory=list)
    packet: OutputFile | None = None
    pages: int = 0
    findings: list[Finding] = Field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]
