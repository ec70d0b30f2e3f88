"""The attestation as a family keeps it: an A4 page per certificate (fpdf2, the kernel's Unicode
font), a QR code to the verification page (segno), then one PAdES signature over the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.jury.adapters.pdf_fonts import document
from chalicelib.jury.adapters.signing import SigningMaterial, sign_pdf
from chalicelib.jury.domain.attestation import VALIDITY, Attestation
from pixcore.clock import french_date
from pixcore.pdf import FAMILY
from pixcore.referential import PIX_PER_LEVEL

if TYPE_CHECKING:
    from fpdf import FPDF

NAVY = (32, 42, 104)
INK = (40, 40, 48)
GREY = (110, 112, 125)
LIGHT = (236, 238, 246)
GOLD = (214, 162, 38)
WHITE = (255, 255, 255)
AREA_COLOURS = {
    "1": (241, 161, 65),
    "2": (87, 200, 132),
    "3": (255, 63, 148),
    "4": (61, 104, 255),
    "5": (86, 76, 172),
}
COMPETENCE_COUNT = 16
QR_MASK = 2
NAME_WIDTH = 128


def _text(pdf: FPDF, x: float, y: float, w: float, text: str, size: float, style: str = "",
          colour: tuple[int, int, int] = INK, align: str = "L") -> None:  # fmt: skip
    """One line placed where fpdf2's `cell(w, size × 0.45, text, align=align)` at (x, y) puts it,
    through `FPDF.text` (a fifth of `cell`'s cost; a page writes ~80 of them)."""
    pdf.set_font(FAMILY, style, size)
    if getattr(pdf, "_pix_colour", None) != colour:  # fpdf2 builds a colour object per call
        pdf.set_text_color(*colour)
        pdf._pix_colour = colour  # type: ignore[attr-defined]
    dx = pdf.c_margin
    if align != "L":
        width = pdf.get_string_width(text)
        dx = w - pdf.c_margin - width if align == "R" else (w - width) / 2
    pdf.text(x + dx, y + 0.5 * size * 0.45 + 0.3 * pdf.font_size, text)


def _rgb(colour: tuple[int, int, int]) -> str:
    return " ".join(f"{c / 255:.3f}" for c in colour)


def _boxes(pdf: FPDF, boxes: list[tuple[float, float, float, float, tuple[int, int, int]]],
           stroke: tuple[int, int, int] | None = None, line: float = 0.25) -> None:  # fmt: skip
    """Many rectangles as one piece of content stream (fpdf2 costs ~50 µs per `rect` call, and
    a page draws ~400 of them), inside q/Q so fpdf2's own colour state is untouched."""
    k, h = pdf.k, pdf.h
    ops = ["q"]
    if stroke:
        ops.append(f"{line * k:.2f} w {_rgb(stroke)} RG")
    current = None
    for x, y, w, bh, fill in boxes:
        if fill != current:
            ops.append(f"{_rgb(fill)} rg")
            current = fill
        ops.append(
            f"{x * k:.2f} {(h - y) * k:.2f} {w * k:.2f} {-bh * k:.2f} re {'B' if stroke else 'f'}"
        )
    ops.append("Q")
    pdf._out("\n".join(ops))  # noqa: SLF001 - fpdf2's way to add raw page content


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """Vector squares, row runs merged: sharp when printed, and no image to embed."""
    import segno

    # One fixed mask: any of the 8 is standard and decoders read them all; scoring the 8 (segno's
    # default) took a third of a bulk page.
    matrix = segno.make(url, error="m", micro=False, mask=QR_MASK).matrix
    module = size / len(matrix)
    white, black = (255, 255, 255), (0, 0, 0)
    boxes = [(x - 2 * module, y - 2 * module, size + 4 * module, size + 4 * module, white)]
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                boxes.append(
                    (x + start * module, y + r * module, (c - start) * module, module, black)
                )
            else:
                c += 1
    _boxes(pdf, boxes)


def _header(pdf: FPDF, a: Attestation) -> None:
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, 210, 44, style="F")
    pdf.set_fill_color(*GOLD)
    pdf.rect(0, 44, 210, 1.6, style="F")
    _text(pdf, 18, 12, 60, "Pix", 30, "B", (255, 255, 255))
    _text(pdf, 18, 26, 80, "Les compétences numériques", 9, "", (205, 210, 240))
    _text(pdf, 80, 13, 112, "CERTIFICAT DE COMPÉTENCES", 15, "B", (255, 255, 255), "R")
    _text(pdf, 80, 22, 112, "NUMÉRIQUES", 15, "B", (255, 255, 255), "R")
    _text(pdf, 80, 32, 112, "Attestation de certification Pix", 10, "", (205, 210, 240), "R")


