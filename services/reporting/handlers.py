"""The events reporting consumes: type → handler, in one visible registry.

Every handler is idempotent and tolerates late and repeated events (compared by `sequence`
per aggregate, or by the natural key of an immutable fact), and bumps the revision of every
report the event changes.
"""
from __future__ import annotations

from services.reporting.projections.consultation import (
    CommentPayload,
    FeedbackPayload,
    PolicyPayload,
    apply_comment_state,
    apply_feedback_state,
    apply_policy_state,
)
from services.reporting.projections.improvement import ImprovementPayload, apply_improvement_state
from services.reporting.projections.personnel import (
    DepartmentPayload,
    EmployeePayload,
    SocializationPayload,
    apply_attendance,
    apply_department_state,
    apply_employee_state,
)
from services.reporting.projections.survey import (
    ResponsePayload,
    ResultsPayload,
    apply_response,
    apply_results_snapshot,
)
from services.reporting.projections.training import TrainingRecordPayload, apply_training_state
from shared.consumer import Subscription

POLICY_EVENTS = ("drafted", "consultation_opened", "consultation_closed", "revision_started", "adopted",
                 "implementation_started", "evaluation_started", "revised", "retired")
FEEDBACK_EVENTS = ("submitted", "forwarded", "rerouted", "info_requested", "info_provided", "responded", "reopened",
                   "closed", "overdue", "answered")
COMMENT_EVENTS = ("submitted", "published", "hidden", "answered")
IMPROVEMENT_EVENTS = ("plan_created", "action_added", "plan_adopted", "action_started", "action_done",
                      "action_dropped", "action_overdue")

SUBSCRIPTIONS: dict[str, Subscription] = {
    **{f"personnel.department.{verb}": Subscription(DepartmentPayload(), apply_department_state)
       for verb in ("created", "updated", "dissolved")},
    **{f"personnel.employee.{verb}": Subscription(EmployeePayload(), apply_employee_state)
       for verb in ("registered", "updated", "appointed", "status_changed")},
    "personnel.training.recorded": Subscription(TrainingRecordPayload(), apply_training_state),
    "personnel.training.updated": Subscription(TrainingRecordPayload(), apply_training_state),
    "personnel.training.revoked": Subscription(TrainingRecordPayload(), apply_training_state),
    "personnel.socialization.attended": Subscription(SocializationPayload(), apply_attendance),
    **{f"consultation.policy.{verb}": Subscription(PolicyPayload(), apply_policy_state) for verb in POLICY_EVENTS},
    **{f"consultation.feedback.{verb}": Subscription(FeedbackPayload(), apply_feedback_state)
       for verb in FEEDBACK_EVENTS},
    **{f"consultation.comment.{verb}": Subscription(CommentPayload(), apply_comment_state)
       for verb in COMMENT_EVENTS},
    **{f"consultation.improvement.{verb}": Subscription(ImprovementPayload(), apply_improvement_state)
       for verb in IMPROVEMENT_EVENTS},
    "survey.results.updated": Subscription(ResultsPayload(), apply_results_snapshot),
    "survey.response.submitted": Subscription(ResponsePayload(), apply_response),
}
