"""Documents with the kernel's font parsed once per container: each new document gets its own
copy of the parsed metrics and a fresh view of the font file to subset (fpdf2 subsets the
font object in place when it writes, so that part cannot be shared)."""

from __future__ import annotations

import copy
import threading
from io import BytesIO
from typing import TYPE_CHECKING, Any

from pixcore.pdf import FAMILY, FONT_FILES, FONTS, new_document

if TYPE_CHECKING:
    from fpdf import FPDF

_lock = threading.Lock()
_parsed: dict[str, tuple[Any, bytes]] = {}


def _fonts() -> dict[str, tuple[Any, bytes]]:
    with _lock:
        if not _parsed:
            base = new_document()
            files = {f"{FAMILY.lower()}{style}": name for style, name in FONT_FILES.items()}
            for key, font in base.fonts.items():
                _parsed[key] = (font, (FONTS / files[key]).read_bytes())
        return _parsed


def document() -> FPDF:
    """Like `pixcore.pdf.new_document()` (A4, millimetres, the Unicode font), minus the parse."""
    from fontTools import ttLib
    from fpdf import FPDF
    from fpdf.fonts import SubsetMap

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for key, (font, data) in _fonts().items():
        clone = copy.copy(font)
        clone.ttfont = ttLib.TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)
        clone.desc = copy.copy(font.desc)
        clone.missing_glyphs = []
        clone.biggest_size_pt = 0
        clone._hbfont = None
        clone.subset = SubsetMap(clone)
        pdf.fonts[key] = clone
    pdf.set_font(FAMILY, size=10)
    return pdf
