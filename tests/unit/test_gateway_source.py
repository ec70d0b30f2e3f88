"""The local gateway reports a caller's address as API Gateway would (`sourceIp`), taking it
from `X-Forwarded-For` when a simulated actor says where it comes from."""

from chalice import Chalice

from infra.local.gateway import GatewayServer, _Gateway


def _gateway() -> _Gateway:
    app = Chalice("source")

    @app.route("/whoami")
    def whoami() -> dict:
        return {"source": app.current_request.context["identity"]["sourceIp"]}

    return GatewayServer.gateway_for(app)


def test_a_simulated_actor_comes_from_the_address_it_gives():
    reply = _gateway().handle_request(
        "GET", "/whoami", {"X-Forwarded-For": "10.2.0.7, 192.0.2.1"}, None
    )
    assert reply["body"] == '{"source":"10.2.0.7"}'


def test_without_it_the_caller_is_the_local_machine():
    reply = _gateway().handle_request("GET", "/whoami", {}, None)
    assert reply["body"] == '{"source":"127.0.0.1"}'
