"""Employee pages: search, one employee's file, and the forms to add, correct, appoint and change status.

Each form posts back to its page; a refusal is shown beside its field with the typing kept, a
success redirects to the employee's file (post/redirect/get).
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from services.personnel.domain.employees import EDUCATION_LEVELS, EMPLOYEE_STATUSES
from services.personnel.domain.positions import EmployeeType, PositionType
from services.personnel.domain.ranks import RANK_CODES
from services.personnel.pages import forms, wording
from services.personnel.pages.blueprint import blp, department_options, departments, staff, window
from services.personnel.workflow.appointments import appoint
from services.personnel.workflow.directory import employee_file, employee_for_writer, find_employees
from services.personnel.workflow.employees import change_status, register_employee, update_employee
from shared.db import utcnow
from shared.errors import Conflict, Invalid
from shared.web.app_factory import service_context

PAGE_SIZE = 25
MAX_PAGE = 10_000
CHOICES = {"employee_type": [t.value for t in EmployeeType], "position_type": [p.value for p in PositionType],
           "education": list(EDUCATION_LEVELS), "status": list(EMPLOYEE_STATUSES), "rank": RANK_CODES,
           "gender": ["male", "female"]}
IDENTITY = ("nip", "name", "employee_type", "birth_date", "gender", "rank", "education")


def _choices_checked(values: dict, errors: dict) -> None:
    for name, allowed in CHOICES.items():
        if name in values and values[name] not in allowed:
            errors[name] = wording.FIELD_MESSAGES[name]
    if "name" in values and not 2 <= len(values["name"]) <= 200:
        errors["name"] = wording.FIELD_MESSAGES["name"]
    for name in ("position_title", "decree_number"):
        if name in values and len(values[name]) > (200 if name == "position_title" else 100):
            errors[name] = "Terlalu panjang."


@blp.get("")
def home():
    staff()
    return redirect(url_for(".search"), 303)


@blp.get("/pegawai")
def search():
    principal = staff()
    args = request.args
    page = int(args["halaman"]) if args.get("halaman", "").isdigit() else 1
    filters = {"q": forms.text(args, "q"), "department_code": forms.text(args, "opd"),
               "rank": forms.text(args, "pangkat"), "position_type": forms.text(args, "jenis_jabatan"),
               "status": forms.text(args, "status"), "page": max(1, min(page, MAX_PAGE)), "page_size": PAGE_SIZE}
    errors = {}
    with service_context().db.sessions() as session:
        try:
            found = find_employees(session, principal, {k: v for k, v in filters.items() if v is not None})
        except Invalid as exc:
            errors = wording.field_errors(exc)
            found = {"items": [], "page": 1, "page_size": PAGE_SIZE, "total": 0}
        return render_template("kepegawaian/search.html", found=found, args=args, errors=errors,
                               departments=departments(session), ranks=RANK_CODES,
                               pages=max(1, -(-found["total"] // PAGE_SIZE))), 422 if errors else 200


@blp.get("/pegawai/<employee_id>")
def file(employee_id):
    principal = staff()
    with service_context().db.sessions() as session:
        record = employee_file(session, principal, utcnow(), employee_id, window())
        return render_template("kepegawaian/employee.html", **record)


def _employee_form(template: str, values, errors: dict, status: int = 200, **extra):
    with service_context().db.sessions() as session:
        return render_template(f"kepegawaian/{template}", values=values, errors=errors,
                               department_options=department_options(session),
                               rank_options=[(code, code) for code in RANK_CODES], **extra), status


@blp.get("/pegawai/baru")
def new_employee():
    principal = staff()
    return _employee_form("employee_form.html", {"department_code": principal.department or "",
                                                 "employee_type": "PNS"}, {})


@blp.post("/pegawai/baru")
def add_employee():
    principal = staff()
    values, errors = forms.read(request.form, required=("nip", "name", "employee_type", "department_code"),
                                optional=("gender", "rank", "position_title", "position_type", "education"),
                                dates=("birth_date", "tmt_jabatan"))
    _choices_checked(values, errors)
    if errors:
        return _employee_form("employee_form.html", request.form, errors, 422)
    try:
        with service_context().transaction() as session:
            emp = register_employee(session, principal, utcnow(), values, window=window())
    except Invalid as exc:
        return _employee_form("employee_form.html", request.form, wording.field_errors(exc), 422)
    except Conflict as exc:
        return _employee_form("employee_form.html", request.form,
                              {"nip": exc.indonesian or "Pegawai dengan NIP ini sudah terdaftar."}, 409)
    flash(f"Pegawai {emp.name} telah ditambahkan.")
    return redirect(url_for(".file", employee_id=emp.id), 303)


def _loaded(employee_id: str):
    """The employee whose form is shown, once the signed-in staff member may open their file."""
    principal = staff()
    with service_context().db.sessions() as session:
        return principal, employee_for_writer(session, principal, employee_id)


@blp.get("/pegawai/<employee_id>/ubah")
def edit_employee(employee_id):
    _, emp = _loaded(employee_id)
    values = {name: getattr(emp, name) for name in (*IDENTITY, "position_title")}
    values["birth_date"] = forms.shown_date(emp.birth_date)
    return _employee_form("employee_edit.html", values, {}, employee=emp)


@blp.post("/pegawai/<employee_id>/ubah")
def save_employee(employee_id):
    principal, emp = _loaded(employee_id)
    values, errors = forms.read(request.form, required=("nip", "name", "employee_type"),
                                optional=("gender", "rank", "education", "position_title"), dates=("birth_date",))
    _choices_checked(values, errors)
    if errors:
        return _employee_form("employee_edit.html", request.form, errors, 422, employee=emp)
    for name in ("gender", "rank", "education", "position_title", "birth_date"):
        values.setdefault(name, None)  # an emptied field clears the value
    try:
        with service_context().transaction() as session:
            update_employee(session, principal, utcnow(), employee_id, values, window=window())
    except Invalid as exc:
        return _employee_form("employee_edit.html", request.form, wording.field_errors(exc), 422, employee=emp)
    except Conflict as exc:
        return _employee_form("employee_edit.html", request.form,
                              {"nip": exc.indonesian or "Pegawai dengan NIP ini sudah terdaftar."}, 409, employee=emp)
    flash("Perubahan data pegawai telah disimpan.")
    return redirect(url_for(".file", employee_id=employee_id), 303)


@blp.get("/pegawai/<employee_id>/angkat")
def appointment_form(employee_id):
    _, emp = _loaded(employee_id)
    return _employee_form("appoint.html", {"department_code": emp.department_code}, {}, employee=emp)


@blp.post("/pegawai/<employee_id>/angkat")
def appoint_employee(employee_id):
    principal, emp = _loaded(employee_id)
    values, errors = forms.read(request.form, required=("position_title", "position_type", "decree_number"),
                                optional=("department_code",), dates=("tmt_jabatan", "decree_date"),
                                flags=("head_of_unit", "ends_current_head"))
    for name in ("tmt_jabatan", "decree_date"):
        if name not in values and name not in errors:
            errors[name] = forms.REQUIRED
    _choices_checked(values, errors)
    if errors:
        return _employee_form("appoint.html", request.form, errors, 422, employee=emp)
    try:
        with service_context().transaction() as session:
            appoint(session, principal, utcnow(), employee_id, values, window=window())
    except Invalid as exc:
        return _employee_form("appoint.html", request.form, wording.field_errors(exc), 422, employee=emp)
    except Conflict as exc:
        field = "head_of_unit" if values.get("head_of_unit") else "position_type"
        return _employee_form("appoint.html", request.form, {field: exc.indonesian or exc.detail}, 409, employee=emp)
    flash(f"{emp.name} diangkat sebagai {values['position_title']}.")
    return redirect(url_for(".file", employee_id=employee_id), 303)


@blp.get("/pegawai/<employee_id>/status")
def status_form(employee_id):
    _, emp = _loaded(employee_id)
    return _employee_form("status.html", {"status": emp.status}, {}, employee=emp)


@blp.post("/pegawai/<employee_id>/status")
def save_status(employee_id):
    principal, emp = _loaded(employee_id)
    values, errors = forms.read(request.form, required=("status",), optional=("status_reason", "decree_number"),
                                dates=("decree_date",))
    _choices_checked(values, errors)
    if errors:
        return _employee_form("status.html", request.form, errors, 422, employee=emp)
    try:
        with service_context().transaction() as session:
            change_status(session, principal, utcnow(), employee_id, values.pop("status"), values, window=window())
    except Invalid as exc:
        return _employee_form("status.html", request.form, wording.field_errors(exc), 422, employee=emp)
    flash("Status pegawai telah diubah.")
    return redirect(url_for(".file", employee_id=employee_id), 303)
