"""Documents the centre uploads at finalisation (the scanned session report…): PDF only, checked
by what the bytes are, not by what the client says."""

from __future__ import annotations

import re

from pixcore.errors import TooLarge, UnsupportedMediaType

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Active content has no place in a scanned report: it is refused rather than stored.
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


def check_pdf(content: bytes) -> None:
    """A PDF starts with `%PDF-1.x` (in its first KB), ends with `%%EOF` (in its last KB), is at
    most 10 MB and carries no scripts, launch actions or embedded files."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise TooLarge("Le document dépasse 10 Mo.", details={"max_bytes": MAX_DOCUMENT_BYTES})
    head, tail = content[:1024], content[-1024:]
    if not re.search(rb"%PDF-[12]\.\d", head) or b"%%EOF" not in tail:
        raise UnsupportedMediaType("Seuls les documents PDF sont acceptés.", code="NOT_A_PDF")
    if _ACTIVE.search(content):
        raise UnsupportedMediaType(
            "Ce PDF contient du contenu actif (script, lancement, fichier joint) : "
            "enregistrez-le à nouveau depuis le scanner, sans ces éléments.",
            code="PDF_ACTIVE_CONTENT",
        )
