"""Attestation benchmark: signed PDFs one by one and in bulk, against fpdf2 writing the same text
with the same font on bare pages in the same run; signing on its own; scoring 10,000 courses."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from infra.local import apps as app_loader  # noqa: E402

app_loader.add_service_paths()

FIRST = [
    "Çağla",
    "Nguyễn Văn",
    "Łukasz",
    "Ελένη",
    "Дмитрий",
    "Ştefan",
    "Đorđe",
    "Zoë",
    "Ömer",
    "Ắnh",
]
LAST = ["Yılmaz", "Trần", "Wróbel", "Παπαδοπούλου", "Иванов", "Ţurcanu", "Petrović", "Ødegård", "Şahin", "Phạm"]  # fmt: skip
CODES = "2346789BCDFGHJKMPQRTVWXY"


def attestations(count: int) -> list:
    from chalicelib.jury.domain.attestation import AreaBlock, Attestation, CompetenceLine
    from pixcore.referential import AREAS, competences_of_area

    rng = random.Random(2021)
    made = []
    for i in range(count):
        levels = {c.code: rng.choice([None, 1, 2, 3, 4, 5, 6]) for a in AREAS for c in competences_of_area(a.code)}  # fmt: skip
        areas = tuple(
            AreaBlock(
                a.code,
                a.name,
                tuple(
                    CompetenceLine(c.code, c.name, levels[c.code])
                    for c in competences_of_area(a.code)
                ),
            )  # fmt: skip
            for a in AREAS
        )
        code = "P-" + "".join(rng.choice(CODES) for _ in range(8))
        made.append(
            Attestation(
                f"course-{i}",
                3,
                f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}",
                date(2011, 2, 28),
                "Lyon (69)",
                "Collège Victor-Hugo",
                date(2021, 3, 10),
                date(2021, 3, 20),
                sum(8 * (v or 0) for v in levels.values()),
                6,
                areas,
                code,
                f"https://pix.example/verify/?code={code}",
            )  # fmt: skip
        )
    return made


def strings(a) -> list[tuple[str, str, float]]:  # noqa: ANN001
    """Every text the attestation writes, with its style and size: the floor writes these."""
    from pixcore.clock import french_date

    found = [
        ("Pix", "B", 30), ("Les compétences numériques", "", 9),
        ("CERTIFICAT DE COMPÉTENCES", "B", 15), ("NUMÉRIQUES", "B", 15),
        ("Attestation de certification Pix", "", 10), ("Ce certificat est délivré à", "", 10),
        (a.full_name, "B", 22), (f"Né(e) le {french_date(a.birthdate)} à {a.birthplace}", "", 10.5),
        ("Centre de certification", "", 9), (a.center_name, "B", 9.5),
        ("Date de passage", "", 9), (french_date(a.taken_on), "B", 9.5),
        ("Date de délivrance", "", 9), (french_date(a.delivered_on), "B", 9.5),
        ("Certification valable trois ans à compter de la date de passage.", "", 9),
        (str(a.pix), "B", 26), ("pix", "B", 11), ("sur 768 pix possibles", "", 8),
        ("Niveaux certifiés par compétence (sur 6)", "B", 11),
    ]  # fmt: skip
    for area in a.areas:
        found.append((f"{area.code}. {area.name}", "B", 9))
        for line in area.competences:
            found += [(line.code, "B", 8.5), (line.name, "", 8.5)]
            found.append((f"niveau {line.level}" if line.level else "non certifiée", "", 7.5))
    found += [
        ("Code de vérification", "", 9), (a.verification_code, "B", 16),
        ("Vérifiez ce certificat en scannant le QR code ou sur :", "", 8.5),
        (a.verification_url, "", 8.5),
        ("Document signé électroniquement par Pix : toute modification l'invalide.", "", 7.5),
    ]  # fmt: skip
    return found


def bare_pages(pdf, pages: list) -> None:  # noqa: ANN001
    from pixcore.pdf import FAMILY

    pdf.set_auto_page_break(False)
    for texts in pages:
        pdf.add_page()
        y = 10.0
        for text, style, size in texts:
            pdf.set_font(FAMILY, style, size)
            pdf.set_xy(15, y)
            pdf.cell(180, size * 0.45, text)
            y += 4.4


def floor_single(texts: list, factory) -> float:  # noqa: ANN001
    started = time.perf_counter()
    for page in texts:
        pdf = factory()
        bare_pages(pdf, [page])
        bytes(pdf.output())
    return time.perf_counter() - started


def floor_bulk(texts: list) -> float:
    from chalicelib.jury.adapters.pdf_fonts import document

    started = time.perf_counter()
    pdf = document()
    bare_pages(pdf, texts)
    bytes(pdf.output())
    return time.perf_counter() - started


def courses(count: int) -> list:
    from chalicelib.jury.domain.scoring import Level, ScoredAnswer
    from pixcore.referential import COMPETENCE_CODES

    rng = random.Random(7)
    made = []
    for _ in range(count):
        codes = rng.sample(COMPETENCE_CODES, rng.randint(5, 16))
        answers, number = [], 1
        for code in codes:
            for _ in range(3):
                result = rng.choices(["ok", "ko", "aband", "partially"], [7, 2, 1, 0.3])[0]
                kind = rng.choice(["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"])
                answers.append(ScoredAnswer(number, code, kind, result, rng.random() < 0.03))
                number += 1
        profile = {
            c: Level(level := rng.randint(1, 6), level * 8 + rng.randint(0, 7)) for c in codes
        }
        made.append((answers, profile))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="attestations (default 1000)")
    parser.add_argument("--courses", type=int, default=10000, help="courses scored (default 10000)")
    args = parser.parse_args()

    from chalicelib.jury.adapters.attestation_pdf import unsigned_pdf
    from chalicelib.jury.adapters.pdf_fonts import document
    from chalicelib.jury.adapters.signing import SigningMaterial, sign_pdf
    from chalicelib.jury.domain.scoring import score
    from infra.local.attestation_key import self_signed_bundle
    from pixcore.pdf import new_document

    made = attestations(args.count)
    texts = [strings(a) for a in made]
    material = SigningMaterial(self_signed_bundle())
    sign_pdf(unsigned_pdf(made[:1]), material)  # warm up: imports, font parse, signer
    floor_single(texts[:2], document)

    n = args.count
    # Floor and attestation alternate document by document (and bulk file by bulk file), so a
    # change of load on the shared machine weighs on both alike.
    fl_single = real_single = reparse = signing = 0.0
    singles = []
    for i, (a, page) in enumerate(zip(made, texts, strict=True)):
        t0 = time.perf_counter()
        floor_single([page], document)
        t1 = time.perf_counter()
        singles.append(unsigned_pdf([a]))
        t2 = time.perf_counter()
        sign_pdf(singles[-1], material)
        t3 = time.perf_counter()
        fl_single, real_single, signing = (
            fl_single + t1 - t0,
            real_single + t2 - t1,
            signing + t3 - t2,
        )
        if i % 10 == 0:  # one document in ten also through a fresh font parse, scaled by 10
            t4 = time.perf_counter()
            floor_single([page], new_document)
            reparse += (time.perf_counter() - t4) * 10

    fl_bulk = real_bulk = 0.0
    for step in ("floor", "real", "real", "floor"):
        started = time.perf_counter()
        if step == "real":
            bulk = unsigned_pdf(made)
            real_bulk += (time.perf_counter() - started) / 2
        else:
            floor_bulk(texts)
            fl_bulk += (time.perf_counter() - started) / 2
    started = time.perf_counter()
    signed_bulk = sign_pdf(bulk, material)
    bulk_signing = time.perf_counter() - started

    print(
        f"{n} attestations, names outside Windows-1252 (e.g. {made[1].full_name}, {made[13].full_name})"
    )
    print("                          total s   per doc ms   docs/s   ratio")
    rows = [
        ("floor, one file each", fl_single, 1.0),
        ("attestation, one file each", real_single, real_single / fl_single),
        ("floor reparsing the font", reparse, reparse / fl_single),
        ("signing one file each", signing, None),
        ("floor, one bulk file", fl_bulk, 1.0),
        ("attestations, one bulk file", real_bulk, real_bulk / fl_bulk),
        ("signing the bulk file", bulk_signing, None),
    ]
    for label, seconds, ratio in rows:
        per = 1000 * seconds / n
        shown = f"{ratio:5.2f}" if ratio is not None else "    -"
        print(f"{label:28} {seconds:8.2f} {per:11.2f} {n / seconds:8.1f}   {shown}")
    print(
        f"bulk file: {len(signed_bulk) / 1e6:.1f} MB for {n} pages; one file: {len(singles[0]) / 1e3:.0f} kB"
    )

    scored = courses(args.courses)
    started = time.perf_counter()
    for answers, _ in scored:
        sum(a.result == "ok" for a in answers if not a.neutralized)
    floor = time.perf_counter() - started
    started = time.perf_counter()
    for answers, profile in scored:
        score(answers, profile, 6)
    real = time.perf_counter() - started
    per = statistics.mean(len(a) for a, _ in scored)
    print(
        f"scoring {args.courses} courses ({per:.0f} questions on average): {real:.2f} s, "
        f"{1e6 * real / args.courses:.0f} µs per course; floor (one pass counting right answers) "
        f"{1e6 * floor / args.courses:.1f} µs, ratio {real / floor:.1f}"
    )


if __name__ == "__main__":
    main()
