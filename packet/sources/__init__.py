"""Import: what a researcher already has (BibTeX, arXiv, ORCID, an old CV) becomes a profile."""
