"""Training programmes and training records (JP hours): the source of the competence figures."""
from __future__ import annotations

from flask.views import MethodView

from services.personnel.api.schemas.training import (
    ClassTrainingResultSchema,
    ClassTrainingSchema,
    ProgrammePageSchema,
    ProgrammeSchema,
    RevokeSchema,
    TrainingQueryArgsSchema,
    TrainingRecordPageSchema,
    TrainingRecordSchema,
    TrainingRecordUpdateSchema,
)
from services.personnel.workflow.programmes import create_programme, list_programmes
from services.personnel.workflow.training import (
    list_records,
    record_training,
    revoke_record,
    training_record,
    update_record,
)
from services.personnel.workflow.training_class import record_for_class
from shared.db import utcnow
from shared.web.api_blueprint import ApiBlueprint
from shared.web.app_factory import service_context
from shared.web.auth import acting_principal, require_roles
from shared.web.idempotency import idempotent
from shared.web.pagination import PageArgsSchema
from shared.web.ratelimit import public_rate_limit

blp = ApiBlueprint("training", __name__, url_prefix="/api/v1", description="Training programmes and records")


@blp.route("/training-programmes")
class Programmes(MethodView):
    @public_rate_limit
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, ProgrammePageSchema)
    def get(self, args):
        """List training programmes"""
        with service_context().db.sessions() as session:
            return list_programmes(session, args)

    @require_roles("admin")
    @blp.arguments(ProgrammeSchema)
    @blp.response(201, ProgrammeSchema)
    def post(self, data):
        """Create a training programme (admin)"""
        with service_context().transaction() as session:
            return create_programme(session, acting_principal(), utcnow(), data)


@blp.route("/training-records")
class TrainingRecords(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(TrainingQueryArgsSchema, location="query")
    @blp.response(200, TrainingRecordPageSchema)
    def get(self, args):
        """List training records (not personal data: every role reads them, as reporting does)"""
        with service_context().db.sessions() as session:
            return list_records(session, acting_principal(), args)

    @require_roles("admin", "operator")
    @blp.arguments(TrainingRecordSchema)
    @idempotent("training-records")
    @blp.response(201, TrainingRecordSchema)
    def post(self, data, session):
        """Record a training for an employee (an exact duplicate of a standing record is refused)"""
        return record_training(session, acting_principal(), utcnow(), data,
                               window=service_context().config.leadership)


@blp.route("/training-records/class")
class ClassTraining(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(ClassTrainingSchema)
    @idempotent("training-records:class")
    @blp.response(201, ClassTrainingResultSchema)
    def post(self, data, session):
        """Record one training for a whole class by NIP: every participant, or none (each refusal named)"""
        nips = data.pop("nips")
        return record_for_class(session, acting_principal(), utcnow(), data, nips,
                                window=service_context().config.leadership)


@blp.route("/training-records/<record_id>")
class TrainingRecordById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, TrainingRecordSchema)
    def get(self, record_id):
        """One training record"""
        with service_context().db.sessions() as session:
            return training_record(session, acting_principal(), record_id)

    @require_roles("admin", "operator")
    @blp.arguments(TrainingRecordUpdateSchema)
    @blp.response(200, TrainingRecordSchema)
    def patch(self, data, record_id):
        """Change a training record"""
        with service_context().transaction() as session:
            return update_record(session, acting_principal(), utcnow(), record_id, data,
                                 window=service_context().config.leadership)


@blp.route("/training-records/<record_id>/revoke")
class TrainingRecordRevoke(MethodView):
    @require_roles("admin", "operator")
    @blp.arguments(RevokeSchema)
    @blp.response(200, TrainingRecordSchema)
    def post(self, data, record_id):
        """Revoke a training record (it stops counting towards JP)"""
        with service_context().transaction() as session:
            return revoke_record(session, acting_principal(), utcnow(), record_id, data["reason"],
                                 window=service_context().config.leadership)
