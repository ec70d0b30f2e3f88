"""Engine's own errors raised by adapters and understood by use cases."""

from __future__ import annotations

from pixcore.errors import ConcurrentUpdate


class AnswerAlreadyRecordedError(ConcurrentUpdate):
    """Another request recorded an answer to this challenge first."""

    default_code = "ANSWER_ALREADY_GIVEN"
    default_message = "Une réponse a déjà été donnée à cette épreuve."
