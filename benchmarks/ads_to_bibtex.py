"""Turn an ADS export in JSON (a list of records with title, authors, pub, year, doi,
arxiv, doctype) into BibTeX, for the ranking evaluation's judged profiles.

Only journal articles are kept, newest first, at most --limit of them: a profile of
"the last hundred papers" as an applicant would import it. The output is what
`packet import` reads, so the judged profile is built by packet's own importer.

    python benchmarks/ads_to_bibtex.py pubs.json --limit 100 > out.bib
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def _braced(text: str) -> str:
    # ADS titles carry LaTeX already ("{\&}gt;"); unbalanced braces would break the file.
    text = text.replace("{\\&}gt;", ">").replace("{\\&}lt;", "<").replace("{\\&}", "\\&")
    return text if text.count("{") == text.count("}") else re.sub(r"[{}]", "", text)


def to_bibtex(records: list[dict[str, object]], limit: int) -> str:
    out = []
    seen: set[str] = set()
    for record in records:
        if record.get("doctype") != "article" or not record.get("title"):
            continue
        title = _braced(str(record["title"]))
        if title.lower() in seen:
            continue
        seen.add(title.lower())
        authors = " and ".join(str(a) for a in record.get("authors") or [])  # type: ignore[union-attr]
        key = re.sub(r"\W", "", str(record.get("url", "")).rsplit("/", 1)[-1]) or f"e{len(out)}"
        fields = {"title": title, "author": authors, "journal": str(record.get("pub") or ""),
                  "year": str(record.get("year") or "")}
        if record.get("doi"):
            fields["doi"] = str(record["doi"])
        if record.get("arxiv"):
            fields["eprint"] = str(record["arxiv"])
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
        out.append(f"@article{{{key},\n{body}\n}}\n")
        if len(out) >= limit:
            break
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    sys.stdout.write(to_bibtex(json.loads(args.source.read_text(encoding="utf-8")), args.limit))


if __name__ == "__main__":
    main()
