"""The attendance sheet and the incident report, drawn with fpdf2 and the kernel's font."""

from __future__ import annotations

from typing import Any

from chalicelib.certif.domain.documents import AttendanceSheet, Header, IncidentReport
from pixcore.pdf import FAMILY, new_document

# Attendance sheet, A4 landscape: 277 mm between the margins.
SHEET_COLUMNS = (
    ("Nom de naissance", 31),
    ("Prénom", 27),
    ("Date de naissance", 19),
    ("Commune de naissance", 28),
    ("Dépt", 10),
    ("Pays de naissance", 20),
    ("E-mail de convocation", 36),
    ("Identifiant local", 20),
    ("Temps majoré", 14),
    ("Fin du test", 13),
    ("Signature", 38),
    ("Écran de fin de test vu", 21),
)
ROW_HEIGHT = 9.0
CENTRED = {2, 4, 8, 9}
GREY = (235, 235, 235)


def _fit(pdf: Any, text: str, width: float, size: float, smallest: float = 6.0) -> float:
    """The largest font size (down to `smallest`) at which `text` fits in `width`."""
    pdf.set_font_size(size)
    while size > smallest and pdf.get_string_width(text) > width - 2:
        size -= 0.5
        pdf.set_font_size(size)
    return size


def _cell(pdf: Any, width: float, height: float, text: str, size: float = 8, **kw: Any) -> None:
    """One line, shrunk to fit (down to 6 pt), cut with « … » beyond."""
    _fit(pdf, text, width, size)
    while text and pdf.get_string_width(text) > width - 2:
        text = text[:-2] + "…"
    pdf.cell(width, height, text, **kw)
    pdf.set_font_size(size)


def _lines(pdf: Any, width: float, height: float, text: str) -> list[str]:
    """How fpdf2 would break `text` at the current font, remembered per document (every page
    repeats the same column titles)."""
    memo = pdf.__dict__.setdefault("_line_memo", {})
    key = (text, width, pdf.font_style, pdf.font_size_pt)
    if key not in memo:
        memo[key] = pdf.multi_cell(width, height, text, dry_run=True, output="LINES")
    return memo[key]


def _text_in(pdf: Any, x: float, y: float, w: float, h: float, text: str, centred: bool) -> None:
    """Text placed in a box without fpdf2's cell machinery (a sheet writes thousands)."""
    left = x + (w - pdf.get_string_width(text)) / 2 if centred else x + 1
    pdf.text(left, y + h / 2 + pdf.font_size * 0.35, text)


def _box(
    pdf: Any,
    width: float,
    height: float,
    text: str,
    size: float = 8,
    align: str = "L",
    fill: bool = False,
    border: int = 1,
) -> None:
    """A box (bordered unless `border=0`) whose text takes one line, or two smaller ones when it is long (a
    compound name, a column title), vertically centred; the cursor moves right."""
    x, y = pdf.get_x(), pdf.get_y()
    pdf.set_font_size(size)
    if pdf.get_string_width(text) <= width - 2:
        pdf.cell(width, height, text, border=border, align=align, fill=fill)
        return
    for small, most in ((size - 1, 2), (size - 1.5, 3)):
        pdf.set_font_size(small)
        lines = _lines(pdf, width, small * 0.42, text)
        if len(lines) <= most and small * 0.42 * len(lines) < height:
            break
    else:
        _cell(pdf, width, height, text, small, border=border, align=align, fill=fill)
        pdf.set_font_size(size)
        return
    if border or fill:
        pdf.cell(width, height, "", border=border, fill=fill)
    line = small * 0.42
    top = y + (height - line * len(lines)) / 2
    for n, part in enumerate(lines):
        pdf.set_xy(x, top + n * line)
        pdf.cell(width, line, part, align=align)
    pdf.set_xy(x + width, y)
    pdf.set_font_size(size)


