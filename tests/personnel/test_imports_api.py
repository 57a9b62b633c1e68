"""CSV import: a dry run reports every bad row by line; a real import writes all rows and their events, or none."""
import io

import pytest

from services.personnel.db.models import Appointment, Employee, TrainingRecord
from tests.personnel.conftest import OUTBOX, count
from tests.support import seed

EMPLOYEES = """nip,name,employee_type,department_code,rank,position_title,position_type,tmt_jabatan
19660801 198803 1 001,Siti Aminah,PNS,DINKES,IV/a,Kepala Dinas,jpt_pratama,2025-02-01
197002152000032005,Rina Marpaung,PNS,DINKES,III/c,Pengelola Data,pelaksana,
198505052019031003,Budi Santoso,PPPK,DINKES,,,,
"""


def post_csv(api, path, text, headers=None, dry_run=False, update=False, **kwargs):
    params = [param for param, on in (("dry_run=true", dry_run), ("update=true", update)) if on]
    url = f"/api/v1/imports/{path}" + ("?" + "&".join(params) if params else "")
    return api.client.post(url, data=text.encode(), content_type="text/csv", headers=headers or api.admin, **kwargs)


def written(api):
    return count(api.db, Employee), count(api.db, Appointment), count(api.db, TrainingRecord), count(api.db, OUTBOX)


def test_a_good_file_is_imported_with_its_events(api):
    before = count(api.db, OUTBOX)
    resp = post_csv(api, "employees", EMPLOYEES)
    assert resp.status_code == 200, resp.get_json()
    report = resp.get_json()
    assert {k: report[k] for k in ("dry_run", "rows", "valid_rows", "new_rows", "imported", "errors")} == {
        "dry_run": False, "rows": 3, "valid_rows": 3, "new_rows": 3, "imported": 3, "errors": []}
    assert written(api)[:2] == (3, 1)  # only the row with a full position starts an appointment history
    events = api.events("personnel.employee.")
    assert len(events) == 3 == count(api.db, OUTBOX) - before
    assert {e["type"] for e in events} == {"personnel.employee.registered"}
    assert {e["data"]["name"] for e in events} == {"Siti Aminah", "Rina Marpaung", "Budi Santoso"}
    siti = api.client.get("/api/v1/employees?q=Siti", headers=api.admin).get_json()["items"][0]
    assert (siti["nip"], siti["birth_date"], siti["rank_name"]) == ("196608011988031001", "1966-08-01", "Pembina")


def test_a_dry_run_reports_every_bad_row_and_writes_nothing(api):
    api.employee()  # NIP 19800101 200501 1 NNN already registered
    existing = api.client.get("/api/v1/employees", headers=api.admin).get_json()["items"][0]["nip"]
    text = EMPLOYEES + "\n".join([
        "19661301 198803 1 001,Bad Date,PNS,DINKES,,,,",
        "196608011988031001,Twice In File,PNS,DINKES,,,,",
        f"{existing},Already There,PNS,DINKES,,,,",
        "197002152000032006,No Such Department,PNS,DINSOS,,,,",
        "197002152000032007,Bad Rank,PNS,DINKES,V/z,,,",
        "197002152000032008,,PNS,DINKES,,,,",
        "197002152000032009,Extra Cells,PNS,DINKES,,,,,surplus",
    ]) + "\n"
    before = written(api)
    resp = post_csv(api, "employees", text, dry_run=True)
    assert resp.status_code == 200, resp.get_json()
    report = resp.get_json()
    assert (report["dry_run"], report["rows"], report["valid_rows"], report["imported"]) == (True, 10, 3, 0)
    by_line = {(e["line"], e["field"]) for e in report["errors"]}
    assert by_line == {(5, "nip"), (6, "nip"), (7, "nip"), (8, "department_code"), (9, "rank"), (10, "name"),
                       (11, "_row")}
    messages = {e["line"]: e["message"] for e in report["errors"]}
    assert "birth date" in messages[5] and "line 2" in messages[6] and "already exists" in messages[7]
    assert written(api) == before


def test_a_real_import_with_one_bad_row_writes_nothing(api):
    before = written(api)
    resp = post_csv(api, "employees", EMPLOYEES + "19661301 198803 1 001,Bad Date,PNS,DINKES,,,,\n")
    assert resp.status_code == 422 and resp.mimetype == "application/problem+json"
    body = resp.get_json()
    assert "nothing was imported" in body["detail"]
    assert list(body["errors"]) == ["line 5"] and body["errors"]["line 5"][0].startswith("nip: ")
    assert written(api) == before


