"""Campaign use cases with in-memory fakes: create, join (reconciliation), share, export."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.organizations import Organization, OrganizationType, Sector
from chalicelib.orga.domain.students import Student
from chalicelib.orga.use_cases import campaigns as uc
from chalicelib.orga.use_cases import participations
from pixcore.clock import FixedClock
from pixcore.codes import is_campaign_code
from pixcore.errors import Conflict, Forbidden, NotFound, RuleViolation
from pixcore.messages.catalog import (
    CampaignArchived,
    CampaignCreated,
    CampaignJoined,
    CompetenceMark,
    ProfileShared,
    ProfileShareRequested,
)
from pixcore.principal import Principal

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ORG = "org-1"


def student(sid: str, first: str, last: str, born: date, division: str = "3e1") -> Student:
    return Student(sid, ORG, f"{sid:0>10}A", last, first, born, division)


class World:
    def __init__(self) -> None:
        self.ports = memory_ports(
            clock=FixedClock(T0),
        )
        self.ports.students.save_all(
            [
                student("s1", "Zoé", "Lefèvre", date(2011, 2, 28)),
                student("s2", "Loïc", "N'Diaye", date(2011, 5, 3), "3e2"),
                student("s3", "Loic", "Ndiaye", date(2011, 5, 3), "3e3"),
                student("s4", "Hugo", "Martin", date(2010, 9, 9), "3e2"),
            ]
        )
        self.ports.organizations.add(
            Organization(
                ORG,
                "0750001U",
                "Collège Victor-Hugo",
                OrganizationType.COLLEGE,
                Sector.PUBLIC,
                "Paris",
                True,
            )
        )
        self.students = self.ports.students
        self.publisher = self.ports.publisher
        self.admin = Principal("admin", memberships={ORG: "ADMIN"})

    def campaign(self, **kw):  # noqa: ANN003, ANN201
        command = uc.CreateCampaign(
            organization_id=ORG, name="Collecte 3e", type=CampaignType.PROFILES_COLLECTION, **kw
        )
        return uc.create_campaign(self.ports, self.admin, command)

    def join(self, user: str, code: str, first: str, last: str, born: date):  # noqa: ANN201
        return participations.join_campaign(
            self.ports, Principal(user), participations.JoinCampaign(code, first, last, born)
        )


def test_a_campaign_gets_a_unique_code_of_the_right_shape():
    world = World()
    codes = {world.campaign().code for _ in range(30)}
    assert len(codes) == 30 and all(is_campaign_code(c) for c in codes)


def test_only_members_create_campaigns():
    world = World()
    with pytest.raises(Forbidden):
        uc.create_campaign(
            world.ports,
            Principal("x"),
            uc.CreateCampaign(ORG, "C", CampaignType.PROFILES_COLLECTION),
        )


def test_joining_reconciles_with_tolerance_and_publishes_once():
    world = World()
    code = world.campaign().code
    participation = world.join("u1", code.lower(), " ZOE ", "lefevre", date(2011, 2, 28))
    assert participation.student_id == "s1"
    again = world.join("u1", code, "Zoé", "Lefèvre", date(2011, 2, 28))
    assert again.student_id == "s1"
    assert [m.type for m in world.publisher.published if m.type != "CampaignCreated"] == [
        "LearnerReconciled",
        "CampaignJoined",
        "CampaignJoined",
    ]
    assert world.students.get(ORG, "s1").user_id == "u1"


def test_a_record_linked_to_another_account_is_refused():
    world = World()
    code = world.campaign().code
    world.join("u1", code, "Zoé", "Lefèvre", date(2011, 2, 28))
    with pytest.raises(Conflict) as error:
        world.join("u2", code, "Zoé", "Lefèvre", date(2011, 2, 28))
    assert error.value.code == "STUDENT_ALREADY_LINKED"


def test_two_matching_records_are_ambiguous_and_a_wrong_birthdate_matches_none():
    world = World()
    code = world.campaign().code
    with pytest.raises(Conflict) as error:
        world.join("u1", code, "Loic", "Ndiaye", date(2011, 5, 3))
    assert error.value.code == "STUDENT_AMBIGUOUS"
    with pytest.raises(NotFound):
        world.join("u1", code, "Zoé", "Lefèvre", date(2011, 2, 27))


def shared(user: str, campaign, marks: list[CompetenceMark], **mastery) -> ProfileShared:  # noqa: ANN001, ANN003
    return ProfileShared(
        campaign_id=campaign.id,
        code=campaign.code,
        user_id=user,
        competences=marks,
        total_pix=sum(m.pix for m in marks),
        certifiable=len(marks) >= 5,
        as_of=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        **mastery,
    )


def test_sharing_asks_engine_and_records_its_snapshot_once_and_the_school_sees_it():
    world = World()
    campaign = world.campaign(external_id_label="Numéro élève")
    world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    # WHEN Zoé sends her profile: engine is asked for it as of now
    sending = participations.share_profile(world.ports, Principal("u1"), campaign.code)
    assert sending.status == "Envoi en cours" and sending.shared_at is None
    [request] = world.publisher.of_type(ProfileShareRequested)
    assert (request.campaign_id, request.user_id) == (campaign.id, "u1")
    [line] = uc.participants(world.ports, world.admin, ORG, campaign.id)
    assert line.status == "Envoi en cours" and line.pix_score is None
    participations.share_profile(world.ports, Principal("u1"), campaign.code)  # asks again
    assert len(world.publisher.of_type(ProfileShareRequested)) == 2
    # THEN engine's snapshot is recorded once, whatever answers come after
    marks = [
        CompetenceMark(competence=c, level=2, pix=17) for c in ("1.1", "1.2", "2.1", "3.1", "4.1")
    ]
    participations.record_share(world.ports, shared("u1", campaign, marks))
    participations.record_share(world.ports, shared("u1", campaign, marks[:1]))
    with pytest.raises(RuleViolation):
        participations.share_profile(world.ports, Principal("u1"), campaign.code)
    [line] = uc.participants(world.ports, world.admin, ORG, campaign.id)
    assert (line.pix_score, line.certifiable, line.certifiable_competences_count) == (85, True, 5)
    assert line.status == "Envoyé"
    csv = "".join(uc.export_campaign(world.ports, world.admin, ORG, campaign.id))
    header, row = csv.lstrip("\ufeff").splitlines()
    assert "Numéro élève" in header.split(";")
    assert row.startswith("Collège Victor-Hugo;" + campaign.id + ";Collecte 3e;Lefèvre;Zoé;3e1;")
    assert ";O;02/03/2026;85;O;5;" in row


def test_an_account_is_linked_to_one_active_student_of_a_school():
    # GIVEN u1 joined campaign A as Zoé (28/02/2011)
    world = World()
    a, b = world.campaign(), world.campaign()
    world.join("u1", a.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    # WHEN u1 joins campaign B as Hugo (09/09/2010)
    with pytest.raises(Conflict) as refused:
        world.join("u1", b.code, "Hugo", "Martin", date(2010, 9, 9))
    # THEN it is refused: Hugo's record stays free
    assert refused.value.code == "ACCOUNT_ALREADY_LINKED"
    assert world.students.get(ORG, "s4").user_id is None
    assert world.join("u1", b.code, "Zoé", "Lefèvre", date(2011, 2, 28)).student_id == "s1"


def test_campaigns_tell_engine_when_created_joined_and_archived():
    world = World()
    command = uc.CreateCampaign(
        ORG, "Parcours de rentrée", CampaignType.ASSESSMENT, ["skill-moteurRecherche2"]
    )
    campaign = uc.create_campaign(world.ports, world.admin, command)
    world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    uc.archive_campaign(world.ports, world.admin, ORG, campaign.id)
    [created] = world.publisher.of_type(CampaignCreated)
    assert (created.campaign_type, created.target_skill_ids) == (
        "ASSESSMENT",
        ["skill-moteurRecherche2"],
    )
    [joined] = world.publisher.of_type(CampaignJoined)
    assert (joined.campaign_id, joined.student_id, joined.user_id) == (campaign.id, "s1", "u1")
    [archived] = world.publisher.of_type(CampaignArchived)
    assert archived.campaign_id == campaign.id


def test_an_assessment_campaign_shows_each_participant_s_mastery_of_its_targets():
    world = World()
    command = uc.CreateCampaign(
        ORG, "Parcours de rentrée", CampaignType.ASSESSMENT, ["skill-moteurRecherche2"]
    )
    campaign = uc.create_campaign(world.ports, world.admin, command)
    world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    world.join("u2", campaign.code, "Hugo", "Martin", date(2010, 9, 9))
    participations.share_profile(world.ports, Principal("u1"), campaign.code)
    mark = CompetenceMark(competence="1.1", level=2, pix=16)
    participations.record_share(
        world.ports,
        shared(
            "u1",
            campaign,
            [mark],
            target_skill_count=4,
            validated_target_skill_count=3,
            mastery_percentage=75,
        ),
    )
    lines = uc.participants(world.ports, world.admin, ORG, campaign.id)
    assert [(p.last_name, p.status, p.mastery_percentage) for p in lines] == [
        ("Lefèvre", "Envoyé", 75),
        ("Martin", "En attente", None),
    ]
    header, *rows = (
        "".join(uc.export_campaign(world.ports, world.admin, ORG, campaign.id))
        .lstrip("\ufeff")
        .splitlines()
    )
    assert header.endswith(
        "% de maîtrise des acquis ciblés;Nombre d'acquis ciblés;Nombre d'acquis validés"
    )
    assert rows[0].endswith(";O;02/03/2026;75;4;3") and rows[1].endswith(";N;;NA;NA;NA")


def test_an_archived_campaign_cannot_be_joined():
    world = World()
    campaign = world.campaign()
    uc.archive_campaign(world.ports, world.admin, ORG, campaign.id)
    with pytest.raises(RuleViolation) as error:
        world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    assert error.value.code == "CAMPAIGN_ARCHIVED"


def test_a_pending_participant_is_shown_as_waiting():
    world = World()
    campaign = world.campaign()
    world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    [line] = uc.participants(world.ports, world.admin, ORG, campaign.id)
    assert line.status == "En attente" and line.pix_score is None
