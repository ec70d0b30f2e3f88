"""Every message a producer can emit parses in every consumer the catalog routes it to."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from infra.local.apps import add_service_paths
from pixcore.messages import CATALOG, CONSUMERS, parse_message
from pixcore.messages import catalog as c

add_service_paths()


def sample(message_type: str):  # noqa: ANN201
    now, today = datetime(2026, 3, 10, 9, 0, tzinfo=UTC), date(2026, 3, 10)
    mark = c.CompetenceMark(competence="1.1", level=3, pix=24)
    answer = c.CertificationAnswer(
        question_number=1,
        challenge_id="ch1",
        competence="1.1",
        skill="@recherche3",
        challenge_type="QCU",
        result="ok",
        features=c.ChallengeFeatures(has_image=True),
    )
    samples = {
        "OrganizationRegistered": c.OrganizationRegistered(
            organization_id="o",
            uai="0750001U",
            name="Collège",
            organization_type="COLLEGE",
            sector="PUBLIC",
            academie="Paris",
            is_certification_center=True,
            members=[c.Member(user_id="u", role="ADMIN")],
        ),
        "MembershipChanged": c.MembershipChanged(
            organization_id="o", members=[c.Member(user_id="u", role="MEMBER")]
        ),
        "StudentsImported": c.StudentsImported(
            organization_id="o",
            import_id="i",
            students_bucket="b",
            students_key="k",
            active_count=3,
            disabled_student_ids=["s9"],
        ),
        "StudentImportRequested": c.StudentImportRequested(
            organization_id="o", import_id="i", bucket="b", key="imports/o/i", file_kind="SIECLE"
        ),
        "StudentListRetired": c.StudentListRetired(organization_id="o", generation="i"),
        "LearnerReconciled": c.LearnerReconciled(organization_id="o", student_id="s", user_id="u"),
        "ProfileUpdated": c.ProfileUpdated(
            user_id="u", competences=[mark], total_pix=24, certifiable=False, as_of=now
        ),
        "AssessmentCompleted": c.AssessmentCompleted(
            user_id="u", assessment_id="a", completed_at=now
        ),
        "CertificationCourseEnded": c.CertificationCourseEnded(course_id="c"),
        "CertificationStartRequested": c.CertificationStartRequested(
            course_id="c",
            session_id="1",
            center_id="o",
            candidate_id="k",
            user_id="u",
            extra_time_percentage=33,
            session_date=today,
            window_starts_at=now,
        ),
        "CertificationCourseReady": c.CertificationCourseReady(
            course_id="c",
            session_id="1",
            candidate_id="k",
            user_id="u",
            verification_code="P-2B3C4D6F",
            max_level=6,
            question_count=15,
            profile=[mark],
        ),
        "CertificationCompleted": c.CertificationCompleted(
            course_id="c",
            session_id="1",
            candidate_id="k",
            user_id="u",
            verification_code="P-2B3C4D6F",
            max_level=6,
            state="completed",
            started_at=now,
            completed_at=now,
            profile=[mark],
            answers=[answer],
        ),
        "SessionFinalized": c.SessionFinalized(
            session_id="1",
            center_id="o",
            center_name="Collège",
            session_date=today,
            examiners="M. Martin",
            candidates=[
                c.FinalizedCandidate(
                    candidate_id="k",
                    first_name="Zoé",
                    last_name="Lefèvre",
                    birthdate=today,
                    issue_reports=[
                        c.IssueReport(
                            issue_report_id="r", category="QUESTION", code="E1", question_number=3
                        )
                    ],
                )
            ],
        ),
        "CampaignCreated": c.CampaignCreated(
            campaign_id="camp",
            code="ABCDEF123",
            organization_id="o",
            campaign_type="ASSESSMENT",
            target_skill_ids=["@recherche2"],
            created_at=now,
        ),
        "CampaignArchived": c.CampaignArchived(
            campaign_id="camp", code="ABCDEF123", archived_at=now
        ),
        "CampaignJoined": c.CampaignJoined(
            campaign_id="camp",
            code="ABCDEF123",
            organization_id="o",
            student_id="s",
            user_id="u",
            joined_at=now,
        ),
        "ProfileShareRequested": c.ProfileShareRequested(
            campaign_id="camp", code="ABCDEF123", user_id="u", requested_at=now
        ),
        "ProfileShared": c.ProfileShared(
            campaign_id="camp",
            code="ABCDEF123",
            user_id="u",
            competences=[mark],
            total_pix=24,
            certifiable=False,
            as_of=now,
            target_skill_count=4,
            validated_target_skill_count=3,
            mastery_percentage=75,
        ),
        "CertificationStartRefused": c.CertificationStartRefused(
            course_id="c",
            session_id="1",
            candidate_id="k",
            user_id="u",
            code="NOT_CERTIFIABLE",
            message="Votre profil n'est pas encore certifiable.",
        ),
        "CertificationEndScreenConfirmed": c.CertificationEndScreenConfirmed(
            course_id="c", session_id="1", candidate_id="k", confirmed_at=now
        ),
        "CertificationEndRequested": c.CertificationEndRequested(
            course_id="c", session_id="1", candidate_id="k", reason="Fraude", requested_at=now
        ),
        "SessionUpdated": c.SessionUpdated(
            session_id="1",
            center_id="o",
            session_date=today,
            status="created",
            candidate_count=40,
            revision=3,
        ),
        "SessionStatusChanged": c.SessionStatusChanged(
            session_id="1", status="in_process", changed_at=now
        ),
        "SessionPublished": c.SessionPublished(
            session_id="1",
            center_id="o",
            center_name="Collège",
            session_date=today,
            published_at=now,
            results=[
                c.PublishedResult(
                    course_id="c",
                    candidate_id="k",
                    status="validated",
                    pix=24,
                    competences=[mark],
                    verification_code="P-2B3C4D6F",
                    first_name="Zoé",
                    last_name="Lefèvre",
                    birthdate=today,
                )
            ],
        ),
        "LearnerErasureRequested": c.LearnerErasureRequested(
            erasure_id="e",
            scope="student",
            students=[c.StudentRef(organization_id="o", student_id="s")],
            user_id="u",
            campaign_codes=["ABCDEF123"],
            requested_at=now,
        ),
        "LearnerDataRequested": c.LearnerDataRequested(
            export_id="x",
            students=[c.StudentRef(organization_id="o", student_id="s")],
            user_id="u",
            requested_at=now,
        ),
    }
    line = c.ErasureLine(what="candidates", action="kept", count=1, reason="PV", until=today)
    for cls in c.ERASED_BY.values():
        samples[cls.TYPE] = cls(erasure_id="e", lines=[line], erased_at=now)
    document = c.ExportedDocument(bucket="b", key="k.pdf", name="attestation.pdf")
    for gathered in c.GATHERED_BY.values():
        samples[gathered.TYPE] = gathered(
            export_id="x",
            data={"candidates": [{"first_name": "Zoé"}]},
            documents=[document],
            gathered_at=now,
        )
    return samples[message_type]


@pytest.mark.parametrize("message_type", sorted(CATALOG))
def test_every_message_round_trips_through_json(message_type):
    message = sample(message_type)
    assert parse_message(json.loads(message.to_json()), CATALOG) == message


def _handled_types(service: str) -> set[str]:
    import importlib

    module = importlib.import_module(f"chalicelib.{service}.handlers")
    return {cls.TYPE for cls in module.handlers(None)}  # handlers only close over their deps


def test_consumers_only_handle_catalog_messages_routed_to_them():
    for service in ("orga", "certif", "engine", "jury"):
        for message_type in _handled_types(service):
            assert message_type in CATALOG
            assert service in CONSUMERS[message_type], (service, message_type)


def test_each_line_of_orga_active_student_list_parses_in_certif():
    from chalicelib.orga.domain.students import Student, summary

    student = Student(
        id="s1",
        organization_id="o",
        ine="123456789AB",
        last_name="N'Diaye-Lefèvre",
        first_name="Zoé",
        birthdate=date(2011, 2, 28),
        division="3E1",
        birth_country_code="99100",
        birth_department_code="2A",
        birth_city_code="2A004",
    )
    line = c.StudentLine.model_validate_json(json.dumps(summary(student), ensure_ascii=False))
    assert (line.id, line.birthdate, line.division) == ("s1", date(2011, 2, 28), "3E1")
