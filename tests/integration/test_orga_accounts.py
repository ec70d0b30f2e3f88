"""Orga accounts and schools through HTTP on moto; the registration message reaches certif and jury."""

from __future__ import annotations

import json

from tests.integration.conftest import body, drain

SCHOOL = {
    "uai": "0750001U",
    "name": "Collège Victor-Hugo",
    "type": "COLLEGE",
    "sector": "PUBLIC",
    "academie": "Paris",
    "is_certification_center": True,
}


def sign_up(client, email="zoe.lefevre@example.fr", password="Motdepasse1"):  # noqa: ANN001, ANN201
    return client("orga").http.post(
        "/users",
        headers={"Content-Type": "application/json"},
        body=json.dumps(
            {
                "first_name": "Zoé",
                "last_name": "Lefèvre",
                "birthdate": "2011-02-28",
                "email": email,
                "password": password,
            }
        ),
    )


def test_sign_up_then_log_in_then_me(client):
    assert sign_up(client).status_code == 201
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"email": "ZOE.LEFEVRE@example.fr ", "password": "Motdepasse1"}),
    )
    assert login.status_code == 200
    token = body(login)["access_token"]
    me = client("orga").http.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert body(me)["first_name"] == "Zoé" and body(me)["role"] == "STUDENT"


def test_a_login_is_taken_once(client):
    assert sign_up(client).status_code == 201
    second = sign_up(client)
    assert second.status_code == 409 and body(second)["error"]["code"] == "LOGIN_TAKEN"


def test_a_wrong_password_gets_401(client):
    sign_up(client)
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"email": "zoe.lefevre@example.fr", "password": "wrong-password1"}),
    )
    assert login.status_code == 401 and body(login)["error"]["code"] == "INVALID_CREDENTIALS"


def test_jury_registers_a_school_and_the_message_reaches_certif_and_jury(client, jury_headers):
    created = client("orga").http.post(
        "/organizations", headers=jury_headers, body=json.dumps(SCHOOL)
    )
    assert created.status_code == 201
    school_id = body(created)["id"]
    for service in ("certif", "jury"):
        messages = drain(service)
        assert [m["type"] for m in messages] == ["OrganizationRegistered"]
        assert messages[0]["organization_id"] == school_id
    assert drain("engine") == [] and drain("orga") == []


def test_a_uai_is_registered_once(client, jury_headers):
    client("orga").http.post("/organizations", headers=jury_headers, body=json.dumps(SCHOOL))
    again = client("orga").http.post(
        "/organizations", headers=jury_headers, body=json.dumps(SCHOOL)
    )
    assert again.status_code == 409 and body(again)["error"]["code"] == "UAI_TAKEN"


def test_a_student_cannot_register_a_school(client):
    sign_up(client)
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"email": "zoe.lefevre@example.fr", "password": "Motdepasse1"}),
    )
    headers = {
        "Authorization": f"Bearer {body(login)['access_token']}",
        "Content-Type": "application/json",
    }
    response = client("orga").http.post("/organizations", headers=headers, body=json.dumps(SCHOOL))
    assert response.status_code == 403


def test_a_uai_with_a_wrong_check_letter_is_refused(client, jury_headers):
    response = client("orga").http.post(
        "/organizations", headers=jury_headers, body=json.dumps({**SCHOOL, "uai": "0750001A"})
    )
    assert response.status_code == 400 and body(response)["error"]["code"] == "UAI_INVALID"


def test_a_student_without_email_gets_a_generated_username(client):
    def register():  # noqa: ANN202
        return body(
            client("orga").http.post(
                "/users",
                headers={"Content-Type": "application/json"},
                body=json.dumps(
                    {
                        "first_name": "Zoé",
                        "last_name": "N'Diaye",
                        "birthdate": "2011-03-02",
                        "password": "Motdepasse1",
                    }
                ),
            )
        )

    assert register()["username"] == "zoe.ndiaye0203"
    assert register()["username"] == "zoe.ndiaye02032"


def test_repeated_failures_lock_the_login_out_with_a_growing_delay(client):
    sign_up(client)

    def attempt(password):  # noqa: ANN001, ANN202
        return client("orga").http.post(
            "/auth/token",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"email": "zoe.lefevre@example.fr", "password": password}),
        )

    assert [attempt("Mauvais123").status_code for _ in range(5)] == [401] * 5
    locked = attempt("Motdepasse1")
    assert locked.status_code == 429
    assert body(locked)["error"]["details"]["retry_after_seconds"] > 0


