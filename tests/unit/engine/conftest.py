"""Engine unit fixtures: the committed sample bank, and small hand-made banks for exact numbers."""

from __future__ import annotations

import random

import pytest

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.content import LearningContent
from tests.unit.engine.builders import SAMPLE_BANK, bank_data


@pytest.fixture(scope="session")
def sample_bank() -> LearningContent:
    return load_content(SAMPLE_BANK.read_bytes())


@pytest.fixture
def make_bank():
    def make(tubes: dict[str, tuple[str, list[int]]], variants: int = 2) -> LearningContent:
        return load_content(bank_data(tubes, variants))

    return make


@pytest.fixture
def rng() -> random.Random:
    return random.Random(42)
