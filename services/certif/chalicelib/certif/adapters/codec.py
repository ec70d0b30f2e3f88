"""Domain objects to and from the JSON kept in DynamoDB items: dates as ISO strings, enums as
their values, field by field (an unknown field in a stored item is ignored)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from chalicelib.certif.domain.candidates import Candidate, CourseStage
from chalicelib.certif.domain.finalization import (
    AbortReason,
    CandidateFinalization,
    Finalization,
    IssueReportDraft,
    SessionDocument,
)

T = TypeVar("T")
CANDIDATE_DATES = {"birthdate"}
CANDIDATE_TIMES = {
    "joined_at",
    "authorized_at",
    "start_requested_at",
    "started_at",
    "deadline",
    "end_screen_confirmed_at",
    "end_screen_seen_at",
    "ended_by_examiner_at",
    "created_at",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def candidate_json(candidate: Candidate) -> str:
    data = {
        f.name: _plain(getattr(candidate, f.name))
        for f in dataclasses.fields(candidate)
        if f.name != "version"
    }
    return json.dumps(data, ensure_ascii=False)


def candidate_from_json(text: str, version: int) -> Candidate:
    data = json.loads(text)
    known = {f.name for f in dataclasses.fields(Candidate)}
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    for name in CANDIDATE_DATES & values.keys():
        values[name] = date.fromisoformat(values[name])
    for name in CANDIDATE_TIMES & values.keys():
        values[name] = datetime.fromisoformat(values[name]) if values[name] else None
    values["course_stage"] = CourseStage(values.get("course_stage", "none"))
    return Candidate(**values, version=version)


def finalization_json(f: Finalization) -> str:
    return json.dumps(
        {
            "candidates": [
                {
                    "candidate_id": c.candidate_id,
                    "end_screen_seen": c.end_screen_seen,
                    "abort_reason": _plain(c.abort_reason),
                    "issue_reports": [dataclasses.asdict(r) for r in c.issue_reports],
                }
                for c in f.candidates.values()
            ],
            "has_incident": f.has_incident,
            "comment": f.comment,
            "documents": [
                {**dataclasses.asdict(d), "uploaded_at": d.uploaded_at.isoformat()}
                for d in f.documents
            ],
            "saved_at": _plain(f.saved_at),
        },
        ensure_ascii=False,
    )


def finalization_from_json(session_id: str, text: str, version: int) -> Finalization:
    data = json.loads(text)
    candidates = {
        c["candidate_id"]: CandidateFinalization(
            c["candidate_id"],
            c.get("end_screen_seen", False),
            AbortReason(c["abort_reason"]) if c.get("abort_reason") else None,
            tuple(IssueReportDraft(**r) for r in c.get("issue_reports", [])),
        )
        for c in data.get("candidates", [])
    }
    documents = [
        SessionDocument(**{**d, "uploaded_at": datetime.fromisoformat(d["uploaded_at"])})
        for d in data.get("documents", [])
    ]
    saved = data.get("saved_at")
    return Finalization(
        session_id,
        candidates,
        data.get("has_incident", False),
        data.get("comment"),
        documents,
        datetime.fromisoformat(saved) if saved else None,
        version,
    )
