"""What certif's table holds about a learner, as stored, for their data export."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.certif.adapters.dynamo_students import LinkItem, ProfileItem, StudentItem
from chalicelib.certif.adapters.session_items import CandidateItem, SessionItem, center_sessions_key
from chalicelib.certif.adapters.tables import CertifItem


def _exported(item: CertifItem) -> dict[str, Any]:
    values = dict(item.attribute_values)
    if "data" in values:
        values["data"] = json.loads(values["data"])
    return json.loads(json.dumps(values, default=str, ensure_ascii=False))


def _get(model: type[CertifItem], pk: str, sk: str) -> CertifItem | None:
    try:
        return model.get(pk, sk)
    except model.DoesNotExist:
        return None


class DynamoLearnerData:
    def gather(
        self, students: list[tuple[str, str]], user_id: str | None, whole_account: bool
    ) -> dict[str, list[dict[str, Any]]]:
        read_model: list[CertifItem] = []
        candidates: list[CertifItem] = []
        for center_id, student_id in students:
            for model, pk in (
                (StudentItem, f"CENTER#{center_id}#STUDENTS"),
                (LinkItem, f"CENTER#{center_id}#LINKS"),
            ):
                found = _get(model, pk, f"STUDENT#{student_id}")
                if found is not None:
                    read_model.append(found)
            for session in SessionItem.gsi1.query(center_sessions_key(center_id)):
                for item in CandidateItem.query(
                    session.pk, CandidateItem.sk.startswith("CANDIDATE#")
                ):
                    data = json.loads(item.data)
                    if data.get("student_id") == student_id or (
                        user_id is not None and data.get("user_id") == user_id
                    ):
                        candidates.append(item)
        if whole_account and user_id:
            profile = _get(ProfileItem, f"PROFILE#{user_id}", "PROFILE")
            read_model += [profile] if profile is not None else []
        return {
            "enrollable_student": [_exported(i) for i in read_model],
            "candidates": [_exported(i) for i in candidates],
        }
