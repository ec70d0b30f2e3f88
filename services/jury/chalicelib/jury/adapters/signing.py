"""PAdES signatures of attestations (pyHanko, ECDSA P-256) and their check on an uploaded PDF.

The key and its certificate chain are one PEM bundle held like the token key (an SSM parameter,
a self-signed certificate locally): the signature then needs no call to AWS per document."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from io import BytesIO

from chalicelib.jury.ports import DocumentCheck
from pixcore.errors import Invalid

FIELD = "Signature Pix"
# A forged or altered upload is an expected outcome, reported in the answer: not a traceback.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)
REASON = "Attestation de certification Pix"


class SigningMaterial:
    """A private key and its certificates from one PEM bundle (key first, then the chain),
    given as text or read on first use."""

    def __init__(self, bundle: str | Callable[[], str]) -> None:
        self._source = bundle

    @cached_property
    def _parts(self) -> tuple[list[bytes], bytes]:
        text = self._source if isinstance(self._source, str) else self._source()
        blocks, current = [], []
        for line in text.encode().splitlines(keepends=True):
            current.append(line)
            if line.startswith(b"-----END"):
                blocks.append(b"".join(current))
                current = []
        keys = [b for b in blocks if b"PRIVATE KEY" in b.split(b"\n", 1)[0]]
        certs = [b for b in blocks if b"CERTIFICATE" in b.split(b"\n", 1)[0]]
        if len(keys) != 1 or not certs:
            raise ValueError("the signing bundle needs one private key and its certificate")
        return certs, keys[0]

    @cached_property
    def certificates(self):  # noqa: ANN201 - asn1crypto certificates
        from pyhanko.keys import load_certs_from_pemder_data

        return list(load_certs_from_pemder_data(b"".join(self._parts[0])))

    @property
    def certificate(self):  # noqa: ANN201
        return self.certificates[0]

    @cached_property
    def signer(self):  # noqa: ANN201 - a pyHanko signer, built once per container
        from pyhanko.keys import load_private_key_from_pemder_data
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key = load_private_key_from_pemder_data(self._parts[1], passphrase=None)
        return SimpleSigner(
            signing_cert=self.certificate,
            signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs(self.certificates),
        )


def sign_pdf(pdf: bytes, material: SigningMaterial, location: str = "France") -> bytes:
    """A PAdES baseline signature over the whole file; any later byte change breaks it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON,
        location=location,
        name="Pix",
    )
    out = signers.PdfSigner(meta, signer=material.signer).sign_pdf(writer)
    return out.getvalue()


class PadesSignatureChecker:
    """Ours: signed by our certificate (or one it issued); intact: the signed bytes are the
    ones hashed; whole document: nothing was appended after the signature."""

    def __init__(self, material: SigningMaterial) -> None:
        self.material = material

    def check(self, pdf: bytes) -> DocumentCheck:
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko_certvalidator import ValidationContext

        try:
            reader = PdfFileReader(BytesIO(pdf), strict=False)
            signatures = reader.embedded_signatures
            codes = _codes(reader)
        except (PdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise Invalid("Ce fichier n'est pas un PDF lisible.", code="NOT_A_PDF") from exc
        if not signatures:
            return DocumentCheck(False, False, False, False)
        signature = signatures[-1]
        context = ValidationContext(
            trust_roots=[self.material.certificates[-1]], allow_fetching=False
        )
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # a malformed signature is simply not a valid one
            return DocumentCheck(True, False, False, False)
        from pyhanko.sign.validation.status import SignatureCoverageLevel

        ours = bool(status.trusted) and status.signing_cert.sha256 in {
            c.sha256 for c in self.material.certificates
        }
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE and len(signatures) == 1
        signed_at: datetime | None = status.signer_reported_dt
        return DocumentCheck(
            signed=True,
            ours=ours,
            intact=bool(status.intact and status.valid),
            whole_document=whole,
            signer=status.signing_cert.subject.human_friendly,
            signed_at=signed_at,
            verification_codes=codes if ours and whole else (),
        )


def _codes(reader) -> tuple[str, ...]:  # noqa: ANN001
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if info is not None else None
    keywords = str(info.get("/Keywords", "")) if info is not None else ""
    return tuple(k for k in keywords.split() if k.startswith("P-"))
