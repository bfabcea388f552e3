"""Typeset one document in a process of its own, which exits when it is done.

Run as a script by `packet.render.pdf` for a long document (see `SUBPROCESS_BYTES`
there): Typst keeps what it laid out (about 150 MB for a 130-page reference list)
for as long as its compiler lives, and a build's own memory would otherwise grow
with its longest document. Reads one JSON request on stdin, writes the PDF on
stdout and Typst's warnings (a JSON list) on stderr; with `"query": SELECTOR` it
writes the query's one result (JSON) instead of a PDF (`packet.render.typst_chunks`
asks where each part of a chunk starts). Exit status 3 is a Typst error, whose
message is on stderr. Imports nothing of packet: it starts in a few
tens of milliseconds and needs no path set up.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    import typst

    request = json.load(sys.stdin.buffer)
    try:
        if request.get("query"):
            # Laid out but not written as PDF: a tenth less time.
            found = typst.query(request["input"], request["query"], field="value", one=True,
                                root=request["root"], font_paths=request["fonts"],
                                ignore_system_fonts=True, sys_inputs=request["inputs"])
            sys.stderr.write("[]")  # the PDF of these pages, made later, says them
            sys.stdout.buffer.write(str(found).encode("utf-8"))
            return 0
        compiler = typst.Compiler(request["input"], root=request["root"],
                                  font_paths=request["fonts"], ignore_system_fonts=True)
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf", sys_inputs=request["inputs"], timestamp=request["timestamp"])
    except typst.TypstError as err:
        sys.stderr.write(f"{err.message}\n{err.diagnostic}")
        return 3
    if not isinstance(pdf, bytes):
        sys.stderr.write("typst returned no PDF")
        return 3
    sys.stderr.write(json.dumps([w.message for w in warnings]))
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
