"""Templates, template context, citations, and Markdown -> DocTree."""
