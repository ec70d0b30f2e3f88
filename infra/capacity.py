"""The capacity plan's arithmetic: the national peak's requests per route, DynamoDB units, Lambda
concurrency, SQS and S3, and the cost of one certification, from per-request counts and durations.

`python -m infra.capacity` prints the tables that infra/CAPACITY.md shows between its markers;
`python -m infra.capacity --write` rewrites them there (a test fails when they drift).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

CAPACITY_PATH = Path(__file__).with_name("CAPACITY.md")
BEGIN, END = "<!-- capacity:begin -->", "<!-- capacity:end -->"

# A moto GetItem + PutItem pair takes ~9 ms here (DESIGN floors); in-region DynamoDB is of the
# same order, so an AWS call is counted 4.5 ms of a Lambda's duration.
MS_PER_AWS_CALL = 4.5


@dataclass(frozen=True)
class Peak:
    """The busiest hour of the season: every collège's first session at 9:00."""

    colleges: int = 7_000
    candidates_per_session: int = 30
    join_window_s: int = 15 * 60  # candidates arrive and start between 9:00 and 9:15
    test_window_s: int = 60 * 60  # most answers fall within the hour that follows
    wait_for_authorisation_s: int = 90  # a joined candidate's screen polls until authorised
    seat_poll_s: int = 3  # web/candidate: SEAT_POLL_SECONDS
    supervision_poll_s: int = 4  # web/examiner: POLL_SECONDS
    questions: int = 36  # 15 to 48; 12 competences at level >= 1 x 3
    course_polls: int = 2  # « La certification se génère », every retry_after_seconds (1 s)

    @property
    def candidates(self) -> int:
        return self.colleges * self.candidates_per_session

    @property
    def examiners(self) -> int:
        return self.colleges * math.ceil(self.candidates_per_session / 20)


@dataclass(frozen=True)
class Route:
    """One kind of request: how many per candidate and over which window, what each costs."""

    name: str
    service: str
    per_candidate: float
    window_s: float
    reads: float  # DynamoDB read request units per request
    writes: float  # write request units per request
    aws_calls: int  # DynamoDB + SQS + S3 calls per request (its duration)
    cpu_ms: float  # the handler's own work
    sqs: int = 0  # SQS requests caused (send + the consumer's receive and delete)
    http: bool = True  # through API Gateway (else a queue consumer)
    memory_mb: int = 512

    @property
    def duration_ms(self) -> float:
        return self.cpu_ms + self.aws_calls * MS_PER_AWS_CALL

    def per_second(self, peak: Peak) -> float:
        return peak.candidates * self.per_candidate / self.window_s


def peak_routes(peak: Peak) -> list[Route]:
    """The exam hour's requests. Item sizes: a session or a candidate ~1 KB, a learner's
    knowledge ~12 KB, a course ~10 KB (answers inside); strongly consistent reads count one
    unit per 4 KB, writes one per 1 KB; a message's idempotency claim is 2 small writes."""
    per_examiner = peak.examiners / peak.candidates
    waiting_polls = peak.wait_for_authorisation_s / peak.seat_poll_s
    supervision = per_examiner * peak.test_window_s / peak.supervision_poll_s
    j, t = peak.join_window_s, peak.test_window_s
    return [
        Route("POST /orga/auth/token (login)", "orga", 1, j, 1, 1, 2, 270, memory_mb=1024),
        Route("POST /certif/sessions/{id}/join", "certif", 1, j, 5, 3, 8, 3),
        Route("GET /certif/sessions/{id}/me (waiting)", "certif", waiting_polls, j, 2.5, 0, 3, 2),
        Route("POST /certif/sessions/{id}/supervise", "certif", per_examiner, j, 1, 1, 2, 3),
        Route("GET /certif/sessions/{id}/supervision", "certif", supervision, t, 9, 0, 2, 3),
        Route(".../candidates/{cid}/authorize", "certif", 1, j, 1, 1, 2, 2),
        Route("POST /certif/sessions/{id}/start", "certif", 1, j, 2.5, 1, 5, 3, sqs=3),
        Route(
            "CertificationStartRequested → engine", "engine", 1, j, 3, 13, 7, 50, sqs=6, http=False
        ),
        Route("CertificationCourseReady → certif, jury", "certif", 2, j, 1, 3, 4, 3, http=False),
        Route(
            "GET /engine/certification-courses/{id}", "engine", peak.course_polls + 1, j, 4, 0, 1, 3
        ),
        Route("GET /engine/certification-courses/{id}/next", "engine", 1, t, 3, 0, 1, 3),
        Route(".../answers", "engine", peak.questions, t, 3, 10, 2, 10.9),
        Route(".../answers (the last: one more send)", "engine", 1, t, 0, 0, 1, 1, sqs=3),
        Route(
            "CertificationCourseEnded → engine (announces)",
            "engine",
            1,
            t,
            3,
            12,
            6,
            3,
            sqs=6,
            http=False,
        ),
        Route("CertificationCompleted → certif, jury", "jury", 2, t, 1.5, 5, 5, 3, http=False),
        Route(".../end-screen", "engine", 1, t, 3, 10, 2, 3),
        Route(".../end-screen-seen (examiner)", "certif", 1, t, 1, 1, 2, 2),
    ]


