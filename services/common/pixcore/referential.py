"""The Pix framework: 5 areas and 16 competences, with their codes and French names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    code: str
    name: str


@dataclass(frozen=True)
class Competence:
    code: str
    name: str
    area_code: str


AREAS: tuple[Area, ...] = (
    Area("1", "Informations et données"),
    Area("2", "Communication et collaboration"),
    Area("3", "Création de contenu"),
    Area("4", "Protection et sécurité"),
    Area("5", "Environnement numérique"),
)

COMPETENCES: tuple[Competence, ...] = (
    Competence("1.1", "Mener une recherche et une veille d'information", "1"),
    Competence("1.2", "Gérer des données", "1"),
    Competence("1.3", "Traiter des données", "1"),
    Competence("2.1", "Interagir", "2"),
    Competence("2.2", "Partager et publier", "2"),
    Competence("2.3", "Collaborer", "2"),
    Competence("2.4", "S'insérer dans le monde numérique", "2"),
    Competence("3.1", "Développer des documents textuels", "3"),
    Competence("3.2", "Développer des documents multimédia", "3"),
    Competence("3.3", "Adapter les documents à leur finalité", "3"),
    Competence("3.4", "Programmer", "3"),
    Competence("4.1", "Sécuriser l'environnement numérique", "4"),
    Competence("4.2", "Protéger les données personnelles et la vie privée", "4"),
    Competence("4.3", "Protéger la santé, le bien-être et l'environnement", "4"),
    Competence("5.1", "Résoudre des problèmes techniques", "5"),
    Competence("5.2", "Construire un environnement numérique", "5"),
)

COMPETENCE_CODES: tuple[str, ...] = tuple(c.code for c in COMPETENCES)
COMPETENCES_BY_CODE: dict[str, Competence] = {c.code: c for c in COMPETENCES}
AREAS_BY_CODE: dict[str, Area] = {a.code: a for a in AREAS}

DEFAULT_MAX_LEVEL = 6
PIX_PER_LEVEL = 8
CERTIFIABLE_COMPETENCE_COUNT = 5


def competences_of_area(area_code: str) -> tuple[Competence, ...]:
    return tuple(c for c in COMPETENCES if c.area_code == area_code)


def is_competence_code(code: str) -> bool:
    return code in COMPETENCES_BY_CODE
