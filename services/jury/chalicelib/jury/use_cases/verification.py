"""Anyone checks a certificate: by its verification code, or by the signed PDF itself."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.jury.domain.verification import candidate_codes
from chalicelib.jury.ports import DocumentCheck, Ports, VerifiedCertificate
from pixcore.errors import Invalid, NotFound, Throttled, TooLarge

NOT_FOUND = "Aucun certificat publié et valide ne correspond à ce code."


def _throttle(ports: Ports, source: str | None) -> None:
    """So many attempts per source and per window; past that, 429 until the window ends."""
    s = ports.settings
    now = ports.clock.now()
    if (
        ports.throttle.hit(f"verify#{source or 'unknown'}", s.verify_window_seconds, now)
        > s.verify_limit
    ):
        elapsed = int(now.timestamp()) % s.verify_window_seconds
        raise Throttled(details={"retry_after_seconds": s.verify_window_seconds - elapsed})


def verify_code(ports: Ports, source: str | None, typed: str) -> VerifiedCertificate:
    """Case-insensitive, look-alikes read back; unknown, unpublished, cancelled and rejected
    codes all get the same 404, after the same single lookup."""
    _throttle(ports, source)
    candidates = candidate_codes(typed)
    if candidates is None:
        raise Invalid(
            "Le code de vérification doit avoir la forme P-XXXXXXXX.",
            code="INVALID_VERIFICATION_CODE",
        )
    found = ports.codes.lookup(candidates)
    if found is None:
        raise NotFound(NOT_FOUND, code="CERTIFICATE_NOT_FOUND")
    return found


@dataclass(frozen=True)
class DocumentVerdict:
    check: DocumentCheck
    certificates: list[VerifiedCertificate]

    @property
    def authentic(self) -> bool:
        return self.check.valid


def verify_document(ports: Ports, source: str | None, pdf: bytes) -> DocumentVerdict:
    """Is the signature ours and intact over the whole file, and whose certificate is it."""
    _throttle(ports, source)
    limit = ports.settings.max_document_bytes
    if len(pdf) > limit:
        raise TooLarge(details={"max_bytes": limit})
    if not pdf.startswith(b"%PDF-"):
        raise Invalid("Ce fichier n'est pas un PDF.", code="NOT_A_PDF")
    check = ports.checker.check(pdf)
    certificates = []
    if check.valid:
        for code in check.verification_codes[:50]:
            if (found := ports.codes.lookup([code])) is not None:
                certificates.append(found)
    return DocumentVerdict(check, certificates)
