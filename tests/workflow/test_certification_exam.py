"""The certification test through the real queues: start requests put on engine's queue of a
running stack, the tests taken through HTTP to `CertificationCompleted`. Engine alone: this plays
certif's part (start requests, the examiner's end); the demo journey plays it through certif."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from infra.local import demo_exam
from infra.local.demo_exam import DISCONNECTS, ENDED, OUT_OF_TIME, SKIPS_LAST, ExamCandidate
from infra.resources import main_table, queue
from infra.samples import seeded_profiles
from pixcore.auth import TOKEN_KEY_SECRET, TokenService
from pixcore.ids import new_id
from pixcore.messages.catalog import (
    CertificationEndRequested,
    CertificationStartRequested,
    OrganizationRegistered,
    SessionUpdated,
)
from pixcore.principal import Principal
from tests.workflow.conftest import RunningStack, launch

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("web-stack")]

# The accelerated clock of this stack: the 40 candidates answer without pause and finish in about
# 20 s at the suite's load; one waits the clock out. (40 s ran out for some at a load average of
# 50; the demo keeps 120 s, demo_exam.DEMO_TEST_SECONDS.)
EXAM_TEST_SECONDS = 75
SESSION = "session-exam"
CENTER = "center-exam"
FIVE_AT_3 = {"1.1": 3, "1.2": 3, "2.1": 3, "3.1": 3, "4.1": 3}


class CertifPart:
    """What certif sends engine: start requests, the examiner's end."""

    def __init__(self, stack: RunningStack) -> None:
        self.stack, self.sqs = stack, stack.aws("sqs")
        self.url = self.sqs.get_queue_url(QueueName=queue("engine"))["QueueUrl"]
        key = stack.aws("secretsmanager").get_secret_value(SecretId=TOKEN_KEY_SECRET)[
            "SecretString"
        ]
        self.tokens = TokenService(lambda: key)
        self.users: dict[str, str] = {}

    def send(self, message) -> None:  # noqa: ANN001
        self.sqs.send_message(QueueUrl=self.url, MessageBody=message.to_json())

    def introduce_to_jury(self) -> None:
        """What orga and certif tell jury before a course exists: the centre, then its session
        (jury counts the courses of the sessions it knows, and waits for the others)."""
        jury = self.sqs.get_queue_url(QueueName=queue("jury"))["QueueUrl"]
        for message in (
            OrganizationRegistered(
                organization_id=CENTER,
                uai="0691234S",
                name="Collège de l'examen",
                organization_type="COLLEGE",
                sector="PUBLIC",
                academie="Lyon",
                is_certification_center=True,
            ),
            SessionUpdated(
                session_id=SESSION,
                center_id=CENTER,
                session_date=date.today(),
                status="created",
                candidate_count=len(self.users),
                revision=1,
            ),
        ):
            self.sqs.send_message(QueueUrl=jury, MessageBody=message.to_json())

    def start(self, candidate: ExamCandidate, extra: int = 0) -> None:
        user_id = self.users[candidate.course_id]
        self.send(
            CertificationStartRequested(
                course_id=candidate.course_id,
                session_id=SESSION,
                center_id=CENTER,
                candidate_id=f"cand-{user_id}",
                user_id=user_id,
                extra_time_percentage=extra,
                session_date=date.today(),
                window_starts_at=datetime.now(UTC),
            )
        )

    def end(self, candidate: ExamCandidate) -> None:
        self.send(
            CertificationEndRequested(
                course_id=candidate.course_id,
                session_id=SESSION,
                candidate_id=f"cand-{self.users[candidate.course_id]}",
                reason="Le candidat a quitté la salle sans l'accord du surveillant.",
                requested_at=datetime.now(UTC),
            )
        )

    def announced(self, course_id: str) -> bool:
        item = self.stack.aws("dynamodb").get_item(
            TableName=main_table("engine"),
            Key={"pk": {"S": f"COURSE#{course_id}"}, "sk": {"S": "COURSE"}},
            ConsistentRead=True,
        )
        return "announced_at" in item.get("Item", {})


