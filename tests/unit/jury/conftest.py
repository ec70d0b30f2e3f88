import pytest

from tests.unit.jury.builders import make_ports


@pytest.fixture
def ports():
    return make_ports()
