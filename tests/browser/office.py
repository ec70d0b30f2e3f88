"""What the staff's pages need on faked routes: a logged-in jury member or académie user, and a
session under review as jury's routes show it."""

from __future__ import annotations

import copy
import json
from typing import Any

JURY_ID = "u-jury-1"


def staff_signed_in(page: Any, role: str = "JURY", academie: str | None = None) -> dict[str, Any]:
    """The tab starts logged in; returns what GET /orga/me answers for that account."""
    me = {
        "id": JURY_ID,
        "first_name": "Jury",
        "last_name": "Pix",
        "birthdate": None,
        "email": "jury@jury.test",
        "username": None,
        "role": role,
        "memberships": {},
        "academie": academie,
    }
    session = {
        "token": "jeton-de-test",
        "user": {"id": JURY_ID, "first_name": "Jury", "last_name": "Pix"},
        "expires_at": 9_000_000_000_000,
    }
    saved = json.dumps(json.dumps(session))
    page.add_init_script(
        "if (window.top === window && !sessionStorage.getItem('pixcert.session'))"
        f" sessionStorage.setItem('pixcert.session', {saved});"
    )
    return me


def jury_session(**changes: Any) -> dict[str, Any]:
    return {
        "session_id": "1042",
        "center_id": "o-1",
        "center_name": "Lycée Germaine-Tillion",
        "session_date": "2027-03-15",
        "examiners": "Surveillant 1, Surveillant 2",
        "comment": None,
        "finalized_at": "2027-03-15T12:10:00Z",
        "state": "needs_action",
        "reasons": ["UNRESOLVED_ISSUE_REPORT"],
        "assigned_to": None,
        "published_at": None,
        "missing_courses": [],
        "version": 3,
        **changes,
    }


def answer(number: int, competence: str, result: str, **changes: Any) -> dict[str, Any]:
    return {
        "question_number": number,
        "challenge_id": f"rec-{number}",
        "competence": competence,
        "skill": f"@outil{number % 6 + 1}",
        "challenge_type": "QCU",
        "result": result,
        "answered": result != "aband",
        "neutralized": False,
        "features": {"has_image": number == 3, "has_embed": False, "has_attachment": False,
                     "timer": None},
        **changes,
    }  # fmt: skip


def certification(**changes: Any) -> dict[str, Any]:
    answers = [
        answer(n, f"{(n - 1) // 3 % 5 + 1}.1", "ko" if n in (3, 7) else "ok") for n in range(1, 16)
    ]
    return {
        "course_id": "course-7",
        "session_id": "1042",
        "candidate_id": "cand-7",
        "user_id": "u-7",
        "verification_code": "P-B2C3D4F6",
        "version": 4,
        "max_level": 6,
        "course_state": "completed",
        "identity": {
            "first_name": "Léa",
            "last_name": "Dupré",
            "birthdate": "2011-02-28",
            "birthplace": "Créteil",
            "external_id": None,
            "division": "2NDE3",
        },
        "end_screen_seen": True,
        "abort_reason": None,
        "cancelled_by_jury": False,
        "result": {
            "status": "validated",
            "pix": 96,
            "rate": 87,
            "competences": [{"competence": c, "level": 2, "pix": 19} for c in
                            ("1.1", "2.1", "3.1", "4.1", "5.1")],
            "errors": [],
            "comment": None,
        },
        "comments": {"for_candidate": None, "for_organization": None, "for_jury": None},
        "issue_reports": [
            {
                "issue_report_id": "ir-1",
                "category": "IN_CHALLENGE",
                "subcategory": "IMAGE_NOT_DISPLAYING",
                "code": "E1",
                "description": None,
                "question_number": 7,
                "resolved": False,
                "resolution": None,
                "resolved_by": None,
                "is_impactful": True,
            }
        ],
        "answers": answers,
        **changes,
    }  # fmt: skip


def changed(cert: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(cert)
    out.update(changes)
    return out


ADMIN = {"email": "nadia.benali@lycee-office.fr", "password": "Motdepasse-2027"}
UAI = "0941234F"  # its own school: the other journeys may run on the same stack


def school_and_admin(stack: Any) -> dict[str, Any]:
    """A public lycée of Créteil, certification centre, whose admin has nothing imported yet."""
    jury, anonymous = stack.jury(), stack.client()

    school = jury.post(
        "/orga/organizations",
        {
            "uai": UAI,
            "name": "Lycée Olympe-de-Gouges",
            "type": "LYCEE",
            "sector": "PUBLIC",
            "academie": "Créteil",
            "is_certification_center": True,
        },
    ).json()
    anonymous.post(
        "/orga/users",
        {"first_name": "Nadia", "last_name": "Benali", "birthdate": "1981-05-12", **ADMIN},
    )
    jury.post(
        f"/orga/organizations/{school['id']}/memberships",
        {"email": ADMIN["email"], "role": "ADMIN"},
    )
    return school


def log_in(page: Any, url: str, email: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("Adresse e-mail ou identifiant").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