def _holder(pdf: FPDF, a: Attestation) -> None:
    _text(pdf, 18, 56, 120, "Ce certificat est délivré à", 10, "", GREY)
    pdf.set_font(FAMILY, "B", 22)
    size = 22.0
    while pdf.get_string_width(a.full_name) > NAME_WIDTH and size > 14:
        size -= 1
        pdf.set_font(FAMILY, "B", size)
    if pdf.get_string_width(a.full_name) <= NAME_WIDTH:
        _text(pdf, 18, 63, NAME_WIDTH, a.full_name, size, "B", NAVY)
    else:  # a very long name goes on two lines rather than under the score
        pdf.set_font(FAMILY, "B", 13)
        pdf.set_text_color(*NAVY)
        pdf._pix_colour = NAVY  # type: ignore[attr-defined]
        pdf.set_xy(18, 62)
        pdf.multi_cell(NAME_WIDTH, 6, a.full_name, align="L")
    born = f"Né(e) le {french_date(a.birthdate)}"  # type: ignore[arg-type]
    if a.birthplace:
        born += f" à {a.birthplace}"
    _text(pdf, 18, 76, 124, born, 10.5)
    rows = (
        ("Centre de certification", a.center_name),
        ("Date de passage", french_date(a.taken_on)),  # type: ignore[arg-type]
        ("Date de délivrance", french_date(a.delivered_on)),  # type: ignore[arg-type]
    )
    for i, (label, value) in enumerate(rows):
        _text(pdf, 18, 88 + i * 6.5, 44, label, 9, "", GREY)
        _text(pdf, 62, 88 + i * 6.5, 86, value, 9.5, "B")
    _text(pdf, 18, 108, 124, f"{VALIDITY} à compter de la date de passage.", 9, "", GOLD)


def _score(pdf: FPDF, a: Attestation) -> None:
    cx, cy, r = 174, 84, 21
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(1.4)
    pdf.set_fill_color(*LIGHT)
    pdf.circle(x=cx, y=cy, radius=r, style="FD")
    _text(pdf, cx - r, cy - 9, 2 * r, str(a.pix), 26, "B", NAVY, "C")
    _text(pdf, cx - r, cy + 3, 2 * r, "pix", 11, "B", NAVY, "C")
    maximum = COMPETENCE_COUNT * a.max_level * PIX_PER_LEVEL
    _text(pdf, cx - r - 6, cy + r + 3, 2 * r + 12, f"sur {maximum} pix possibles", 8, "", GREY, "C")


def _levels(pdf: FPDF, a: Attestation) -> None:
    y = 118.0
    _text(pdf, 18, y, 174, f"Niveaux certifiés par compétence (sur {a.max_level})", 11, "B", NAVY)
    y += 8
    box = 4.0
    for area in a.areas:
        colour = AREA_COLOURS.get(area.code, NAVY)
        pdf.set_fill_color(*colour)
        pdf.rect(18, y, 174, 5.6, style="F")
        _text(pdf, 21, y + 1.4, 150, f"{area.code}. {area.name}", 9, "B", (255, 255, 255))
        y += 6.4
        for line in area.competences:
            _text(pdf, 21, y + 1, 12, line.code, 8.5, "B", GREY)
            _text(pdf, 31, y + 1, 104, line.name, 8.5)
            left = 192 - a.max_level * (box + 1.2) - 22
            level = line.level or 0
            _boxes(
                pdf,
                [
                    (left + n * (box + 1.2), y + 0.5, box, box, colour if n < level else WHITE)
                    for n in range(a.max_level)
                ],
                stroke=colour,
            )
            label = f"niveau {line.level}" if line.level else "non certifiée"
            _text(pdf, 192 - 20, y + 1, 20, label, 7.5, "", INK if line.level else GREY, "R")
            y += 5.2
        y += 1.2


def _footer(pdf: FPDF, a: Attestation) -> None:
    y = 253
    pdf.set_draw_color(*LIGHT)
    pdf.set_line_width(0.4)
    pdf.line(18, y - 3, 192, y - 3)
    _qr(pdf, a.verification_url, 18, y, 28)
    _text(pdf, 52, y + 1, 140, "Code de vérification", 9, "", GREY)
    _text(pdf, 52, y + 6, 140, a.verification_code, 16, "B", NAVY)
    _text(pdf, 52, y + 15, 140, "Vérifiez ce certificat en scannant le QR code ou sur :", 8.5)
    _text(pdf, 52, y + 20, 140, a.verification_url, 8.5, "", NAVY)
    _text(pdf, 52, y + 25.5, 140, "Document signé électroniquement par Pix : toute modification l'invalide.", 7.5, "", GREY)  # fmt: skip


def draw_page(pdf: FPDF, a: Attestation) -> None:
    pdf.add_page()
    _header(pdf, a)
    _holder(pdf, a)
    _score(pdf, a)
    _levels(pdf, a)
    _footer(pdf, a)


def unsigned_pdf(attestations: list[Attestation]) -> bytes:
    pdf = document()
    pdf.set_auto_page_break(False)
    pdf.set_title("Attestation de certification Pix")
    pdf.set_author("Pix")
    pdf.set_subject("Certificat de compétences numériques")
    pdf.set_keywords(" ".join(a.verification_code for a in attestations))
    for a in attestations:
        draw_page(pdf, a)
    return bytes(pdf.output())


class SignedAttestationRenderer:
    def __init__(self, material: SigningMaterial) -> None:
        self.material = material

    def render(self, attestations: list[Attestation]) -> bytes:
        return sign_pdf(unsigned_pdf(attestations), self.material)
