"""A few PDFium functions bound to take and return plain addresses.

pypdfium2's bindings return a new pointer object per call and check their
arguments on the way in; on a page of thousands of text objects (LaTeX
math) that costs more than the calls themselves, and pointer objects cannot
be compared, so telling one text object from the next would need another
conversion per character. These prototypes call the very same functions of
the library pypdfium2 has loaded, found through its own function pointers.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

ObjectAt = Callable[[int, int], "int | None"]  # (text page, char index) -> text object address


@dataclass(frozen=True)
class PdfiumCalls:
    """The functions called per text object or per text line."""

    object_at: ObjectAt  # FPDFText_GetTextObject(text page, index) -> text object
    render_mode: Callable[[int], int]  # FPDFTextObj_GetTextRenderMode(text object)
    font_size: Callable[[int, int], float]  # FPDFText_GetFontSize(text page, index)
    matrix: Callable[[int, int, Any], int]  # FPDFText_GetMatrix(text page, index, FS_MATRIX*)
    count_rects: Callable[[int, int, int], int]  # FPDFText_CountRects(text page, start, count)
    get_rect: Callable[..., int]  # FPDFText_GetRect(text page, i, &left, &top, &right, &bottom)


@cache
def pdfium_calls() -> PdfiumCalls:
    import pypdfium2.raw as pdfium_c

    def bind(function: Any, result: Any, *arguments: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(result, *arguments)(address or 0)

    pointer, index = ctypes.c_void_p, ctypes.c_int
    return PdfiumCalls(
        object_at=bind(pdfium_c.FPDFText_GetTextObject, pointer, pointer, index),
        render_mode=bind(pdfium_c.FPDFTextObj_GetTextRenderMode, ctypes.c_int, pointer),
        font_size=bind(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, pointer, index),
        matrix=bind(
            pdfium_c.FPDFText_GetMatrix, ctypes.c_int, pointer, index,
            ctypes.POINTER(pdfium_c.FS_MATRIX),
        ),
        count_rects=bind(pdfium_c.FPDFText_CountRects, ctypes.c_int, pointer, index, index),
        get_rect=bind(
            pdfium_c.FPDFText_GetRect, ctypes.c_int, pointer, index,
            *[ctypes.POINTER(ctypes.c_double)] * 4,
        ),
    )
