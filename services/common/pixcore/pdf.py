"""PDF documents with a Unicode font shipped in the kernel (Lambda has no system fonts), so every
name renders whatever its alphabet: « Çağla », « Nguyễn », « Łukasz »."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def new_document(orientation: str = "portrait") -> FPDF:
    """An A4 document in millimetres with the kernel's font registered (regular and bold)."""
    # Imported here: the kernel is vendored into all four apps, only those that render PDFs
    # ship fpdf2.
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONTS / name))
    pdf.set_font(FAMILY, size=10)
    return pdf
