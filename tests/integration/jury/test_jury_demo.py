"""The jury's demo steps, run on moto with the messages certif and engine would send: a clean
session auto-published, a reported one reviewed and published, then results, the school's CSV,
a verification, the signed attestation's check and the académie's table."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from infra.local import demo_jury, season_days
from infra.local.client import Reply
from pixcore.messages import catalog as c
from pixcore.principal import ACADEMIE, ADMIN, Principal
from tests.integration.conftest import drain, token_for
from tests.integration.jury.helpers import JUROR, lambda_event, send
from tests.unit.jury.builders import (
    candidate,
    completed,
    course_ready,
    finalized,
    registered,
    report,
    session_updated,
)


class Gateway:
    """The demo's HTTP client, on chalice's test clients (one per service prefix)."""

    def __init__(self, client, principal: Principal | None) -> None:  # noqa: ANN001
        self.client, self.principal = client, principal

    def request(
        self,
        method,
        path,
        body=None,
        *,
        raw=None,
        content_type="application/json",
        query=None,
        accept="application/json",
    ):  # noqa: ANN001, ANN201, E501
        service, _, rest = path.lstrip("/").partition("/")
        headers = {"Accept": accept, "Content-Type": content_type}
        if self.principal:
            headers["Authorization"] = f"Bearer {token_for(self.principal)}"
        if query:
            rest = f"{rest}?{urlencode(query)}"
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        r = self.client(service).http.request(method, f"/{rest}", headers=headers, body=data)
        return Reply(
            r.status_code, dict(r.headers), r.body if isinstance(r.body, bytes) else r.body.encode()
        )

    def get(self, path, **kw):  # noqa: ANN001, ANN003, ANN201
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):  # noqa: ANN001, ANN003, ANN201
        return self.request("POST", path, body, **kw)


def forward_to_orga(apps: dict) -> None:
    for message in drain("orga"):
        apps["orga"].on_message(lambda_event(json.dumps(message)), None)


def test_the_jury_demo(client, apps, capsys):
    send(
        apps,
        registered(members=[c.Member(user_id="admin-1", role="ADMIN")]),
        session_updated("s-clean", candidate_count=2),
        session_updated("s-review", candidate_count=1),
    )
    for course, session in (("k1", "s-clean"), ("k2", "s-clean"), ("k3", "s-review")):
        send(apps, course_ready(course, session, verification_code=f"P-BCDF234{course[1]}"))
    send(
        apps,
        completed("k1", "s-clean", verification_code="P-BCDF2341"),
        completed("k2", "s-clean", verification_code="P-BCDF2342", results={2: "ko"}),
        finalized("s-clean", candidates=[candidate("k1"), candidate("k2", first_name="Mathis", last_name="Nguyễn")]),
        completed("k3", "s-review", verification_code="P-BCDF2343", results={7: "ko", 8: "ko"}),
        finalized("s-review", candidates=[candidate("k3", first_name="Çağla", last_name="Yılmaz", issue_reports=[report("E2", 7)])]),
    )  # fmt: skip
    forward_to_orga(apps)
    lines: list[str] = []
    say = lines.append

    def eventually(fetch, ok, what, timeout=5.0):  # noqa: ANN001, ANN202
        reply = fetch()
        assert ok(reply), (what, reply.status, reply.body[:300])
        return reply

    jury, anonymous = Gateway(client, JUROR), Gateway(client, None)
    clean = demo_jury.clean_session(jury, "s-clean", say, eventually)
    assert clean["session"]["state"] == "published"
    reviewed = demo_jury.review_session(jury, "s-review", say, eventually)
    assert reviewed["session"]["state"] == "published"
    k3 = reviewed["certifications"][0]
    assert [a["question_number"] for a in k3["answers"] if a["neutralized"]] == [7]
    forward_to_orga(apps)

    results = demo_jury.candidate_results(
        [("Zoé", Gateway(client, Principal("user-k1"))), ("Çağla", Gateway(client, Principal("user-k3")))], say
    )  # fmt: skip
    assert [(r["status"], r["pix"]) for r in results] == [("validated", 130), ("validated", 130)]
    admin = Gateway(client, Principal("admin-1", memberships={"center-1": ADMIN}))
    csv = demo_jury.school_csv(admin, "center-1", "s-review", say, eventually)
    assert "Çağla;Yılmaz;28/02/2011" in csv and ";Validée;130;" in csv
    found = demo_jury.verification(anonymous, "P-BCDF2343", say)
    assert found["full_name"] == "Çağla Yılmaz"
    demo_jury.attestation_check(Gateway(client, Principal("user-k3")), anonymous, "k3", say)
    board = demo_jury.academie_table(
        Gateway(client, Principal("d", ACADEMIE, academie="Paris")), "Paris", say
    )
    assert board["total"]["certified"] == 3 and board["total"]["sessions_finalized"] == 2
    assert season_days.weeks_against_totals(board) == []
    text = "\n".join(lines)
    assert "publiée automatiquement" in text and "refusé (409 SESSION_ALREADY_PUBLISHED)" in text
    assert (
        "authentique=True (Çağla Yılmaz)" in text and "un octet changé : authentique=False" in text
    )
    with capsys.disabled():
        print("\n" + text)