def test_twenty_four_parallel_wrong_passwords_get_five_password_checks(client, apps, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from tests.integration.moto_atomic import atomic_dynamodb

    atomic_dynamodb(monkeypatch)  # DynamoDB applies each write atomically; moto needs the lock

    from chalicelib.orga.use_cases.accounts import LogIn, log_in
    from pixcore.errors import Throttled, Unauthenticated

    assert sign_up(client).status_code == 201
    ports = apps["orga"].bootstrap.ports()

    def wrong(_: int) -> int:
        try:
            log_in(ports, LogIn("zoe.lefevre@example.fr", "Mauvais123", "10.0.0.7"))
        except Unauthenticated:
            return 401
        except Throttled:
            return 429
        return 200

    with ThreadPoolExecutor(24) as pool:
        statuses = list(pool.map(wrong, range(24)))
    assert sorted(statuses) == [401] * 5 + [429] * 19


def test_a_throttled_sign_up_says_when_to_retry(client, apps, monkeypatch):
    from chalicelib.orga.domain import throttling

    monkeypatch.setattr(throttling, "SIGN_UP_LIMIT", 2)
    assert sign_up(client, email="a@example.fr").status_code == 201
    assert sign_up(client, email="b@example.fr").status_code == 201
    refused = sign_up(client, email="c@example.fr")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_sign_up_refuses_implausible_birthdates_and_invisible_characters(client):
    def attempt(**fields):  # noqa: ANN003, ANN202
        payload = {
            "first_name": "Zoé",
            "last_name": "Lefèvre",
            "birthdate": "2011-02-28",
            "password": "Motdepasse1",
            **fields,
        }
        response = client("orga").http.post(
            "/users", headers={"Content-Type": "application/json"}, body=json.dumps(payload)
        )
        return response.status_code, body(response)

    for fields in (
        {"birthdate": "2999-01-01"},
        {"birthdate": "0001-01-01"},
        {"first_name": "Zo\u0000é"},
        {"last_name": "Lef\u202eèvre"},
        {"last_name": "Lefèvre\r\nX"},
        {"first_name": "Zo\u200bé"},
        {"first_name": "Z" * 101},
    ):
        status, answer = attempt(**fields)
        assert status == 400, fields
        assert answer["error"]["details"]["fields"][0]["field"] in fields, fields
    status, created = attempt(first_name="Zoe\u0301")  # decomposed accent: stored NFC
    assert status == 201 and created["first_name"] == "Zoé"


def test_the_jury_grants_the_academie_role_and_the_token_carries_it(client, jury_headers):
    def grant(headers, **fields):  # noqa: ANN001, ANN003, ANN202
        return client("orga").http.post(
            "/academie-users",
            headers=headers,
            body=json.dumps({"email": "dane@ac-paris.fr", "academie": "Paris", **fields}),
        )

    # GIVEN no account yet: the names and a password are needed to create one
    assert body(grant(jury_headers))["error"]["code"] == "ACCOUNT_DETAILS_REQUIRED"
    created = grant(jury_headers, first_name="Anne", last_name="Dupré", password="Academie123")
    assert created.status_code == 200
    assert (body(created)["role"], body(created)["academie"]) == ("ACADEMIE", "Paris")
    # WHEN its user logs in THEN the token says ACADEMIE for Paris
    login = body(
        client("orga").http.post(
            "/auth/token",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"email": "dane@ac-paris.fr", "password": "Academie123"}),
        )
    )
    from pixcore import runtime

    principal = runtime.tokens().verify(login["access_token"])
    assert (principal.role, principal.academie) == ("ACADEMIE", "Paris")
    # an existing student account is given the role too; a student may not give it
    assert sign_up(client).status_code == 201
    moved = grant(jury_headers, email="zoe.lefevre@example.fr", academie="Créteil")
    assert (body(moved)["role"], body(moved)["academie"]) == ("ACADEMIE", "Créteil")
    student = body(
        client("orga").http.post(
            "/auth/token",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"email": "zoe.lefevre@example.fr", "password": "Motdepasse1"}),
        )
    )["access_token"]
    refused = grant({"Authorization": f"Bearer {student}", "Content-Type": "application/json"})
    assert refused.status_code == 403 and body(refused)["error"]["code"] == "JURY_ONLY"
    doc = client("orga").http.get("/openapi.json")
    assert "post" in body(doc)["paths"]["/academie-users"]


def test_a_schools_admins_list_its_members_with_their_names_and_others_cannot(client, school):
    # GIVEN a colleague's Pix account, added as a member by the school's admin
    assert sign_up(client, email="prof.techno@example.fr").status_code == 201
    path = f"/organizations/{school['id']}/memberships"
    headers = {**school["auth"], "Content-Type": "application/json"}
    added = client("orga").http.post(
        path,
        headers=headers,
        body=json.dumps({"email": "prof.techno@example.fr", "role": "MEMBER"}),
    )
    assert added.status_code == 201, added.body
    # WHEN the admin lists the members THEN the colleague is there with names, e-mail and role
    listed = client("orga").http.get(path, headers=school["auth"])
    assert listed.status_code == 200, listed.body
    [member] = body(listed)["members"]
    assert (member["first_name"], member["last_name"], member["email"], member["role"]) == (
        "Zoé",
        "Lefèvre",
        "prof.techno@example.fr",
        "MEMBER",
    )
    # and a member who is not an admin is refused
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"email": "prof.techno@example.fr", "password": "Motdepasse1"}),
    )
    member_auth = {"Authorization": f"Bearer {body(login)['access_token']}"}
    refused = client("orga").http.get(path, headers=member_auth)
    assert refused.status_code == 403
    assert body(refused)["error"]["code"] == "ORGANIZATION_ADMIN_ONLY"
