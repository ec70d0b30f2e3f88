"""HTTP payloads of the certification course: the candidate's answers, the course's state, the
question shown. An answer never says whether it was right."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from chalicelib.engine.schemas import ChallengeOut
from pixcore.schemas import Body, Identifier

# Every answer stays in the course's item (48 of them): each is kept small.
MAX_ANSWER_CHARACTERS = 2000
CourseAnswerText = Annotated[str, Field(max_length=500)]


class CourseAnswerRequest(Body):
    """A value, or `skip: true` for « Je passe »."""

    challenge_id: Identifier
    value: (
        CourseAnswerText
        | int
        | Annotated[list[int | CourseAnswerText], Field(max_length=20)]
        | Annotated[dict[Identifier, CourseAnswerText], Field(max_length=20)]
        | None
    ) = None
    skip: bool = False

    @model_validator(mode="after")
    def value_or_skip(self) -> CourseAnswerRequest:
        if self.value is None and not self.skip:
            raise ValueError("une réponse (value) ou « skip: true » est attendue")
        if self.value is not None and self.skip:
            raise ValueError("une épreuve passée ne porte pas de réponse")
        if len(json.dumps(self.value, ensure_ascii=False)) > MAX_ANSWER_CHARACTERS:
            raise ValueError(f"une réponse tient en {MAX_ANSWER_CHARACTERS} caractères au plus")
        return self


class RefusalOut(BaseModel):
    code: str
    message: str


class CourseOut(BaseModel):
    """`generating` while engine creates the course (poll again after `retry_after_seconds`),
    `refused` with the reason, then `started` and one of the ends; `end_screen` says the
    candidate now sees « Vous avez presque terminé — Appelez le surveillant »."""

    course_id: str
    state: str
    question_count: int | None = None
    answered_count: int = 0
    current_question_number: int | None = None
    started_at: datetime | None = None
    deadline: datetime | None = None
    remaining_seconds: int | None = None
    extra_time_percentage: int | None = None
    timed_out: bool = False
    end_screen: bool = False
    end_screen_confirmed: bool = False
    published: bool = False
    refusal: RefusalOut | None = None
    retry_after_seconds: int | None = None


class NextQuestionOut(BaseModel):
    """Question k of N, without its solutions, and the time left on the server's clock."""

    question_number: int
    question_count: int
    remaining_seconds: int
    deadline: datetime
    challenge: ChallengeOut


class CourseAnswerOut(BaseModel):
    question_number: int = Field(description="the question this answer was recorded for")
    question_count: int
    completed: bool = Field(description="the test is over: the end screen follows")
    next: NextQuestionOut | None = None
