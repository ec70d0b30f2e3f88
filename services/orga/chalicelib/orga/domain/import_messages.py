"""French explanations of student import errors, written for the school secretary who fixes them."""

from __future__ import annotations

from typing import Any

from .student_records import ImportErrorCode, ImportProblem

E = ImportErrorCode

MESSAGES: dict[ImportErrorCode, str] = {
    E.INE_REQUIRED: "l'INE (identifiant national élève) est vide.",
    E.INE_INVALID: "l'INE « {value} » n'a pas la forme habituelle de 11 chiffres et lettres "
    "(par exemple 1234567890A).",
    E.FIELD_TOO_LONG: "le champ {field} compte {length} caractères, {limit} au plus.",
    E.INE_UNIQUE: "l'INE {value} est aussi celui de {others}. Chaque élève doit avoir son propre "
    "INE : vérifiez lequel est le bon (attention aux jumeaux).",
    E.LAST_NAME_REQUIRED: "le nom de famille est vide.",
    E.FIRST_NAME_REQUIRED: "le prénom est vide.",
    E.SEX_REQUIRED: "le sexe n'est pas renseigné.",
    E.SEX_INVALID: "le code sexe « {value} » n'est pas reconnu (1 ou M : masculin, "
    "2 ou F : féminin).",
    E.BIRTHDATE_REQUIRED: "la date de naissance n'est pas renseignée.",
    E.BIRTHDATE_INVALID: "la date de naissance « {value} » n'est pas une date valide "
    "(format JJ/MM/AAAA, en chiffres).",
    E.BIRTHDATE_IMPLAUSIBLE: "la date de naissance « {value} » est invraisemblable (avant 1900 "
    "ou dans le futur).",
    E.NAME_CLEANED: "le champ {field} contenait des caractères invisibles ou des retours à la "
    "ligne : ils ont été retirés.",
    E.BIRTH_COUNTRY_REQUIRED: "le pays de naissance n'est pas renseigné.",
    E.BIRTH_COUNTRY_INVALID: "le code du pays de naissance « {value} » n'est pas un code INSEE "
    "(100 ou 99100 pour la France).",
    E.BIRTH_CITY_CODE_REQUIRED: "l'élève est né(e) en France, mais le code INSEE de sa commune "
    "de naissance n'est pas renseigné.",
    E.BIRTH_CITY_CODE_INVALID: "le code INSEE de la commune de naissance « {value} » n'est pas "
    "valide (5 caractères, par exemple 75056 ou 2A004).",
    E.BIRTH_CITY_REQUIRED: "l'élève est né(e) à l'étranger, mais sa ville de naissance n'est "
    "pas renseignée.",
    E.DIVISION_REQUIRED: "la division (classe) n'est pas renseignée.",
    E.MEF_CODE_REQUIRED: "le code MEF n'est pas renseigné.",
    E.STATUS_REQUIRED: "le statut n'est pas renseigné.",
}


def text_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def describe(who: Any) -> str:
    """How a student is named in a message: « DUPONT Zoé (ligne 12) »."""
    names = (_short(who.last_name), _short(who.first_name))
    name = " ".join(part for part in names if part)
    place = f"ligne {who.line}" if who.line else ""
    if name and place:
        return f"{name} ({place})"
    return name or place or "un élève"


WARNING_HINT = (
    "L'élève est importé ; corrigez sa fiche dans SIECLE pour le prochain import, en particulier "
    "avant une certification."
)
_QUOTED = 40


def quoted(value: str) -> str:
    """A value shown in a message, cut short: a file may hold a field of megabytes."""
    return value if len(value) <= _QUOTED else value[:_QUOTED] + "…"


def problem_for(
    who: Any, code: ImportErrorCode, field: str, fix_hint: str, **values: str
) -> ImportProblem:
    """An error about one student, with a message saying who, what is wrong and how to fix it."""
    label = describe(who)
    if "value" in values:
        values["value"] = quoted(values["value"])
    what = MESSAGES[code].format(field=field, **values)
    return ImportProblem(
        code=code.value,
        message=f"{label[:1].upper()}{label[1:]} : {what} {fix_hint}",
        line=who.line,
        source_id=who.source_id,
        ine=_short(who.ine),
        last_name=_short(who.last_name),
        first_name=_short(who.first_name),
        field=field,
    )


def _short(value: str | None) -> str | None:
    text = text_or_none(value)
    return quoted(text) if text else None
