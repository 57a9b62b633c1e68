"""The campaign form of the workspace: a posted form as the body the use cases read, and their refusals in Indonesian.

The rules stay in workflow/campaign_input.py and workflow/campaigns.py; this module only moves
values between HTML fields and those rules.
"""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.survey.db.models import Campaign
from services.survey.domain.extra_questions import MAX_QUESTIONS
from services.survey.domain.periods import PERIOD_TYPES

PERIOD_WORDS = {"quarterly": "Triwulan", "half_yearly": "Semester", "yearly": "Tahunan"}
PERIOD_CHOICES = [(key, PERIOD_WORDS[key]) for key in PERIOD_TYPES]
MODES = [("terbuka", "Terbuka: siapa saja dengan tautan atau kode QR (satu jawaban per perangkat)"),
         ("token", "Dengan token: hanya pemegang token undangan sekali pakai")]
MESSAGES = {
    "department_code": "Pilih perangkat daerah yang dikenal.",
    "service_unit": "Isi nama unit layanan, 2 sampai 200 karakter.",
    "period_type": "Pilih jenis periode.",
    "period_year": "Isi tahun dengan 4 angka, 2000 sampai 2100.",
    "period_index": "Pilih periode ke-berapa: triwulan 1–4, semester 1–2, atau 1 untuk tahunan.",
    "population": "Isi jumlah orang yang dilayani dalam periode ini dengan bilangan bulat positif, "
                  "atau kosongkan.",
}
QUESTION_MESSAGE = ("Periksa pertanyaan ini: teks 3 sampai 500 karakter, dan pilihan ganda memerlukan paling "
                    "sedikit 2 pilihan berbeda (satu per baris).")
BLANK_ROWS = 2


def _number(raw: str | None):
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else (raw or None)


def question_rows(form: MultiDict) -> list[int]:
    """The row numbers of the extra questions filled in on the form, in order."""
    numbers = sorted({int(k[1:].split("_")[0]) for k in form if k.startswith("q") and k[1:].split("_")[0].isdigit()})
    return [i for i in numbers if (form.get(f"q{i}_text") or "").strip()]


def _questions(form: MultiDict) -> list[dict]:
    used = {(form.get(f"q{i}_key") or "").strip() for i in question_rows(form)} - {""}
    questions, fresh = [], (f"tambahan_{n}" for n in range(1, 1000) if f"tambahan_{n}" not in used)
    for i in question_rows(form):
        kind = "choice" if form.get(f"q{i}_type") == "choice" else "text"
        question = {"key": (form.get(f"q{i}_key") or "").strip() or next(fresh),
                    "text": form.get(f"q{i}_text").strip(), "type": kind, "required": bool(form.get(f"q{i}_required"))}
        if kind == "choice":
            question["choices"] = [c.strip() for c in (form.get(f"q{i}_choices") or "").splitlines() if c.strip()]
        questions.append(question)
    return questions


def body_of(form: MultiDict, *, department_code: str | None, draft: bool) -> dict:
    """The posted form as the body create_campaign/update_campaign read (only the population once open)."""
    if not draft:
        return {"population": _number(form.get("population"))}
    body = {"service_unit": (form.get("service_unit") or "").strip(), "period_type": form.get("period_type") or "",
            "period_year": _number(form.get("period_year")), "period_index": _number(form.get("period_index")) or 1,
            "population": _number(form.get("population")), "requires_token": form.get("mode") == "token",
            "extra_questions": _questions(form)}
    if department_code is not None:
        body["department_code"] = department_code
    return body


def field_messages(errors: dict, form: MultiDict) -> dict[str, str]:
    """An Invalid's errors as {form field: Indonesian message}."""
    fields = {name: message for name, message in MESSAGES.items() if name in errors}
    rows = question_rows(form)
    questions = errors.get("extra_questions")
    if isinstance(questions, dict):
        for index in questions:
            if str(index).isdigit() and int(index) < len(rows):
                fields[f"q{rows[int(index)]}"] = QUESTION_MESSAGE
            else:
                fields["questions"] = f"Paling banyak {MAX_QUESTIONS} pertanyaan tambahan."
    elif questions:
        fields["questions"] = f"Paling banyak {MAX_QUESTIONS} pertanyaan tambahan."
    return fields


def values_of(campaign: Campaign) -> MultiDict:
    """A stored campaign as form values, for the edit form."""
    values = MultiDict({"service_unit": campaign.service_unit, "period_type": campaign.period_type,
                        "period_year": str(campaign.period_year), "period_index": str(campaign.period_index),
                        "population": str(campaign.population or ""),
                        "mode": "token" if campaign.requires_token else "terbuka",
                        "department_code": campaign.department_code})
    for i, question in enumerate(campaign.extra_questions or [], start=1):
        values.update({f"q{i}_key": question["key"], f"q{i}_text": question["text"], f"q{i}_type": question["type"],
                       f"q{i}_choices": "\n".join(question.get("choices") or [])})
        if question.get("required"):
            values[f"q{i}_required"] = "1"
    return values


def row_count(values: MultiDict) -> int:
    """How many question rows the form shows: those filled in, plus a few blank ones."""
    filled = max([0, *question_rows(values)])
    return min(filled + BLANK_ROWS, MAX_QUESTIONS)