def _info_line(pdf: Any, pairs: list[tuple[str, str]], widths: list[float]) -> None:
    for (label, value), width in zip(pairs, widths, strict=True):
        pdf.set_font(FAMILY, "", 8)
        label_width = pdf.get_string_width(label) + 1.5
        pdf.cell(label_width, 6, label)
        pdf.set_font(FAMILY, "B", 9)
        _cell(pdf, width - label_width, 6, value, 9)
    pdf.ln(6)


def _session_block(pdf: Any, h: Header, title: str, width: float, reserved: float = 0) -> None:
    """Title, centre, then the session's fields; `reserved` is kept free on the right."""
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(width, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(
        width, 6, h.center_name + (f" — {h.name}" if h.name else ""), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(1)
    free = width - reserved
    _info_line(
        pdf,
        [
            ("N° de session :", h.session_number),
            ("Date :", h.date),
            ("Horaire :", f"{h.start} – {h.end} (heure de Paris)"),
        ],
        [free * 0.28, free * 0.27, free * 0.45],
    )
    _info_line(pdf, [("Site :", h.address), ("Salle :", h.room)], [free * 0.55, free * 0.45])
    _info_line(pdf, [("Surveillant(s) :", h.examiner)], [free])


def _signature_box(pdf: Any, x: float, y: float, label: str) -> None:
    pdf.set_xy(x, y)
    pdf.set_font(FAMILY, "", 7)
    pdf.cell(66, 4, label)
    pdf.rect(x, y + 4, 66, 18)


def _footer(pdf: Any, number: str, note: str) -> None:
    pdf.set_y(-10)
    pdf.set_font(FAMILY, "", 7)
    pdf.cell(0, 5, f"Session {number} — {note}", align="L")
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 5, f"Page {pdf.page_no()} / {{nb}}", align="R")


def _sheet_header(pdf: Any, h: Header) -> None:
    """Repeated on every page: the session's fields, the examiners' signature, column titles."""
    top = pdf.get_y()
    _session_block(pdf, h, "Feuille d'émargement — Certification Pix", pdf.epw, reserved=70)
    below = pdf.get_y()
    _signature_box(pdf, pdf.w - pdf.r_margin - 66, top, "Signature du ou des surveillants")
    pdf.set_xy(pdf.l_margin, max(below, top + 24) + 2)
    pdf.set_font(FAMILY, "B", 7.5)
    pdf.set_fill_color(*GREY)
    for title, w in SHEET_COLUMNS:
        _box(pdf, w, 9, title, 7.5, align="C", fill=True)
    pdf.ln(9)


def _sheet_row(pdf: Any, values: tuple[str, ...]) -> None:
    """The row's grid drawn as lines (cheap), text only where there is some."""
    x, y = pdf.l_margin, pdf.get_y()
    pdf.rect(x, y, sum(w for _, w in SHEET_COLUMNS), ROW_HEIGHT)
    for i, (value, (_, w)) in enumerate(zip(values, SHEET_COLUMNS, strict=True)):
        if i:
            pdf.line(x, y, x, y + ROW_HEIGHT)
        if i == len(values) - 1:  # « écran de fin de test vu »: a box to tick
            pdf.rect(x + w / 2 - 2, y + ROW_HEIGHT / 2 - 2, 4, 4)
        elif value:
            pdf.set_font(FAMILY, "B" if i == 0 else "", 8)
            if i in CENTRED:  # dates, codes, times: always short
                _text_in(pdf, x, y, w, ROW_HEIGHT, value, True)
            elif pdf.get_string_width(value) <= w - 2:
                _text_in(pdf, x, y, w, ROW_HEIGHT, value, False)
            else:
                pdf.set_xy(x, y)
                _box(pdf, w, ROW_HEIGHT, value, 8, border=0)
        x += w
    pdf.set_xy(pdf.l_margin, y + ROW_HEIGHT)


class Fpdf2DocumentRenderer:
    def attendance_sheet(self, sheet: AttendanceSheet) -> bytes:
        h = sheet.header
        pdf = new_document(
            "landscape",
            header=lambda p: _sheet_header(p, h),
            footer=lambda p: _footer(
                p, h.session_number, "feuille à conserver 2 ans par l'établissement"
            ),
        )
        pdf.set_auto_page_break(True, margin=14)
        pdf.add_page()
        for row in sheet.rows:
            if pdf.will_page_break(ROW_HEIGHT):
                pdf.add_page()
            _sheet_row(
                pdf,
                (
                    row.last_name,
                    row.first_name,
                    row.birthdate,
                    row.birth_city,
                    row.birth_department,
                    row.birth_country,
                    row.email,
                    row.external_id,
                    row.extra_time,
                    row.end_time,
                    "",
                    "",
                ),
            )
        if not sheet.rows:
            pdf.set_font(FAMILY, "", 9)
            pdf.cell(pdf.epw, 10, "Aucun candidat inscrit pour le moment.")
        return bytes(pdf.output())

    def incident_report(self, report: IncidentReport) -> bytes:
        h = report.header
        pdf = new_document(
            footer=lambda p: _footer(p, h.session_number, "procès-verbal d'incident")
        )
        pdf.set_margins(12, 12, 12)
        pdf.set_auto_page_break(True, margin=16)
        width = pdf.epw
        pdf.add_page()
        _session_block(pdf, h, "Procès-verbal d'incident — Certification Pix", width)
        pdf.ln(3)
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(width, 7, "Commentaire global de la session", new_x="LMARGIN", new_y="NEXT")
        top = pdf.get_y()
        pdf.set_font(FAMILY, "", 9)
        if report.comment:
            pdf.multi_cell(
                width, 5, report.comment, align="L", new_x="LMARGIN", new_y="NEXT", padding=2
            )
        pdf.rect(pdf.l_margin, top, width, max(32, pdf.get_y() - top))
        pdf.set_y(max(pdf.get_y(), top + 32) + 5)
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(width, 7, "Signalements individuels", new_x="LMARGIN", new_y="NEXT")
        columns = (
            ("Candidat (nom, prénom)", 50),
            ("Code", 16),
            ("N° question", 20),
            ("Détails", width - 86),
        )

        def table_header() -> None:
            pdf.set_font(FAMILY, "B", 8)
            pdf.set_fill_color(*GREY)
            for title, w in columns:
                pdf.cell(w, 7, title, border=1, align="C", fill=True)
            pdf.ln(7)

        table_header()
        rows = [(r.candidate, r.code, r.question, r.details) for r in report.rows] or [
            ("", "", "", "")
        ] * 6
        for row in rows:
            pdf.set_font(FAMILY, "", 8)
            lines = max(1, len(_lines(pdf, columns[3][1], 5, row[3])))
            height = max(9.0, 5.0 * lines)
            if pdf.will_page_break(height):
                pdf.add_page()
                table_header()
            y = pdf.get_y()
            for value, (_, w) in zip(row[:3], columns[:3], strict=True):
                _cell(pdf, w, height, value, 8, border=1, align="C" if w < 30 else "L")
            pdf.multi_cell(
                columns[3][1],
                height / lines,
                row[3],
                border=1,
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.set_y(y + height)
        pdf.ln(5)
        if pdf.will_page_break(60):
            pdf.add_page()
        pdf.set_font(FAMILY, "B", 10)
        pdf.cell(width, 7, "Codes des signalements", new_x="LMARGIN", new_y="NEXT")
        for code, meaning in report.legend:
            pdf.set_font(FAMILY, "B", 8)
            pdf.cell(10, 4.5, code)
            pdf.set_font(FAMILY, "", 7.5)
            pdf.multi_cell(width - 10, 4.5, meaning, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        if pdf.will_page_break(26):
            pdf.add_page()
        _signature_box(pdf, pdf.l_margin, pdf.get_y(), "Signature du ou des surveillants")
        return bytes(pdf.output())
