"""Pix Orga: accounts, schools, students, campaigns and results for schools."""

from chalice import Rate

from chalicelib.orga import bootstrap
from chalicelib.orga.routes import accounts, campaigns, imports, privacy, results, students
from chalicelib.orga.use_cases import inbox, stuck_imports
from pixcore.http import Api, ServiceApp

app = ServiceApp(app_name="pixcert-orga")
api = Api(app, "orga", tokens=bootstrap.tokens)
accounts.register(api)
campaigns.register(api)
results.register(api)
imports.register(api)
students.register(api)
privacy.register(api)


@app.on_sqs_message(queue="pixcert-orga-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)


@app.schedule(Rate(5, unit=Rate.MINUTES))
def sweep_import_inbox(event) -> None:  # noqa: ANN001
    stuck_imports.fail_stuck_imports(bootstrap.ports())  # first: it may free a school's inbox
    inbox.sweep_inbox(bootstrap.ports())
