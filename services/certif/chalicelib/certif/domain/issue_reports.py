"""The issue report taxonomy schools use on paper and in finalisation (DOMAIN.md, Step 6)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subcategory:
    key: str
    label: str
    code: str
    needs_text: bool = False


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    code: str | None
    subcategories: tuple[Subcategory, ...] = ()
    needs_text: bool = False
    needs_question: bool = False


CATEGORIES = (
    Category(
        "CANDIDATE_INFORMATION_CHANGES",
        "Modification infos candidat",
        None,
        (
            Subcategory("NAME_OR_BIRTHDATE", "Nom, prénom ou date de naissance", "C1", True),
            Subcategory("EXTRA_TIME_PERCENTAGE", "Temps majoré", "C2", True),
        ),
    ),
    Category(
        "LATE_OR_LEAVING",
        "Retard, absence ou départ",
        None,
        (
            Subcategory("LEFT_EXAM_ROOM", "A quitté la salle sans l'accord du surveillant", "C3"),
            Subcategory(
                "SIGNATURE_ISSUE",
                "Était présent(e) mais a oublié de signer / a signé sur la mauvaise ligne",
                "C4",
            ),
            Subcategory("LATE", "Est arrivé en retard", "C4"),
            Subcategory(
                "LEFT_TEMPORARILY", "A quitté temporairement, sous surveillance, la salle", "C4"
            ),
        ),
    ),
    Category(
        "CONNECTION_OR_END_SCREEN",
        "Connexion et fin de test",
        "C5",
        (
            Subcategory(
                "END_SCREEN_WITHOUT_EXAMINER",
                "A coché l'écran de fin sans appeler le surveillant",
                "C5",
            ),
            Subcategory("PAGE_CLOSED", "Page fermée par erreur, reconnexion", "C5"),
            Subcategory(
                "SKIPPED_LAST_QUESTIONS", "A passé les dernières questions faute de temps", "C5"
            ),
            Subcategory("CONNECTION_DIFFICULTIES", "Difficultés pour se connecter", "C5"),
        ),
    ),
    Category("FRAUD", "Fraude", "C6"),
    Category(
        "IN_CHALLENGE",
        "Problème sur une question",
        None,
        (
            Subcategory("IMAGE_NOT_DISPLAYING", "L'image ne s'affiche pas", "E1"),
            Subcategory("LINK_NOT_WORKING", "Le lien ne fonctionne pas", "E2"),
            Subcategory("EMBED_NOT_WORKING", "Le simulateur/l'application ne s'affiche pas", "E3"),
            Subcategory("FILE_NOT_OPENING", "Le fichier à télécharger ne s'ouvre pas", "E4"),
            Subcategory("WEBSITE_UNAVAILABLE", "Le site est en maintenance/inaccessible", "E5"),
            Subcategory("WEBSITE_BLOCKED", "Le site est bloqué par les restrictions réseau", "E6"),
            Subcategory("EXTRA_TIME_EXCEEDED", "Temps majoré dépassé", "E7"),
            Subcategory("SOFTWARE_NOT_WORKING", "Logiciel ne fonctionne pas", "E8"),
        ),
        needs_question=True,
    ),
    Category(
        "TECHNICAL_PROBLEM",
        "Problème technique",
        "A1",
        (
            Subcategory(
                "COMPUTER_CRASHED_INTERRUPTED", "L'ordinateur a planté (session interrompue)", "A1"
            ),
            Subcategory(
                "COMPUTER_CRASHED_RESUMED", "L'ordinateur a planté (session reprise)", "A1"
            ),
            Subcategory("HARDWARE", "Problème divers (souris, clavier)", "A1"),
            Subcategory("SLOWNESS", "Lenteur significative", "A1"),
            Subcategory("OTHER", "Autre", "A1", True),
        ),
    ),
    Category("OTHER", "Autre incident", "A2", needs_text=True),
)
BY_KEY = {c.key: c for c in CATEGORIES}


@dataclass(frozen=True)
class ReportProblem:
    field: str
    message: str


def classify(
    category: str, subcategory: str | None, description: str | None, question_number: int | None
) -> tuple[str, list[ReportProblem]]:
    """The code of a report and what is missing in it: a known category, one of its
    subcategories when it has some, a text where the taxonomy asks for one, a question number
    for a problem on a question."""
    found = BY_KEY.get(category)
    if found is None:
        return "", [ReportProblem("category", "Catégorie de signalement inconnue.")]
    problems: list[ReportProblem] = []
    sub = next((s for s in found.subcategories if s.key == subcategory), None)
    if found.subcategories and sub is None:
        problems.append(ReportProblem("subcategory", f"Précisez le signalement « {found.label} »."))
    if not found.subcategories and subcategory:
        problems.append(ReportProblem("subcategory", "Cette catégorie n'a pas de précision."))
    if (found.needs_text or (sub and sub.needs_text)) and not (description or "").strip():
        problems.append(ReportProblem("description", "Décrivez le signalement."))
    if found.needs_question and not question_number:
        problems.append(
            ReportProblem("question_number", "Indiquez le numéro de la question concernée.")
        )
    code = sub.code if sub else (found.code or "")
    return code, problems


def label(category: str, subcategory: str | None) -> str:
    found = BY_KEY.get(category)
    if found is None:
        return category
    sub = next((s for s in found.subcategories if s.key == subcategory), None)
    return f"{found.label} — {sub.label}" if sub else found.label


def code_legend() -> list[tuple[str, str]]:
    """Each code with what it covers, in the order of the paper form."""
    legend: dict[str, tuple[str, list[str]]] = {}
    for category in CATEGORIES:
        if not category.subcategories and category.code:
            legend[category.code] = (category.label, [])
        for sub in category.subcategories:
            legend.setdefault(sub.code, (category.label, []))[1].append(sub.label.lower())
    return [
        (code, f"{title} : {' · '.join(subs)}" if subs else title)
        for code, (title, subs) in legend.items()
    ]