def seed(certif: CertifPart, candidate: ExamCandidate, levels: dict[str, int]) -> None:
    from chalicelib.engine.content_files import read_content

    user_id = certif.users[candidate.course_id]
    seeded_profiles.seed_profile(certif.stack.aws("dynamodb"), user_id, levels, read_content())


def certif_with_profiles(stack: RunningStack, plan: list[tuple[str, str, dict[str, int]]]):  # noqa: ANN201
    """Each candidate's profile is seeded first, then certif asks for every course at once."""
    certif = CertifPart(stack)
    candidates = []
    for label, behaviour, levels in plan:
        user_id, course_id = f"user-{new_id()}", new_id()
        certif.users[course_id] = user_id
        token = certif.tokens.issue(Principal(user_id))
        candidate = ExamCandidate(label, token, course_id, behaviour)
        seed(certif, candidate, levels)
        candidates.append(candidate)
    certif.introduce_to_jury()
    for candidate in candidates:
        certif.start(candidate)
    return certif, candidates


def test_one_candidate_takes_the_test_from_the_queue_to_certification_completed(stack):
    certif, [zoe] = certif_with_profiles(stack, [("Zoé Lefèvre", "steady", FIVE_AT_3)])
    [outcome] = demo_exam.run_exam(stack.url, [zoe], certif.start, certif.end, say=lambda _: None)
    assert outcome.state == "completed" and outcome.answered == outcome.question_count == 15
    assert outcome.end_screen_confirmed
    assert _eventually(lambda: certif.announced(zoe.course_id))


@pytest.fixture(scope="module")
def exam_stack(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    settings = {"PIXCERT_ENGINE_TEST_DURATION_SECONDS": str(EXAM_TEST_SECONDS)}
    with launch(tmp_path_factory.mktemp("exam-stack"), settings) as running:
        yield running


def test_forty_candidates_take_the_test_at_once_with_the_four_incidents(exam_stack):
    behaviours = [DISCONNECTS, OUT_OF_TIME, SKIPS_LAST, ENDED] + ["steady"] * 36
    plan = [(f"Candidat·e {i + 1:02d}", b, FIVE_AT_3) for i, b in enumerate(behaviours)]
    plan.append(("Inès Benali", "steady", {"1.1": 2, "2.1": 1}))  # not certifiable
    certif, candidates = certif_with_profiles(exam_stack, plan)
    printed: list[str] = []
    outcomes = demo_exam.run_exam(
        exam_stack.url, candidates, certif.start, certif.end, say=printed.append
    )
    by = {o.candidate.behaviour: o for o in outcomes if o.candidate.behaviour != "steady"}
    steady = [o for o in outcomes if o.candidate.behaviour == "steady" and not o.refused]
    assert len(steady) == 36 and all(o.state == "completed" and not o.timed_out for o in steady)
    assert all(o.answered == o.question_count == 15 and o.end_screen_confirmed for o in steady)
    assert by[DISCONNECTS].resumed_at == 6 and by[DISCONNECTS].state == "completed"
    assert by[OUT_OF_TIME].state == "completed" and by[OUT_OF_TIME].timed_out
    assert by[OUT_OF_TIME].answered == 3
    assert by[SKIPS_LAST].answered == 15 and by[SKIPS_LAST].state == "completed"
    assert by[ENDED].state == "ended_by_supervisor" and by[ENDED].answered == 5
    [refused] = [o for o in outcomes if o.refused]
    assert refused.refused == "NOT_CERTIFIABLE"
    assert any("reprise" in line or "repris" in line for line in printed)
    assert _eventually(lambda: all(certif.announced(c.course_id) for c in candidates[:40]))


def _eventually(check, timeout: float = 20.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
