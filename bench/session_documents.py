"""Session documents and the test day's first requests, against floors measured in the same run.

1. Attendance sheets of 40 and 300 candidates (certif's renderer, font parsed once per process)
   next to a floor: fpdf2 writing the same text with the same font (DejaVu, added to each
   document as fpdf2 is normally used) and no layout — no table, no boxes, no fitting.
2. Join + start round trips of 200 candidates arriving within one minute on the local stack
   (moto server in its own process, the four apps behind the gateway, in a child process), an
   examiner authorising them as they come, next to the floor route of `bench/answer_loop.py`
   (GetItem + PutItem behind the same gateway): alone with the same arrival pattern, and as
   probes during the candidates' minute.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import certif_day  # noqa: E402
from infra.local import apps as app_loader  # noqa: E402

app_loader.add_service_paths()
NAMES = (("Çağla", "Öztürk"), ("Thị Lan", "Nguyễn"), ("Łukasz", "Wójcik"), ("Zoé", "Lefèvre"))


# --- 1. documents ---------------------------------------------------------------------------


def roster(n: int) -> list[Any]:
    from chalicelib.certif.domain.candidates import Candidate

    return [
        Candidate(
            id=f"c{i:03d}", session_id="10001", center_id="o", student_id=f"s{i}",
            first_name=NAMES[i % 4][0], last_name=f"{NAMES[i % 4][1]}-{i:03d}",
            birthdate=date(2010, 1 + i % 12, 1 + i % 28), birth_city_code="75056",
            birth_department_code="75", birth_country_code="99100", external_id=f"E-{i:04d}",
            extra_time_percentage=33 if i % 9 == 0 else 0,
        )
        for i in range(n)
    ]  # fmt: skip


def sheet_for(n: int) -> Any:
    from chalicelib.certif.domain.documents import attendance_sheet
    from chalicelib.certif.domain.sessions import Schedule, Session

    schedule = Schedule(
        "Collège Victor-Hugo", "Salle B12", date(2026, 3, 10), clock_time(14), "M. Martin"
    )
    return attendance_sheet(
        Session("10001", "o", schedule, "BCDF23", "BCD23"), "Collège", roster(n)
    )


def floor_document(sheet: Any) -> bytes:
    """The same strings, same font, one line each, fpdf2's own page breaks: no layout."""
    from fpdf import FPDF

    from pixcore.pdf import FAMILY, FONT_FILES, FONTS

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONTS / name))
    pdf.set_font(FAMILY, size=8)
    pdf.add_page()
    h = sheet.header
    header = [
        h.session_number,
        h.center_name,
        h.date,
        h.start,
        h.end,
        h.address,
        h.room,
        h.examiner,
    ]
    pdf.cell(text=" ".join(header), new_x="LMARGIN", new_y="NEXT")
    for row in sheet.rows:
        pdf.cell(
            text=" ".join(v for v in row.__dict__.values() if v), new_x="LMARGIN", new_y="NEXT"
        )
    return bytes(pdf.output())


def timed(fn: Any, arg: Any, repeat: int) -> tuple[float, bytes]:
    """Best of `repeat` (seconds) and the last output."""
    best, out = float("inf"), b""
    for _ in range(repeat):
        began = time.perf_counter()
        out = fn(arg)
        best = min(best, time.perf_counter() - began)
    return best, out


def documents(repeat: int) -> None:
    from pypdf import PdfReader

    from chalicelib.certif.adapters.pdf_documents import Fpdf2DocumentRenderer
    from pixcore.pdf import parsed_fonts

    renderer = Fpdf2DocumentRenderer()
    began = time.perf_counter()
    parsed_fonts()
    print(f"font parsed once per process: {1000 * (time.perf_counter() - began):.0f} ms")
    renderer.attendance_sheet(sheet_for(1))  # warm-up: imports, first subset
    for n in (40, 300):
        sheet = sheet_for(n)
        real, pdf = timed(renderer.attendance_sheet, sheet, repeat)
        floor, floor_pdf = timed(floor_document, sheet, repeat)
        pages = len(PdfReader(__import__("io").BytesIO(pdf)).pages)
        floor_pages = len(PdfReader(__import__("io").BytesIO(floor_pdf)).pages)
        print(
            f"{n:3d} candidates: sheet {1000 * real:7.1f} ms, {pages:2d} pages, "
            f"{pages / real:6.1f} pages/s | floor {1000 * floor:7.1f} ms, {floor_pages:2d} "
            f"pages | ratio {real / floor:.2f} (target ≤ 3)",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["documents", "round-trips", "all"], default="all")
    parser.add_argument("--repeat", type=int, default=5, help="documents: best of N")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument(
        "--window", type=float, default=60.0, help="seconds over which candidates arrive"
    )
    parser.add_argument(
        "--probes", type=int, default=10, help="floor probes during the candidates' minute"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        certif_day.serve(args.candidates)
        return 0
    if args.part in ("documents", "all"):
        documents(args.repeat)
    if args.part in ("round-trips", "all"):
        certif_day.round_trips(args.candidates, args.window, args.probes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
