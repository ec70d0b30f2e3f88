"""One error hierarchy for every service: a stable code for programs, a French message for people."""

from __future__ import annotations

from typing import Any


class PixError(Exception):
    """Base of every expected error; `code` is stable, `message` is French, `details` is JSON."""

    status = 400
    default_code = "ERROR"
    default_message = "La demande n'a pas pu être traitée."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.message = message or self.default_message
        self.details = details or {}
        super().__init__(f"{self.code}: {self.message}")

    def to_body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class Invalid(PixError):
    status = 400
    default_code = "VALIDATION_ERROR"
    default_message = "Les données envoyées ne sont pas valides."


class Unauthenticated(PixError):
    status = 401
    default_code = "UNAUTHENTICATED"
    default_message = "Vous devez être connecté."


class Forbidden(PixError):
    status = 403
    default_code = "FORBIDDEN"
    default_message = "Vous n'avez pas accès à cette ressource."


class NotFound(PixError):
    status = 404
    default_code = "NOT_FOUND"
    default_message = "La ressource demandée est introuvable."


class MethodNotAllowed(PixError):
    status = 405
    default_code = "METHOD_NOT_ALLOWED"
    default_message = "Cette méthode HTTP n'est pas acceptée pour cette adresse."


class Conflict(PixError):
    status = 409
    default_code = "CONFLICT"
    default_message = "L'état actuel ne permet pas cette action."


class TooLarge(PixError):
    status = 413
    default_code = "PAYLOAD_TOO_LARGE"
    default_message = "Le fichier envoyé est trop volumineux."


class UnsupportedMediaType(PixError):
    status = 415
    default_code = "UNSUPPORTED_MEDIA_TYPE"
    default_message = "Ce type de fichier n'est pas accepté."


class RuleViolation(PixError):
    status = 422
    default_code = "RULE_VIOLATION"
    default_message = "Cette action n'est pas permise par les règles de la certification."


class Throttled(PixError):
    status = 429
    default_code = "TOO_MANY_REQUESTS"
    default_message = "Trop de tentatives : veuillez patienter avant de réessayer."


class ConcurrentUpdate(Conflict):
    """An optimistic-locking conditional write lost the race; the caller may retry."""

    default_code = "CONCURRENT_UPDATE"
    default_message = "La ressource a été modifiée entre-temps, veuillez réessayer."


class Internal(PixError):
    status = 500
    default_code = "INTERNAL_ERROR"
    default_message = "Une erreur inattendue est survenue."


class Unavailable(PixError):
    status = 503
    default_code = "SERVICE_UNAVAILABLE"
    default_message = "Le service est momentanément indisponible, veuillez réessayer."
