"""Campaign use cases with in-memory fakes: create, join (reconciliation), share, export."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.organizations import Organization, OrganizationType, Sector
from chalicelib.orga.use_cases import campaigns as uc
from chalicelib.orga.use_cases.profiles import record_profile
from pixcore.clock import FixedClock
from pixcore.codes import is_campaign_code
from pixcore.errors import Conflict, Forbidden, NotFound, RuleViolation
from pixcore.messages.catalog import CompetenceMark, ProfileUpdated
from pixcore.principal import Principal

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ORG = "org-1"


@dataclass
class FakeStudent:
    id: str
    first_name: str
    last_name: str
    birthdate: date
    division: str = "3e1"
    preferred_last_name: str | None = None
    user_id: str | None = None
    active: bool = True


class FakeStudents:
    def __init__(self, *students: FakeStudent) -> None:
        self.students = {s.id: s for s in students}

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[FakeStudent]:
        return [
            copy.copy(s) for s in self.students.values() if s.birthdate == birthdate and s.active
        ]

    def link_user(self, organization_id: str, student_id: str, user_id: str) -> None:
        student = self.students[student_id]
        if student.user_id not in (None, user_id):
            raise Conflict(code="STUDENT_ALREADY_LINKED")
        student.user_id = user_id


class World:
    def __init__(self) -> None:
        self.ports = memory_ports(
            clock=FixedClock(T0),
            students=FakeStudents(
                FakeStudent("s1", "Zoé", "Lefèvre", date(2011, 2, 28)),
                FakeStudent("s2", "Loïc", "N'Diaye", date(2011, 5, 3), "3e2"),
                FakeStudent("s3", "Loic", "Ndiaye", date(2011, 5, 3), "3e3"),
            ),
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
        return uc.join_campaign(
            self.ports, Principal(user), uc.JoinCampaign(code, first, last, born)
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
    assert [m.type for m in world.publisher.published] == ["LearnerReconciled"]
    assert world.students.students["s1"].user_id == "u1"


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


def test_sharing_sends_the_latest_profile_once_and_the_school_sees_it():
    world = World()
    campaign = world.campaign(external_id_label="Numéro élève")
    world.join("u1", campaign.code, "Zoé", "Lefèvre", date(2011, 2, 28))
    old = ProfileUpdated(
        user_id="u1",
        competences=[CompetenceMark(competence="1.1", level=1, pix=9)],
        total_pix=9,
        certifiable=False,
        as_of=T0,
    )
    marks = [
        CompetenceMark(competence=c, level=2, pix=17) for c in ("1.1", "1.2", "2.1", "3.1", "4.1")
    ]
    new = ProfileUpdated(
        user_id="u1",
        competences=marks,
        total_pix=85,
        certifiable=True,
        as_of=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )
    record_profile(world.ports, new)
    record_profile(world.ports, old)  # arrives late: ignored
    uc.share_profile(world.ports, Principal("u1"), campaign.code)
    with pytest.raises(RuleViolation):
        uc.share_profile(world.ports, Principal("u1"), campaign.code)
    [line] = uc.participants(world.ports, world.admin, ORG, campaign.id)
    assert (line.pix_score, line.certifiable, line.certifiable_competences_count) == (85, True, 5)
    csv = "".join(uc.export_campaign(world.ports, world.admin, ORG, campaign.id))
    header, row = csv.lstrip("\ufeff").splitlines()
    assert "Numéro élève" in header.split(";")
    assert row.startswith("Collège Victor-Hugo;" + campaign.id + ";Collecte 3e;Lefèvre;Zoé;3e1;")
    assert ";O;02/03/2026;85;O;5;" in row


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
