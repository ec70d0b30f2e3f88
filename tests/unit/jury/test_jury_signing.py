"""A signature made and checked where an event loop already runs (pyHanko runs its own)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from fpdf import FPDF

from chalicelib.jury.adapters.signing import PadesSignatureChecker, SigningMaterial, sign_pdf
from infra.local.attestation_key import self_signed_bundle


def _pdf() -> bytes:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=12)
    doc.cell(text="Attestation")
    return bytes(doc.output())


def test_a_pdf_is_signed_and_checked_inside_a_running_event_loop():
    material = SigningMaterial(self_signed_bundle())

    async def inside_a_loop() -> bytes:
        signed = sign_pdf(_pdf(), material)
        check = PadesSignatureChecker(material).check(signed)
        assert check.signed and check.ours and check.intact and check.whole_document
        return signed

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own, without any loop yet
        signed = pool.submit(asyncio.run, inside_a_loop()).result()
    assert PadesSignatureChecker(material).check(signed).intact
