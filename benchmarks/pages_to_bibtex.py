"""Turn a lab website's paper pages (Markdown with YAML front matter: title, date,
authors, journal, doi; the abstract under an "## Abstract" heading) into BibTeX, for
the ranking evaluation's judged profiles. Keywords are left out: an import from
ORCID, arXiv or most BibTeX exports has none, and judged cases should not be won
on the lab's own labels.

    python benchmarks/pages_to_bibtex.py papers/*.md > out.bib
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ruamel.yaml import YAML

_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_ABSTRACT = re.compile(r"^##\s*Abstract\s*\n(.*?)(?=^#|\Z)", re.DOTALL | re.MULTILINE)


def _clean(text: str) -> str:
    return " ".join(text.replace("{", "").replace("}", "").split())


def page_to_bibtex(path: Path) -> str | None:
    found = _FRONT.match(path.read_text(encoding="utf-8"))
    if found is None:
        return None
    meta = YAML(typ="safe").load(found.group(1)) or {}
    if not meta.get("title"):
        return None
    fields = {
        "title": _clean(str(meta["title"])),
        "author": " and ".join(_clean(str(a)) for a in meta.get("authors") or []),
        "journal": _clean(str(meta.get("journal") or "")),
        "year": str(meta.get("date") or "")[:4],
        "doi": str(meta.get("doi") or ""),
    }
    abstract = _ABSTRACT.search(found.group(2))
    if abstract:
        fields["abstract"] = _clean(abstract.group(1))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@article{{{re.sub(r'[^A-Za-z0-9_]', '', path.stem)},\n{body}\n}}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, nargs="+")
    args = parser.parse_args()
    entries = [page_to_bibtex(p) for p in sorted(args.pages, reverse=True)]  # newest first
    sys.stdout.write("\n".join(e for e in entries if e))


if __name__ == "__main__":
    main()
