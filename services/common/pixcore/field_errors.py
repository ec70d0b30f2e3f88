"""pydantic's validation errors as the API reports them: every field at once, each with its path,
a stable code for programs and a French message for people."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import ValidationError
from pydantic_core import ErrorDetails, ErrorType

# pydantic error type → (our code, French message; `{name}` from the error's context).
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("REQUIRED", "Ce champ est obligatoire."),
    "extra_forbidden": ("UNKNOWN_FIELD", "Ce champ n'est pas attendu."),
    "string_type": ("NOT_A_STRING", "Ce champ doit être un texte."),
    "string_too_short": ("TOO_SHORT", "Ce champ doit contenir au moins {min_length} caractère(s)."),
    "string_too_long": ("TOO_LONG", "Ce champ doit contenir au plus {max_length} caractères."),
    "string_pattern_mismatch": ("INVALID_FORMAT", "Ce champ n'a pas le format attendu."),
    "string_unicode": ("NOT_A_STRING", "Ce champ doit être un texte."),
    "int_type": ("NOT_AN_INTEGER", "Ce champ doit être un nombre entier."),
    "int_parsing": ("NOT_AN_INTEGER", "Ce champ doit être un nombre entier."),
    "int_from_float": ("NOT_AN_INTEGER", "Ce champ doit être un nombre entier."),
    "float_type": ("NOT_A_NUMBER", "Ce champ doit être un nombre."),
    "float_parsing": ("NOT_A_NUMBER", "Ce champ doit être un nombre."),
    "finite_number": ("NOT_A_NUMBER", "Ce champ doit être un nombre fini."),
    "greater_than": ("TOO_SMALL", "Ce champ doit être supérieur à {gt}."),
    "greater_than_equal": ("TOO_SMALL", "Ce champ doit être supérieur ou égal à {ge}."),
    "less_than": ("TOO_LARGE", "Ce champ doit être inférieur à {lt}."),
    "less_than_equal": ("TOO_LARGE", "Ce champ doit être inférieur ou égal à {le}."),
    "bool_type": ("NOT_A_BOOLEAN", "Ce champ doit valoir true ou false."),
    "bool_parsing": ("NOT_A_BOOLEAN", "Ce champ doit valoir true ou false."),
    "date_type": ("INVALID_DATE", "Date invalide : le format attendu est AAAA-MM-JJ."),
    "date_parsing": ("INVALID_DATE", "Date invalide : le format attendu est AAAA-MM-JJ."),
    "date_from_datetime_parsing": (
        "INVALID_DATE",
        "Date invalide : le format attendu est AAAA-MM-JJ.",
    ),
    "date_from_datetime_inexact": ("INVALID_DATE", "Une date sans heure est attendue."),
    "datetime_type": ("INVALID_DATETIME", "Date et heure invalides (format ISO 8601 attendu)."),
    "datetime_parsing": ("INVALID_DATETIME", "Date et heure invalides (format ISO 8601 attendu)."),
    "datetime_from_date_parsing": (
        "INVALID_DATETIME",
        "Date et heure invalides (format ISO 8601 attendu).",
    ),
    "time_type": ("INVALID_TIME", "Heure invalide : le format attendu est HH:MM."),
    "time_parsing": ("INVALID_TIME", "Heure invalide : le format attendu est HH:MM."),
    "enum": ("INVALID_CHOICE", "Valeur inconnue ; valeurs possibles : {expected}."),
    "literal_error": ("INVALID_CHOICE", "Valeur inconnue ; valeurs possibles : {expected}."),
    "list_type": ("NOT_A_LIST", "Une liste est attendue."),
    "too_short": ("TOO_FEW_ITEMS", "Au moins {min_length} élément(s) attendu(s)."),
    "too_long": ("TOO_MANY_ITEMS", "Au plus {max_length} élément(s) accepté(s)."),
    "dict_type": ("NOT_AN_OBJECT", "Un objet JSON est attendu."),
    "model_type": ("NOT_AN_OBJECT", "Un objet JSON est attendu."),
    "model_attributes_type": ("NOT_AN_OBJECT", "Un objet JSON est attendu."),
    "union_tag_invalid": ("INVALID_CHOICE", "Valeur inconnue."),
    "json_invalid": ("INVALID_JSON", "Ce champ n'est pas un JSON valide."),
    "uuid_parsing": ("INVALID_FORMAT", "Ce champ n'a pas le format attendu."),
    "url_parsing": ("INVALID_FORMAT", "Adresse invalide."),
    "value_error": ("INVALID_VALUE", "{error}"),
    "assertion_error": ("INVALID_VALUE", "{error}"),
}
GENERIC = ("INVALID_VALUE", "Valeur invalide.")
BUILTIN = set(get_args(ErrorType))
_TYPE_TAGS = ("str", "int", "float", "bool", "list", "dict", "function-", "union[", "nullable[")


def _path(loc: tuple[Any, ...]) -> str:
    """Field path from pydantic's location, without the union member tags it adds."""
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith(_TYPE_TAGS))]
    return ".".join(parts)


def _message(error: ErrorDetails) -> tuple[str, str]:
    kind = error["type"]
    if kind not in MESSAGES:
        # Custom errors (pixcore.schemas, the services' own) already speak French.
        return GENERIC if kind in BUILTIN else (kind.upper(), error["msg"])
    context = dict(error.get("ctx") or {})
    if kind == "string_too_short" and context.get("min_length") == 1:
        kind = "missing"  # an empty text where one is required
    code, template = MESSAGES[kind]
    if "error" in context:
        context["error"] = str(context["error"]).removeprefix("Value error, ")
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace("'", "")
    try:
        return code, template.format(**context)
    except (KeyError, IndexError):
        return code, GENERIC[1]


def field_errors(exc: ValidationError, location: str) -> list[dict[str, str]]:
    """One entry per field (the first problem of each), in the order pydantic found them."""
    found: dict[str, dict[str, str]] = {}
    for error in exc.errors(include_url=False, include_input=False):
        path = _path(tuple(error["loc"]))
        if path in found:
            continue
        code, message = _message(error)
        found[path] = {"field": path, "location": location, "code": code, "message": message}
    return list(found.values())
