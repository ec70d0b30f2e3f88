"""Pix engine: learning content, placement tests, profiles and certification courses."""

from chalicelib.engine import bootstrap
from chalicelib.engine.routes import assessments, certification, profiles
from pixcore.http import Api, ServiceApp

app = ServiceApp(app_name="pixcert-engine")
api = Api(app, "engine", tokens=bootstrap.tokens)
assessments.register(api)
profiles.register(api)
certification.register(api)


@app.on_sqs_message(queue="pixcert-engine-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
