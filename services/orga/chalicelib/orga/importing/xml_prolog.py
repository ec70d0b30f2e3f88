"""Checks the start of an XML file before parsing: a supported encoding and no DTD at all."""

from __future__ import annotations

import codecs
import re

from ..domain.student_records import FileRejected, ImportErrorCode

PROLOG_PEEK = 64 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
SUPPORTED_ENCODINGS = frozenset({"utf-8", "iso8859-15", "iso8859-1", "cp1252", "ascii"})

_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_DECLARATION = re.compile(rb"<\?xml\s[^>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")


def _unknown_encoding(message: str) -> FileRejected:
    return FileRejected(ImportErrorCode.ENCODING_UNKNOWN, message)


def _invalid(message: str) -> FileRejected:
    return FileRejected(ImportErrorCode.INVALID_FILE, message)


def check_prolog(head: bytes) -> str:
    """Accept only files declared (or defaulting) to ISO-8859-15, Latin-1, Windows-1252 or UTF-8,
    and refuse any DOCTYPE: a student list never needs one, and a DTD is how entity-expansion and
    external-entity attacks come in. Returns the declared encoding."""
    if head.startswith(_WIDE_BOMS) or b"\x00" in head[:4]:
        raise _unknown_encoding(
            "Le fichier est encodé en UTF-16 ou UTF-32, ce qui n'est pas pris en charge : "
            "exportez-le de nouveau depuis SIECLE (ISO-8859-15 ou UTF-8)."
        )
    text = head.removeprefix(UTF8_BOM)
    encoding = "UTF-8"
    declaration = _DECLARATION.match(text)
    if declaration:
        declared = _ENCODING.search(declaration.group())
        if declared:
            encoding = declared.group(1).decode("ascii", "replace")
            _check_encoding(encoding)
        text = text[declaration.end() :]
    _check_no_doctype(text, complete=len(head) < PROLOG_PEEK)
    return encoding


def _check_encoding(name: str) -> None:
    try:
        known = codecs.lookup(name).name
    except LookupError:
        known = None
    if known not in SUPPORTED_ENCODINGS:
        raise _unknown_encoding(
            f"L'encodage « {name} » déclaré par le fichier n'est pas pris en charge : "
            "exportez-le de nouveau depuis SIECLE (ISO-8859-15 ou UTF-8)."
        )


def _check_no_doctype(text: bytes, *, complete: bool) -> None:
    position = 0
    while True:
        while position < len(text) and text[position] in b" \t\r\n":
            position += 1
        rest = text[position : position + 4]
        if rest.startswith(b"<!--"):
            end, closing = text.find(b"-->", position + 4), 3
        elif rest.startswith(b"<?"):
            end, closing = text.find(b"?>", position + 2), 2
        elif rest.startswith(b"<!"):
            raise _invalid(
                "Le fichier contient une déclaration DOCTYPE, refusée par sécurité : importez le "
                "fichier tel qu'exporté par SIECLE, sans le modifier."
            )
        elif rest.startswith(b"<"):
            return
        elif position >= len(text) and complete:
            raise _invalid("Le fichier est vide ou ne contient aucune donnée XML.")
        else:
            raise _invalid("Le fichier n'est pas un fichier XML lisible.")
        if end < 0:
            raise _invalid("Le début du fichier XML est illisible.")
        position = end + closing
