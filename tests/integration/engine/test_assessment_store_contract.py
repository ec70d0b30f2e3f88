"""The AssessmentStore contract: one state per learner, one version moved on by every write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.engine.adapters.assessment_items import AnswerItem, snapshot_key
from chalicelib.engine.adapters.dynamo_assessments import DynamoAssessmentStore
from chalicelib.engine.adapters.memory import InMemoryAssessmentStore
from chalicelib.engine.adapters.tables import EngineItem
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.assessment import Assessment, AssessmentKind, GivenAnswer
from chalicelib.engine.domain.knowledge import KnowledgeElement, KnowledgeSource, KnowledgeStatus
from chalicelib.engine.ports import AnswerRecord, AssessmentStore, PendingCompletion, Slot
from pixcore.errors import ConcurrentUpdate, NotFound

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


@dataclass
class Subject:
    store: AssessmentStore
    implementation: str

    def archived(self, assessment_id: str) -> list[str]:
        """The challenges of the answers written out for good, in the order given."""
        if isinstance(self.store, InMemoryAssessmentStore):
            return [r.challenge_id for r in self.store.archived.get(assessment_id, [])]
        items = AnswerItem.query(snapshot_key(assessment_id)[0], AnswerItem.sk.startswith("ANS"))
        return [i.challenge_id for i in sorted(items, key=lambda i: i.answered_at)]


@pytest.fixture
def subject(implementation: str) -> Subject:
    store = InMemoryAssessmentStore() if implementation == "memory" else DynamoAssessmentStore()
    return Subject(store, implementation)


def evaluation(user_id: str, competence: str = "1.1", n: int = 1) -> Assessment:
    return Assessment(
        f"{user_id}-a{n}",
        user_id,
        AssessmentKind.COMPETENCE_EVALUATION,
        ("skill-a1", "skill-a2"),
        T0,
        competence=competence,
    )


def element(skill_id: str, answer_id: str) -> KnowledgeElement:
    return KnowledgeElement(
        skill_id,
        "tube-a",
        "1.1",
        KnowledgeStatus.VALIDATED,
        KnowledgeSource.DIRECT,
        4.0,
        answer_id,
    )


def started(subject: Subject, user_id: str, n: int = 1, competence: str = "1.1") -> Assessment:
    fresh = evaluation(user_id, competence, n)
    subject.store.add(fresh, subject.store.read_slot(user_id, fresh.slot))
    return fresh


def answer(
    subject: Subject, assessment: Assessment, challenge_id: str, at: datetime, last: bool = False
) -> Assessment:
    """Serves `challenge_id`, then records a right answer to it (the last one, or not)."""
    store, user_id = subject.store, assessment.user_id
    shown, knowledge = store.load(assessment.id, user_id)
    store.save(shown.serve(challenge_id, at), knowledge)
    shown, knowledge = store.load(assessment.id, user_id)
    answered = shown.record(GivenAnswer(challenge_id, AnswerResult.OK, "h"))
    answered = answered.serve(None if last else "c-next", at)
    added = (element(f"skill-{challenge_id}", f"{assessment.id}#{challenge_id}"),)
    record = AnswerRecord(assessment.id, user_id, challenge_id, "1", "ok", 12.5, at, added)
    store.record_answer(answered, knowledge.with_answer(challenge_id, list(added)), record)
    return answered


def test_a_learner_without_state_has_empty_slots_and_no_knowledge(subject, user_id):
    assert subject.store.read_slot(user_id, "EVALUATION#1.1") == Slot(None, 0)
    knowledge = subject.store.knowledge(user_id)
    assert knowledge.version == 0 and knowledge.elements == {} and not knowledge.seen_challenge_ids
    assert subject.store.pending_completions(user_id) == []


def test_an_added_assessment_is_in_its_slot_and_found_by_id(subject, user_id):
    fresh = started(subject, user_id)
    assert subject.store.read_slot(user_id, fresh.slot) == Slot(fresh, 1)
    assert subject.store.get(fresh.id, user_id) == fresh
    assessment, knowledge = subject.store.load(fresh.id, user_id)
    assert assessment == fresh and knowledge.version == 1
    other = started(subject, user_id, n=2, competence="2.1")
    assert subject.store.read_slot(user_id, fresh.slot) == Slot(fresh, 2)
    assert subject.store.read_slot(user_id, other.slot) == Slot(other, 2)


def test_adding_on_a_stale_read_of_the_slot_loses_and_leaves_nothing(subject, user_id):
    # GIVEN two requests that read the same empty slot
    first, second = evaluation(user_id, n=1), evaluation(user_id, n=2)
    read = subject.store.read_slot(user_id, first.slot)
    subject.store.add(first, read)
    # WHEN the second one adds its own assessment on that read
    with pytest.raises(ConcurrentUpdate):
        subject.store.add(second, read)
    # THEN the slot keeps the first, and the second left nothing behind
    assert subject.store.read_slot(user_id, first.slot).assessment == first
    with pytest.raises(NotFound):
        subject.store.get(second.id, user_id)
    later = subject.store.read_slot(user_id, first.slot)
    with pytest.raises(ConcurrentUpdate):
        subject.store.add(evaluation(user_id, "2.2", n=3), read)
    subject.store.add(evaluation(user_id, "2.2", n=3), later)


def test_an_unknown_assessment_is_not_found(subject, user_id):
    with pytest.raises(NotFound) as missing:
        subject.store.get("no-such-assessment", user_id)
    assert missing.value.code == "ASSESSMENT_NOT_FOUND"


def test_someone_elses_assessment_is_read_from_its_snapshot_with_their_own_knowledge(
    subject, user_id
):
    fresh = started(subject, user_id)
    assessment, knowledge = subject.store.load(fresh.id, f"{user_id}-intruder")
    assert assessment.user_id == user_id and knowledge.user_id == f"{user_id}-intruder"
    assert knowledge.version == 0


def test_a_save_moves_the_version_on_and_one_from_a_stale_read_loses(subject, user_id):
    fresh = started(subject, user_id)
    assessment, knowledge = subject.store.load(fresh.id, user_id)
    subject.store.save(assessment.serve("c1", T0), knowledge)
    shown, newer = subject.store.load(fresh.id, user_id)
    assert shown.current_challenge_id == "c1" and shown.served_at == T0
    assert newer.version == knowledge.version + 1
    with pytest.raises(ConcurrentUpdate):
        subject.store.save(assessment.serve("c2", T0), knowledge)
    assert subject.store.get(fresh.id, user_id).current_challenge_id == "c1"


def test_a_save_for_a_learner_without_state_is_not_found(subject, user_id):
    with pytest.raises(NotFound):
        subject.store.save(evaluation(user_id), subject.store.knowledge(user_id))


def test_an_answer_keeps_assessment_and_knowledge_together_and_only_once(subject, user_id):
    fresh = started(subject, user_id)
    answered = answer(subject, fresh, "c1", T0)
    assessment, knowledge = subject.store.load(fresh.id, user_id)
    assert assessment == answered and assessment.answered_count == 1
    assert set(knowledge.elements) == {"skill-c1"} and knowledge.seen_challenge_ids == {"c1"}
    # A second answer prepared from the state before the first one loses.
    stale = knowledge.with_answer("c2", [element("skill-c2", "x")])
    subject.store.save(assessment.serve("c2", T0), knowledge)
    record = AnswerRecord(fresh.id, user_id, "c2", "1", "ok", None, T0, ())
    with pytest.raises(ConcurrentUpdate):
        subject.store.record_answer(assessment, stale, record)
    assert set(subject.store.knowledge(user_id).elements) == {"skill-c1"}


def test_a_completed_assessment_waits_until_archived_and_forgotten(subject, user_id):
    # GIVEN an evaluation completed by its second answer
    fresh = started(subject, user_id)
    answer(subject, fresh, "c1", T0)
    done = answer(subject, fresh, "c2", T0 + timedelta(seconds=40), last=True)
    assert done.is_completed
    assert subject.store.pending_completions(user_id) == [
        PendingCompletion(fresh.id, T0 + timedelta(seconds=40))
    ]
    # WHEN it is archived, twice (a repeated delivery), then forgotten
    knowledge = subject.store.archive(fresh.id, user_id)
    assert knowledge is not None and set(knowledge.elements) == {"skill-c1", "skill-c2"}
    assert subject.store.archive(fresh.id, user_id) == knowledge
    assert subject.archived(fresh.id) == ["c1", "c2"]
    if subject.implementation == "dynamo":  # the history goes a year after the last answer
        year_after = int((T0 + timedelta(seconds=40, days=365)).timestamp())
        items = list(EngineItem.query(snapshot_key(fresh.id)[0]))
        assert len(items) == 3 and {i.expires_at for i in items} == {year_after}
    subject.store.forget_archived(fresh.id, user_id)
    # THEN nothing waits any more, and the final snapshot stays readable
    assert subject.store.pending_completions(user_id) == []
    assert subject.store.archive(fresh.id, user_id) is None
    subject.store.forget_archived(fresh.id, user_id)
    assert subject.store.get(fresh.id, user_id) == done
    assert subject.store.knowledge(user_id).elements == knowledge.elements


def test_forgetting_moves_the_version_on(subject, user_id):
    fresh = started(subject, user_id)
    answer(subject, fresh, "c1", T0, last=True)
    before = subject.store.knowledge(user_id)
    subject.store.archive(fresh.id, user_id)
    subject.store.forget_archived(fresh.id, user_id)
    assert subject.store.knowledge(user_id).version == before.version + 1


def test_an_assessment_still_running_is_not_archived(subject, user_id):
    fresh = started(subject, user_id)
    answer(subject, fresh, "c1", T0)
    assert subject.store.archive(fresh.id, user_id) is None
    assert subject.store.pending_completions(user_id) == []


def test_a_completion_without_any_answer_has_no_time(subject, user_id):
    fresh = started(subject, user_id)
    assessment, knowledge = subject.store.load(fresh.id, user_id)
    subject.store.save(assessment.serve(None, T0), knowledge)
    assert subject.store.pending_completions(user_id) == [PendingCompletion(fresh.id, None)]
