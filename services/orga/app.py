"""Pix Orga: accounts, schools, students, campaigns and results for schools."""

from pixcore.http import Api, ServiceApp

from chalicelib.orga import bootstrap
from chalicelib.orga.routes import accounts, campaigns, results

app = ServiceApp(app_name="pixcert-orga")
api = Api(app, "orga", tokens=bootstrap.tokens)
accounts.register(api)
campaigns.register(api)
results.register(api)


@app.on_sqs_message(queue="pixcert-orga-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
