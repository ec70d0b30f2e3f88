"""PDF documents with a Unicode font shipped in the kernel (Lambda has no system fonts), so every
name renders whatever its alphabet: « Çağla », « Nguyễn », « Łukasz ».

The font is parsed once per container and each document gets its own light copy: fpdf2 subsets
a font's `ttfont` in place when it writes a file, so two documents sharing one parsed font would
break the second (its glyphs are gone). What is shared is only read: metrics, cmap, glyph ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# Tables fpdf2 drops from every embedded subset: removed once here, so that no document reads
# them again (reading GSUB/GPOS was most of the cost of writing a file).
UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "FFTM", "hdmx", "meta", "kern")
_lock = Lock()


@dataclass(frozen=True)
class ParsedFont:
    template: Any  # fpdf.fonts.TTFFont, parsed from the file once
    data: bytes  # the font file without the unused tables, to give each document its own copy


@cache
def parsed_fonts() -> dict[str, ParsedFont]:
    """The kernel's fonts, parsed once per container (fpdf2's own parse, then stripped bytes)."""
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    with _lock:
        loader, fonts = FPDF(), {}
        for style, name in FONT_FILES.items():
            key, data = f"{FAMILY.lower()}{style}", _stripped(FONTS / name)
            fonts[key] = ParsedFont(TTFFont(loader, BytesIO(data), key, style), data)  # type: ignore[arg-type]
        return fonts


def _stripped(path: Path) -> bytes:
    """The font file without what no document uses: layout tables, kerning, cmap subtables other
    than the full Unicode one."""
    from fontTools import ttLib

    font = ttLib.TTFont(str(path), recalcTimestamp=False)
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    cmap = font["cmap"]
    best = [t for t in cmap.tables if (t.platformID, t.platEncID) == (3, 10)]
    cmap.tables = best or [t for t in cmap.tables if (t.platformID, t.platEncID) == (3, 1)]
    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _copy_for_document(parsed: ParsedFont, index: int) -> Any:
    """A font object of its own for one document: fresh glyph table and subset, shared metrics."""
    from fontTools import ttLib
    from fpdf.fonts import SubsetMap, TTFFont

    template = parsed.template
    font = TTFFont.__new__(TTFFont)
    for slot in TTFFont.__slots__:
        if hasattr(template, slot):
            setattr(font, slot, getattr(template, slot))
    font.i = index
    font.cw = defaultdict(template.cw.default_factory, template.cw)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.ttfont = ttLib.TTFont(BytesIO(parsed.data), recalcTimestamp=False, lazy=True)
    font.subset = SubsetMap(font)
    return font


@cache
def _document_class() -> type:
    from fpdf import FPDF

    class Document(FPDF):
        """An FPDF whose page header and footer are functions given at creation."""

        page_header: Callable[[Any], None] | None = None
        page_footer: Callable[[Any], None] | None = None

        def header(self) -> None:
            if self.page_header:
                self.page_header(self)

        def footer(self) -> None:
            if self.page_footer:
                self.page_footer(self)

    return Document


def new_document(
    orientation: str = "portrait",
    header: Callable[[FPDF], None] | None = None,
    footer: Callable[[FPDF], None] | None = None,
) -> FPDF:
    """An A4 document in millimetres with the kernel's font registered (regular and bold);
    `header` and `footer` draw what every page repeats."""
    # Imported here: the kernel is vendored into all four apps, only those that render PDFs
    # ship fpdf2.
    pdf = _document_class()(orientation=orientation, unit="mm", format="A4")
    pdf.page_header, pdf.page_footer = header, footer
    pdf.set_margins(10, 10, 10)
    for key, parsed in parsed_fonts().items():
        pdf.fonts[key] = _copy_for_document(parsed, len(pdf.fonts) + 1)
    pdf.set_font(FAMILY, size=10)
    return pdf
