"""Pix Certif: certification centres, sessions, candidates and finalisation."""

from chalicelib.certif import bootstrap, schemas
from chalicelib.certif.use_cases import centers
from pixcore.http import Api, Context, ServiceApp

app = ServiceApp(app_name="pixcert-certif")
api = Api(app, "certif", tokens=bootstrap.tokens)


@api.route("/centers/{center_id}", response=schemas.CenterOut, summary="Un centre de certification")
def get_center(ctx: Context, center_id: str) -> schemas.CenterOut:
    center = centers.get_center(bootstrap.certif().centers, ctx.user, center_id)
    return schemas.CenterOut(**{k: getattr(center, k) for k in schemas.CenterOut.model_fields})


@app.on_sqs_message(queue="pixcert-certif-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
