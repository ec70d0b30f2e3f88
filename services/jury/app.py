"""Pix jury: scoring, review, publication, certificates, verification and statistics."""

from chalicelib.jury import bootstrap
from chalicelib.jury.routes import results, review
from pixcore.http import Api, ServiceApp

app = ServiceApp(app_name="pixcert-jury")
api = Api(app, "jury", tokens=bootstrap.tokens)
review.register(api)
results.register(api)


@app.on_sqs_message(queue="pixcert-jury-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