def test_an_operator_imports_only_their_own_departments_staff(api):
    text = EMPLOYEES.replace("PPPK,DINKES", "PPPK,DISDIK")
    resp = post_csv(api, "employees", text, headers=api.dinkes, dry_run=True)
    assert [(e["line"], e["field"]) for e in resp.get_json()["errors"]] == [(4, "department_code")]
    assert post_csv(api, "employees", text, headers=api.viewer).status_code == 403
    assert post_csv(api, "employees", EMPLOYEES, headers=api.dinkes).status_code == 200


def test_a_spreadsheet_with_semicolons_a_bom_and_spaces_in_the_header_is_read(api):
    text = "\ufeffNIP;Name;Employee Type;Department Code\n19660801 198803 1 001;Siti Aminah;PNS;DINKES\n"
    resp = post_csv(api, "employees", text)
    assert resp.status_code == 200 and resp.get_json()["imported"] == 1, resp.get_json()


def test_a_multipart_upload_is_read_too(api):
    resp = api.client.post("/api/v1/imports/employees", headers=api.admin, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(EMPLOYEES.encode()), "pegawai.csv")})
    assert resp.status_code == 200 and resp.get_json()["imported"] == 3, resp.get_json()


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("nip,name\n", "Missing column"),
    ("nip,name,employee_type,department_code,salary\n1,2,3,4,5\n", "Unknown column"),
    ("nip,name,employee_type,department_code\n", "no rows"),
])
def test_a_file_that_cannot_be_imported_says_why(api, text, reason):
    resp = post_csv(api, "employees", text)
    assert resp.status_code == 422 and reason in resp.get_json()["detail"]


def test_not_utf8_or_not_csv_is_refused(api):
    resp = api.client.post("/api/v1/imports/employees", data="nip;nama\nÄ".encode("latin-1"),
                           content_type="text/csv", headers=api.admin)
    assert resp.status_code == 422 and "UTF-8" in resp.get_json()["detail"]
    resp = api.client.post("/api/v1/imports/employees", json={"nip": "x"}, headers=api.admin)
    assert resp.status_code == 415


TRAINING = """nip,programme_code,start_date,end_date,jp,status,certificate_number
{nip},TEKNIS-01,2026-03-09,2026-03-10,,completed,C-1
{nip},TEKNIS-01,2026-04-01,2026-04-02,10,completed,C-2
{nip},TEKNIS-01,2026-05-01,2026-05-02,,completed,
"""


@pytest.fixture
def trainee(api):
    seed.programme(api.client, api.admin, "TEKNIS-01", jp=12)
    emp = api.employee()
    return api.client.get(f"/api/v1/employees/{emp['id']}", headers=api.admin).get_json()


def test_training_records_are_imported_by_nip_with_their_events(api, trainee):
    resp = post_csv(api, "training-records", TRAINING.format(nip=trainee["nip"]))
    assert resp.status_code == 200 and resp.get_json()["imported"] == 3, resp.get_json()
    events = api.events("personnel.training.")
    assert [e["data"]["jp"] for e in events] == [12, 10, 12]
    assert {e["data"]["department_code"] for e in events} == {"DINKES"}
    competence = api.client.get(f"/api/v1/employees/{trainee['id']}/competence?year=2026",
                                headers=api.admin).get_json()
    assert competence["jp"]["total"] == 34


