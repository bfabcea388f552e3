"""Compliance checks: a call's rules against the PDFs, texts and choices of a packet.

`pdf_facts.inspect_pdf` reads what a PDF is (any tool's PDF), `rules` turns
facts and a `CallSpec` into `Finding`s, `report_md` writes report.md.
Nothing here prints; the CLI shows findings with `packet.cli.findings_view`.
"""
