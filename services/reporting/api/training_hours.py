"""Training hours (JP) per department for a year, from the read model."""
from __future__ import annotations

from flask.views import MethodView

from services.reporting.api.schemas import TrainingHoursSchema, YearArgsSchema
from services.reporting.workflow.training_hours import training_hours
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("training_hours", __name__, url_prefix="/api/v1/training-hours",
                description="JP of completed training per department")


@blp.route("")
class TrainingHours(MethodView):
    @public_rate_limit
    @blp.arguments(YearArgsSchema, location="query")
    @blp.response(200, TrainingHoursSchema)
    def get(self, args):
        """JP completed per department in a year (aggregates only: no personal data)"""
        with service_context().db.sessions() as session:
            return training_hours(session, acting_principal(), utcnow(), args["year"], args.get("department_code"),
                                  service_context().config.rules.public_min_group)