def test_bad_training_rows_are_reported_by_line(api, trainee):
    seed.training(api.client, api.admin, trainee["id"], end="2026-03-11", certificate_number="C-OLD")
    nip = trainee["nip"]
    text = TRAINING.format(nip=nip) + "\n".join([
        "197002152000032005,TEKNIS-01,2026-03-09,2026-03-10,,completed,",
        f"{nip},NO-SUCH,2026-03-09,2026-03-10,,completed,",
        f"{nip},TEKNIS-01,2026-03-09,2026-03-08,,completed,",
        f"{nip},TEKNIS-01,2026-03-09,2099-03-10,,completed,",
        f"{nip},TEKNIS-01,2026-03-09,2026-03-10,0,completed,",
        f"{nip},TEKNIS-01,2026-03-09,2026-03-10,1001,completed,",
        f"{nip},TEKNIS-01,2026-03-09,2026-03-10,,completed,C-1",
        f"{nip},TEKNIS-01,2026-03-09,2026-03-10,,completed,C-OLD",
        f"{nip},TEKNIS-01,2026/03/10,2026-03-10,,completed,",
    ]) + "\n"
    before = written(api)
    report = post_csv(api, "training-records", text, dry_run=True).get_json()
    assert [(e["line"], e["field"]) for e in report["errors"]] == [
        (5, "nip"), (6, "programme_code"), (7, "end_date"), (8, "end_date"), (9, "jp"), (10, "jp"),
        (11, "certificate_number"), (12, "certificate_number"), (13, "start_date")]
    assert "line 2" in report["errors"][6]["message"] and "already" in report["errors"][7]["message"]
    assert post_csv(api, "training-records", text).status_code == 422
    assert written(api) == before


def test_an_operator_imports_training_only_for_their_own_staff(api, trainee):
    report = post_csv(api, "training-records", TRAINING.format(nip=trainee["nip"]), headers=api.disdik,
                      dry_run=True).get_json()
    assert {e["field"] for e in report["errors"]} == {"nip"} and len(report["errors"]) == 3


def test_a_dry_run_answers_an_unknown_nip_and_another_departments_nip_alike(api, trainee):
    """An operator must not learn from a dry run whether a NIP exists, or in which department."""
    unknown = "197002152000032005"
    text = TRAINING.format(nip=trainee["nip"]).splitlines()[:2] + [f"{unknown},TEKNIS-01,2026-03-09,2026-03-10,,completed,"]
    errors = post_csv(api, "training-records", "\n".join(text) + "\n", headers=api.disdik, dry_run=True).get_json()["errors"]
    theirs, nobodys = ({k: v.replace(n, "<nip>") for k, v in e.items() if k != "line"}
                       for e, n in zip(errors, (trainee["nip"], unknown), strict=True))
    assert theirs == nobodys and "DINKES" not in str(errors)
    employees = EMPLOYEES.splitlines()[0] + f"\n{trainee['nip']},Menyamar,PNS,DISDIK,,,,\n"
    for update in (False, True):
        [error] = post_csv(api, "employees", employees, headers=api.disdik, dry_run=True, update=update).get_json()["errors"]
        assert "DINKES" not in str(error) and "ask BKPSDM" in error["message"]


def test_nips_of_the_wrong_length_are_reported_in_the_domains_words(api, trainee):
    text = EMPLOYEES + "19660801 198803 1 01,Short Nip,PNS,DINKES,,,,\n1.97002E+17,From Excel,PNS,DINKES,,,,\n"
    report = post_csv(api, "employees", text, dry_run=True).get_json()
    messages = {e["line"]: (e["field"], e["message"]) for e in report["errors"]}
    assert messages[5] == ("nip", "a NIP has exactly 18 digits; this one has 17")
    assert messages[6][0] == "nip" and "spreadsheet shortened (1.97002E+17)" in messages[6][1]
    text = "nip,programme_code,start_date,end_date\n1,98001E+17,TEKNIS-01,2026-03-09,2026-03-10\n".replace(
        "1,98001E+17", '"1,98001E+17"')
    [error] = post_csv(api, "training-records", text, dry_run=True).get_json()["errors"]
    assert (error["field"], error["message"][:27]) == ("nip", "a NIP has exactly 18 digits")
    assert "format the column as text" in error["message"]


def test_a_training_already_recorded_or_twice_in_the_file_is_reported_by_line(api, trainee):
    existing = seed.training(api.client, api.admin, trainee["id"], end="2026-03-11")
    nip = trainee["nip"]
    text = TRAINING.format(nip=nip) + "\n".join([
        f"{nip},TEKNIS-01,2026-03-09,2026-03-11,,completed,",  # recorded before
        f"{nip},TEKNIS-01,2026-04-01,2026-04-02,,planned,",  # the same training as line 3
    ]) + "\n"
    before = written(api)
    report = post_csv(api, "training-records", text, dry_run=True).get_json()
    assert [(e["line"], e["field"]) for e in report["errors"]] == [(5, "_row"), (6, "_row")]
    assert existing["id"] in report["errors"][0]["message"] and "line 3" in report["errors"][1]["message"]
    assert post_csv(api, "training-records", text).status_code == 422
    assert written(api) == before
