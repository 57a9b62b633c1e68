"""Policy socialization: sessions (workshop or seminar) for an adopted policy, and who attended them."""
from __future__ import annotations

from datetime import date

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy import func, literal, select

from services.personnel.api.common import active_department
from services.personnel.api.schemas.socialization import (
    KnownPolicyPageSchema,
    SessionQueryArgsSchema,
    SocializationSessionPageSchema,
    SocializationSessionSchema,
)
from services.personnel.db.models import KnownPolicy, SocializationAttendance, SocializationSession
from services.personnel.domain.socialization import SOCIALIZABLE_STATES, can_socialize
from shared.web.app_factory import service_context
from shared.web.auth import require_roles, require_write
from shared.web.pagination import PageArgsSchema, paginate

blp = Blueprint("socialization", __name__, url_prefix="/api/v1", description="Policy socialization")


def session_view(session, row: SocializationSession) -> dict:
    attendees = session.execute(select(func.count()).select_from(SocializationAttendance)
                                .where(SocializationAttendance.session_id == row.id)).scalar_one()
    return {"id": row.id, "policy_id": row.policy_id, "format": row.format, "title": row.title,
            "held_on": row.held_on, "department_codes": row.department_codes.split(","), "attendees": attendees}


def socializable_policy(session, policy_id: str) -> KnownPolicy:
    policy = session.get(KnownPolicy, policy_id)
    if policy is None:
        abort(422, message="Personnel has not heard of this policy from consultation (yet).",
              errors={"policy_id": ["No known policy has this id."]})
    if not can_socialize(policy.state):
        message = (f"Policy {policy.code} is {policy.state!r}; only a policy that is "
                   f"{', '.join(sorted(SOCIALIZABLE_STATES))} can be socialized.")
        abort(422, message=message, errors={"policy_id": [message]})
    return policy


@blp.route("/known-policies")
class KnownPolicies(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, KnownPolicyPageSchema)
    def get(self, args):
        """The policies personnel knows from consultation's events"""
        with service_context().db.sessions() as session:
            return paginate(session, select(KnownPolicy).order_by(KnownPolicy.code, KnownPolicy.id), args)


@blp.route("/socialization-sessions")
class Sessions(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.arguments(SessionQueryArgsSchema, location="query")
    @blp.response(200, SocializationSessionPageSchema)
    def get(self, args):
        """List socialization sessions, by policy or department"""
        query = select(SocializationSession).order_by(SocializationSession.held_on.desc(), SocializationSession.id)
        if args.get("policy_id"):
            query = query.where(SocializationSession.policy_id == args["policy_id"])
        if args.get("department_code"):
            codes = literal(",") + SocializationSession.department_codes + literal(",")
            query = query.where(codes.contains(f",{args['department_code']},", autoescape=True))
        with service_context().db.sessions() as session:
            page = paginate(session, query, args)
            page["items"] = [session_view(session, row) for row in page["items"]]
            return page

    @require_roles("admin", "operator")
    @blp.arguments(SocializationSessionSchema)
    @blp.response(201, SocializationSessionSchema)
    def post(self, data):
        """Plan or record a socialization session for an adopted policy (an operator: for their department)"""
        codes = list(dict.fromkeys(data["department_codes"]))
        for code in codes:
            require_write(code)
        with service_context().transaction() as session:
            socializable_policy(session, data["policy_id"])
            for code in codes:
                active_department(session, code, field="department_codes")
            row = SocializationSession(policy_id=data["policy_id"], format=data["format"], title=data["title"],
                                       held_on=data["held_on"], department_codes=",".join(codes))
            session.add(row)
            session.flush()
            return session_view(session, row)


@blp.route("/socialization-sessions/<session_id>")
class SessionById(MethodView):
    @require_roles("admin", "operator", "viewer")
    @blp.response(200, SocializationSessionSchema)
    def get(self, session_id):
        """One socialization session, with the number of attendees"""
        with service_context().db.sessions() as session:
            row = session.get(SocializationSession, session_id)
            if row is None:
                abort(404, message="Socialization session not found.")
            return session_view(session, row)


def held_session(session, session_id: str) -> SocializationSession:
    row = session.get(SocializationSession, session_id)
    if row is None:
        abort(404, message="Socialization session not found.")
    if row.held_on > date.today():
        abort(422, message=f"The session is on {row.held_on.isoformat()}; record attendance once it is held.")
    return row
