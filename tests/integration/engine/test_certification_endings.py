"""Ends from outside through engine's Lambda handler on moto: the examiner, the finalisation,
the publication; and the routes in the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pixcore.ids import new_id
from pixcore.messages.catalog import (
    CertificationEndRequested,
    FinalizedCandidate,
    PublishedResult,
    SessionFinalized,
    SessionPublished,
)
from tests.integration.conftest import body, drain
from tests.integration.engine.certification_helpers import (
    course_path,
    deliver,
    get,
    seed_profile,
    start_message,
)
from tests.integration.engine_helpers import headers_for

NOW = datetime.now(UTC)


def test_examiner_end_finalisation_and_publication_reach_the_courses(client, apps):
    ended, running = new_id(), new_id()
    for user_id, course_id in (("zoe", ended), ("lea", running)):
        seed_profile(user_id)
        deliver(apps, start_message(user_id, course_id, session_id="s-42"))
    drain("certif"), drain("jury")
    stop = CertificationEndRequested(
        course_id=ended,
        session_id="s-42",
        candidate_id="cand-zoe",
        reason="Fraude constatée",
        requested_at=NOW,
    )
    deliver(apps, stop, stop)  # a duplicate delivery is dropped by its message id
    finalized = SessionFinalized(
        session_id="s-42",
        center_id="center-3",
        center_name="Lycée Marie-Curie",
        session_date=date.today(),
        examiners="M. Martin",
        finalized_at=NOW,
        candidates=[
            FinalizedCandidate(
                candidate_id="cand-lea",
                course_id=running,
                first_name="Léa",
                last_name="Dupré",
                birthdate=date(2011, 4, 2),
            )
        ],
    )
    deliver(apps, finalized)
    done = {m["course_id"]: m for m in drain("jury") if m["type"] == "CertificationCompleted"}
    assert done[ended]["state"] == "ended_by_supervisor"
    assert done[ended]["end_reason"] == "Fraude constatée"
    assert done[running]["state"] == "ended_due_to_finalization"
    assert len(done[running]["answers"]) == 48 and not any(
        a["answered"] for a in done[running]["answers"]
    )
    view = body(get(client, course_path(ended), headers_for("zoe")))
    assert view["state"] == "ended_by_supervisor" and view["end_screen"]
    result = PublishedResult(
        course_id=running,
        candidate_id="cand-lea",
        status="validated",
        pix=120,
        competences=[],
        verification_code="P-2B3C4D6F",
        first_name="Léa",
        last_name="Dupré",
        birthdate=date(2011, 4, 2),
    )
    deliver(
        apps,
        SessionPublished(
            session_id="s-42",
            center_id="center-3",
            center_name="Lycée Marie-Curie",
            session_date=date.today(),
            published_at=NOW,
            results=[result],
        ),
    )
    assert body(get(client, course_path(running), headers_for("lea")))["published"] is True


def test_the_certification_routes_are_in_the_openapi_document(client):
    paths = body(client("engine").http.get("/openapi.json"))["paths"]
    base = "/certification-courses/{course_id}"
    assert set(paths[base]) == {"get"} and set(paths[f"{base}/next"]) == {"get"}
    assert set(paths[f"{base}/answers"]) == {"post"} and set(paths[f"{base}/end-screen"]) == {
        "post"
    }
