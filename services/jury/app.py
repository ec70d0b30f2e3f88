"""Pix jury: scoring, review, publication, certificates, verification and statistics."""

from dataclasses import asdict

from chalicelib.jury import bootstrap, schemas
from chalicelib.jury.use_cases import stats
from pixcore.http import Api, Context, ServiceApp

app = ServiceApp(app_name="pixcert-jury")
api = Api(app, "jury", tokens=bootstrap.tokens)


@api.route(
    "/stats",
    query=schemas.StatsQuery,
    response=schemas.StatsOut,
    summary="Tableau de bord de l'académie",
)
def get_stats(ctx: Context) -> schemas.StatsOut:
    board = stats.academie_dashboard(bootstrap.jury().schools, ctx.user, ctx.query.academie)
    return schemas.StatsOut(
        academie=board.academie,
        by_sector={k: asdict(v) for k, v in board.by_sector.items()},
        total=asdict(board.total),
    )


@app.on_sqs_message(queue="pixcert-jury-messages", batch_size=1)
def on_message(event) -> None:  # noqa: ANN001
    bootstrap.consumer().handle_event(event)
