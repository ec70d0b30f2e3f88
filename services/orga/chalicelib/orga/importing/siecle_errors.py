"""The French messages of a SIECLE file refused as a whole: not SIECLE, wrong UAI, unreadable."""

from __future__ import annotations

from lxml import etree

from ..domain.student_records import FileRejected, ImportErrorCode

_ENCODING_ERRORS = frozenset(
    {
        etree.ErrorTypes.ERR_INVALID_ENCODING,
        etree.ErrorTypes.ERR_UNSUPPORTED_ENCODING,
        etree.ErrorTypes.ERR_UNKNOWN_ENCODING,
    }
)


def not_siecle() -> FileRejected:
    return FileRejected(
        ImportErrorCode.INVALID_FILE,
        "Ce fichier n'est pas un export SIECLE des élèves : importez le fichier "
        "ElevesSansAdresses.xml (ou l'archive .zip qui le contient).",
    )


def uai_error(found: str | None, expected: str) -> FileRejected:
    if found is None:
        message = (
            "Le fichier ne contient pas l'UAI de l'établissement (PARAMETRES/UAJ) : importez le "
            "fichier ElevesSansAdresses.xml tel qu'exporté par SIECLE."
        )
    else:
        message = (
            f"Ce fichier est celui de l'établissement {found}, et non du vôtre ({expected}) : "
            "vérifiez que vous avez exporté les élèves de votre établissement."
        )
    return FileRejected(ImportErrorCode.UAI_MISMATCHED, message, found=found, expected=expected)


def syntax_error(error: etree.XMLSyntaxError) -> FileRejected:
    line = error.lineno or None
    where = f" (vers la ligne {line})" if line else ""  # lxml knows no line for some errors
    if error.code in _ENCODING_ERRORS:
        return FileRejected(
            ImportErrorCode.ENCODING_UNKNOWN,
            f"Le fichier contient des caractères qui ne correspondent pas à son encodage déclaré"
            f"{where} : exportez-le de nouveau depuis SIECLE sans l'ouvrir ni le modifier.",
            line=line,
        )
    return FileRejected(
        ImportErrorCode.INVALID_FILE,
        f"Le fichier XML est illisible ou incomplet{where} : il a peut-être été tronqué pendant "
        "l'envoi. Exportez-le de nouveau depuis SIECLE et réessayez.",
        line=line,
    )