def after_routes() -> list[Route]:
    """What one certification costs after the exam hour (finalisation, jury, publication,
    documents), per candidate. The session-level requests are shared by its 30 candidates."""
    s = 1 / 30
    return [
        Route("attendance sheet + incident report PDFs", "certif", 2 * s, 1, 2, 1, 4, 120),
        Route("finalisation: draft, documents, finalize", "certif", 4 * s, 1, 30, 2, 4, 5, sqs=6),
        Route(
            "SessionFinalized → jury (scoring, auto-jury)", "jury", 1, 1, 6, 12, 8, 2, http=False
        ),
        Route(
            "publish + SessionPublished → orga, engine", "jury", 1, 1, 2, 4, 6, 3, sqs=6, http=False
        ),
        Route(
            "attestation: render, sign, store",
            "jury",
            1,
            1,
            2,
            2,
            3,
            671,
            memory_mb=1024,
            http=False,
        ),
        Route("GET results, attestation.pdf (twice)", "jury", 2, 1, 2, 0, 2, 5, memory_mb=1024),
        Route("GET /jury/verify/{code}", "jury", 1, 1, 1, 1, 2, 3, memory_mb=1024),
    ]


@dataclass(frozen=True)
class Prices:
    """us-east-1 list prices, USD (Paris, eu-west-3, is 10–15 % higher)."""

    api_gateway_per_m: float = 3.50  # REST API (what Chalice deploys)
    lambda_per_m: float = 0.20
    lambda_gb_s: float = 0.0000166667  # x86
    read_unit_per_m: float = 0.125  # on-demand, since November 2024
    write_unit_per_m: float = 0.625
    sqs_per_m: float = 0.40
    s3_put_per_k: float = 0.005
    s3_get_per_k: float = 0.0004
    s3_gb_month: float = 0.023
    kms_sign_per_10k: float = 0.15  # asymmetric


def request_cost(route: Route, prices: Prices) -> float:
    compute = route.duration_ms / 1000 * route.memory_mb / 1024 * prices.lambda_gb_s
    return (
        (prices.api_gateway_per_m if route.http else 0) / 1e6
        + prices.lambda_per_m / 1e6
        + compute
        + route.reads * prices.read_unit_per_m / 1e6
        + route.writes * prices.write_unit_per_m / 1e6
        + route.sqs * prices.sqs_per_m / 1e6
    )


# Documents per candidate: attendance sheet (35 KB for 40) and incident report (27 KB) per
# session of 30, the attestation (~40 KB, kept), and their reads.
S3_PUTS, S3_GETS, S3_KB_KEPT = 2 / 30 + 2, 3, 40 + 62 / 30


def cost_per_certification(peak: Peak, prices: Prices) -> dict[str, float]:
    by_part = {
        "exam hour": sum(r.per_candidate * request_cost(r, prices) for r in peak_routes(peak)),
        "after": sum(r.per_candidate * request_cost(r, prices) for r in after_routes()),
        "S3 requests": S3_PUTS * prices.s3_put_per_k / 1e3 + S3_GETS * prices.s3_get_per_k / 1e3,
        "S3 storage, 3 years": S3_KB_KEPT / 1024**2 * prices.s3_gb_month * 36,
        "KMS signature": prices.kms_sign_per_10k / 1e4,
    }
    by_part["total"] = sum(by_part.values())
    return by_part


def _n(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def render(peak: Peak | None = None, prices: Prices | None = None) -> str:
    peak, prices = peak or Peak(), prices or Prices()
    rows = [
        "| route | service | per candidate | requests/s | read units/s | write units/s "
        "| duration ms | concurrency |",
        "|---|---|---|---|---|---|---|---|",
    ]
    totals: dict[str, list[float]] = {}
    for r in peak_routes(peak):
        rps = r.per_second(peak)
        concurrency = rps * r.duration_ms / 1000
        rows.append(
            f"| {r.name} | {r.service} | {_n(r.per_candidate)} | {_n(rps)} | {_n(rps * r.reads)} "
            f"| {_n(rps * r.writes)} | {r.duration_ms:.0f} | {_n(concurrency)} |"
        )
        t = totals.setdefault(r.service, [0, 0, 0, 0, 0])
        for i, v in enumerate((rps if r.http else 0, rps * r.reads, rps * r.writes, concurrency)):
            t[i] += v
        t[4] += rps * r.sqs
    rows += [
        "",
        "| service | HTTP requests/s | read units/s | write units/s | Lambda concurrency "
        "| SQS requests/s |",
        "|---|---|---|---|---|---|",
    ]
    for service, (rps, reads, writes, conc, sqs) in sorted(totals.items()):
        rows.append(
            f"| {service} | {_n(rps)} | {_n(reads)} | {_n(writes)} | {_n(conc)} | {_n(sqs)} |"
        )
    all_t = [sum(t[i] for t in totals.values()) for i in range(5)]
    rows.append("| **all** | **" + "** | **".join(_n(v) for v in all_t) + "** |")
    cost = cost_per_certification(peak, prices)
    rows += ["", "| cost of one certification | USD |", "|---|---|"]
    rows += [f"| {part} | {value * 100:.4f} ¢ |" for part, value in cost.items()]
    rows.append(
        f"\n{peak.candidates:,} candidates at 9:00 ({peak.colleges:,} collèges × "
        f"{peak.candidates_per_session}), {peak.examiners:,} examiners; 800,000 certifications "
        f"cost {cost['total'] * 800_000:,.0f} USD in requests, compute and storage."
    )
    return "\n".join(rows)


def write(path: Path = CAPACITY_PATH) -> None:
    text = path.read_text()
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{render()}\n{END}{tail}")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    else:
        print(render())
