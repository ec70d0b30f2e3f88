"""Pix Certif: certification centres, sessions, candidates and finalisation."""

from chalicelib.certif import bootstrap
from chalicelib.certif.routes import closing, sessions, test_day
from pixcore.http import Api, ServiceApp

app = ServiceApp(app_name="pixcert-certif")
api = Api(app, "certif", tokens=bootstrap.tokens)
sessions.register(api)
test_day.register(api)
closing.register(api)


@app.on_sqs_message(queue="pixcert-certif-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
