"""The questionnaire page's form: what it shows, how a posted form becomes a submission, and its messages.

The rules stay in the use cases (workflow/submission.py, workflow/responses.py,
domain/extra_questions.py); this module only moves values between HTML form fields and those
rules, and words their refusals for a citizen in Bahasa Indonesia.
"""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from services.survey.db.models import Campaign
from services.survey.domain.extra_questions import MAX_TEXT_ANSWER
from services.survey.domain.unsur import MAX_SUGGESTION, PROFILE_CHOICES, UNSUR_KEYS
from services.survey.workflow.questionnaire import standard_questions
from shared.errors import Conflict, Invalid, WorkflowError

PROFILE_LABELS = {"gender": "Jenis kelamin", "age_group": "Usia", "education": "Pendidikan terakhir",
                  "occupation": "Pekerjaan utama"}
PICK_ONE = "Pilih salah satu dari empat jawaban."
_ENGLISH_ASIDE = re.compile(r"\s*\([^()]*\)(?=\.?$)")


def indonesian(message: str) -> str:
    """The API's bilingual messages read "Teks Indonesia (English text)."; a page shows the first part."""
    return _ENGLISH_ASIDE.sub("", message).strip()


def questionnaire(campaign: Campaign) -> dict:
    """Everything the form shows for a campaign, in the order a respondent answers it."""
    return {
        "unsur": standard_questions(),
        "profile": [{"key": dim, "label": PROFILE_LABELS[dim], "choices": list(choices.items())}
                    for dim, choices in PROFILE_CHOICES.items()],
        "extra": campaign.extra_questions or [],
        "requires_token": campaign.requires_token,
        "suggestion_max": MAX_SUGGESTION,
    }


def _score(raw: str | None):
    # A radio button sends "1".."4"; anything else goes to the schema as it came, which refuses it.
    return int(raw) if raw in ("1", "2", "3", "4") else raw


def submission(form: MultiDict, campaign: Campaign) -> dict:
    """The posted form as the body the JSON API takes (unanswered questions are left out)."""
    body = {
        "answers": {key: _score(form.get(key)) for key in UNSUR_KEYS if form.get(key)},
        "profile": {dim: form.get(dim) or None for dim in PROFILE_CHOICES},
        "suggestion": (form.get("suggestion") or "").strip() or None,
        "extra_answers": {q["key"]: (form.get(f"extra_{q['key']}") or "").strip()
                          for q in campaign.extra_questions or []},
    }
    if campaign.requires_token:
        body["token"] = (form.get("token") or "").strip() or None
    return body


def _first(messages) -> str:
    return indonesian(messages[0] if isinstance(messages, list) else str(messages))


def extra_answer_message(problem: str) -> str:
    """domain/extra_questions.py words its refusals in English; the citizen reads them in Indonesian."""
    if problem.startswith("an answer is required"):
        return "Pertanyaan ini wajib dijawab."
    if problem.startswith("the answer must be one of"):
        return "Pilih salah satu jawaban yang tersedia."
    if problem.startswith("at most"):
        return f"Paling banyak {MAX_TEXT_ANSWER} karakter."
    return "Jawaban ini tidak dapat diterima."


def field_errors(errors: dict) -> dict[str, str]:
    """An Invalid's errors as {form field: message}."""
    fields: dict[str, str] = {}
    answers = errors.get("answers")
    if isinstance(answers, dict):
        fields.update({key: PICK_ONE for key in answers if key in UNSUR_KEYS})
    elif answers:
        fields.update(dict.fromkeys(UNSUR_KEYS, PICK_ONE))
    for dim, problem in (errors.get("profile") or {}).items():
        fields[dim] = _first(problem)
    for key, problems in (errors.get("extra_answers") or {}).items():
        fields[f"extra_{key}"] = extra_answer_message(_first(problems))
    for name in ("suggestion", "token"):
        if name in errors:
            fields[name] = _first(errors[name])
    return fields


def refusal(exc: WorkflowError) -> tuple[dict[str, str], str | None]:
    """Field messages and a general message for a refused form."""
    if isinstance(exc, Invalid):
        fields = field_errors(exc.errors)
        return fields, None if fields else "Jawaban tidak dapat diterima. Periksa kembali isian Anda."
    if isinstance(exc, Conflict):
        return {}, exc.indonesian
    return {"token": exc.indonesian or indonesian(exc.detail)}, None  # Forbidden: the token was refused
