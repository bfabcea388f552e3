"""DocTree -> PDF (Typst) and DocTree -> DOCX (python-docx)."""
