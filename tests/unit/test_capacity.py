"""The capacity plan's arithmetic, and infra/CAPACITY.md holding what it computes."""

from infra import capacity
from infra.capacity import Peak, Prices, Route


def test_requests_per_second_units_and_concurrency_follow_the_formulas():
    # GIVEN 1,000 candidates each sending 36 answers within an hour
    peak = Peak(colleges=100, candidates_per_session=10, test_window_s=3600)
    answer = Route("answer", "engine", 36, 3600, reads=3, writes=10, aws_calls=2, cpu_ms=11)
    # THEN 10 answers/s, 30 read and 100 write units/s, a 20 ms duration, 0.2 concurrent
    assert answer.per_second(peak) == 10
    assert answer.duration_ms == 11 + 2 * capacity.MS_PER_AWS_CALL
    assert answer.per_second(peak) * answer.duration_ms / 1000 == 0.2


def test_a_request_costs_its_gateway_its_lambda_and_its_units():
    free = Prices(*([0.0] * 10))
    route = Route("r", "certif", 1, 1, reads=4, writes=2, aws_calls=0, cpu_ms=1000, sqs=3)
    only_units = Prices(**{**free.__dict__, "read_unit_per_m": 1.0, "write_unit_per_m": 10.0})
    assert capacity.request_cost(route, only_units) == (4 * 1.0 + 2 * 10.0) / 1e6
    half_gb = Prices(**{**free.__dict__, "lambda_gb_s": 1.0})
    assert capacity.request_cost(route, half_gb) == 0.5  # 1 s at 512 MB
    queue = Route("q", "jury", 1, 1, 0, 0, 0, 0, http=False)
    gateway = Prices(**{**free.__dict__, "api_gateway_per_m": 1e6})
    assert capacity.request_cost(queue, gateway) == 0


def test_the_peak_is_every_college_at_nine():
    peak = Peak()
    assert peak.candidates == 210_000
    assert peak.examiners == 14_000  # two per room of 30


def test_capacity_md_shows_what_the_code_computes():
    text = capacity.CAPACITY_PATH.read_text()
    shown = text.split(capacity.BEGIN, 1)[1].split(capacity.END, 1)[0].strip()
    assert shown == capacity.render(), "run: .venv/bin/python -m infra.capacity --write"
