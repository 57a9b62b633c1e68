"""Registering, correcting and searching employees, on PostgreSQL."""
from services.personnel.db.models import Employee
from tests.personnel.conftest import OUTBOX, count

NIP = "19660801 198803 1 001"


def register(api, headers=None, **overrides):
    body = {"nip": NIP, "name": "Siti Aminah", "employee_type": "PNS", "department_code": "DINKES",
            "rank": "iv/a", "position_title": "Kepala Dinas", "position_type": "jpt_pratama",
            "tmt_jabatan": "2025-02-01", "education": "s2", **overrides}
    return api.client.post("/api/v1/employees", json=body, headers=headers or api.admin)


def test_registering_derives_birth_date_and_gender_from_the_nip(api):
    resp = register(api)
    assert resp.status_code == 201, resp.get_json()
    emp = resp.get_json()
    assert emp["nip"] == "196608011988031001"
    assert (emp["birth_date"], emp["gender"]) == ("1966-08-01", "male")
    assert (emp["rank"], emp["rank_name"]) == ("IV/a", "Pembina")
    [event] = api.events("personnel.employee.")
    assert event["type"] == "personnel.employee.registered" and event["subject"] == emp["id"]
    assert event["data"]["position_type"] == "jpt_pratama" and event["data"]["department_code"] == "DINKES"
    assert "nip" not in event["data"] and "birth_date" not in event["data"]


def test_the_first_position_starts_the_appointment_history(api):
    emp = register(api).get_json()
    history = api.client.get(f"/api/v1/employees/{emp['id']}/appointments", headers=api.admin).get_json()
    assert [(a["position_type"], a["tmt_jabatan"]) for a in history["items"]] == [("jpt_pratama", "2025-02-01")]


def test_a_wrong_nip_says_which_part_is_wrong(api):
    resp = register(api, nip="19661301 198803 1 001")
    assert resp.status_code == 422
    assert resp.mimetype == "application/problem+json"
    assert "digits 1-8 (birth date)" in resp.get_json()["errors"]["nip"][0]


def test_a_birth_date_that_contradicts_the_nip_is_rejected(api):
    resp = register(api, birth_date="1970-01-01")
    assert resp.status_code == 422
    assert "1966-08-01" in resp.get_json()["errors"]["nip"][0]


def test_every_field_is_checked(api):
    resp = register(api, rank="V/a", position_type="kepala", status="gone", education="phd",
                    employee_type="honorer", department_code="dinkes kota", unexpected=1)
    assert resp.status_code == 422
    assert set(resp.get_json()["errors"]) == {"rank", "position_type", "status", "education", "employee_type",
                                              "department_code", "unexpected"}
    assert count(api.db, Employee) == 0


def test_the_same_nip_twice_is_a_conflict_and_leaves_nothing_behind(api):
    assert register(api).status_code == 201
    before = count(api.db, OUTBOX)
    resp = register(api, nip=NIP.replace(" ", ""), name="Someone Else")
    assert resp.status_code == 409
    assert resp.get_json()["title"] == "Conflict"
    assert (count(api.db, Employee), count(api.db, OUTBOX)) == (1, before)


def test_unknown_or_dissolved_department_is_rejected(api):
    assert register(api, department_code="NOPE").status_code == 422
    api.client.patch("/api/v1/departments/DISDIK", json={"status": "dissolved"}, headers=api.admin)
    resp = register(api, department_code="DISDIK")
    assert resp.status_code == 422 and "dissolved" in resp.get_json()["errors"]["department_code"][0]


def test_a_correction_emits_updated_with_the_next_version(api):
    emp = register(api).get_json()
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"name": "Siti Aminah, S.KM", "rank": "IV/b"},
                            headers=api.admin)
    assert resp.status_code == 200, resp.get_json()
    assert (resp.get_json()["rank_name"], resp.get_json()["version"]) == ("Pembina Tingkat I", 2)
    event = api.events("personnel.employee.")[-1]
    assert (event["type"], event["sequence"], event["data"]["name"]) == (
        "personnel.employee.updated", 2, "Siti Aminah, S.KM")


def test_a_new_status_emits_status_changed(api):
    emp = register(api).get_json()
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"status": "retired", "status_reason": "Batas usia pensiun", "decree_number": "SK-PENSIUN-1"}, headers=api.admin)
    assert resp.status_code == 200
    event = api.events("personnel.employee.")[-1]
    assert (event["type"], event["sequence"], event["data"]["status"]) == (
        "personnel.employee.status_changed", 2, "retired")


def test_a_correction_and_a_status_change_are_two_events(api):
    emp = register(api).get_json()
    api.client.patch(f"/api/v1/employees/{emp['id']}", json={"status": "on_leave", "education": "s3"},
                     headers=api.admin)
    types = [(e["type"], e["sequence"]) for e in api.events("personnel.employee.")]
    assert types[1:] == [("personnel.employee.updated", 2), ("personnel.employee.status_changed", 3)]


def test_an_unchanged_value_emits_nothing(api):
    emp = register(api).get_json()
    before = count(api.db, OUTBOX)
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"name": "Siti Aminah"}, headers=api.admin)
    assert resp.status_code == 200 and resp.get_json()["version"] == 1
    assert count(api.db, OUTBOX) == before


def test_the_position_changes_only_by_appointment(api):
    emp = register(api).get_json()
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"position_type": "pelaksana"},
                            headers=api.admin)
    assert resp.status_code == 422
    assert "appointments" in resp.get_json()["errors"]["position_type"][0]


def test_a_corrected_nip_brings_its_own_birth_date(api):
    emp = register(api).get_json()
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"nip": "197002152000032005"},
                            headers=api.admin)
    assert resp.status_code == 200, resp.get_json()
    assert (resp.get_json()["birth_date"], resp.get_json()["gender"]) == ("1970-02-15", "female")


def test_bad_corrections_change_nothing(api):
    emp = register(api).get_json()
    other = register(api, nip="197002152000032005", name="Rina").get_json()
    before = count(api.db, OUTBOX)
    url = f"/api/v1/employees/{emp['id']}"
    assert api.client.patch(url, json={"nip": other["nip"]}, headers=api.admin).status_code == 409
    assert api.client.patch(url, json={"birth_date": "1966-08-02"}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={"gender": "female"}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={}, headers=api.admin).status_code == 422
    assert api.client.patch(url, json={"department_code": "NOPE"}, headers=api.admin).status_code == 422
    assert api.client.patch("/api/v1/employees/no-such-id", json={"name": "X Y"},
                            headers=api.admin).status_code == 404
    assert count(api.db, OUTBOX) == before
    assert api.client.get(url, headers=api.admin).get_json()["version"] == 1


def test_search_by_name_nip_department_rank_and_position_type(api):
    register(api)
    register(api, nip="197002152000032005", name="Rina Marpaung", department_code="DISDIK", rank="III/c",
             position_type="pelaksana", position_title="Pengelola Data")

    def names(query):
        body = api.client.get(f"/api/v1/employees?{query}", headers=api.admin).get_json()
        return [e["name"] for e in body["items"]]

    assert names("q=rina") == ["Rina Marpaung"]
    assert names("q=19700215") == ["Rina Marpaung"]
    assert names("q=1966 0801") == ["Siti Aminah"]
    assert names("department_code=DINKES") == ["Siti Aminah"]
    assert names("rank=3c") == ["Rina Marpaung"]
    assert names("position_type=jpt_pratama") == ["Siti Aminah"]
    assert names("q=%25") == []  # a wildcard typed by the user matches only itself
    page = api.client.get("/api/v1/employees?page_size=1&page=2", headers=api.admin).get_json()
    assert (page["total"], [e["name"] for e in page["items"]]) == (2, ["Siti Aminah"])
    assert api.client.get("/api/v1/employees?rank=VII", headers=api.admin).status_code == 422


def test_a_nip_of_the_wrong_length_gets_the_domains_own_message(api):
    resp = register(api, nip="19660801 198803 1 01")
    assert resp.status_code == 422
    assert resp.get_json()["errors"]["nip"] == ["a NIP has exactly 18 digits; this one has 17"]
    emp = register(api).get_json()
    resp = api.client.patch(f"/api/v1/employees/{emp['id']}", json={"nip": "1966080119880310011"},
                            headers=api.admin)
    assert resp.status_code == 422 and resp.get_json()["errors"]["nip"][0].startswith("a NIP has exactly 18 digits")


def test_a_nip_a_spreadsheet_shortened_is_explained(api):
    resp = register(api, nip="1,96608E+17")
    assert resp.status_code == 422
    [message] = resp.get_json()["errors"]["nip"]
    assert message.startswith("a NIP has exactly 18 digits; this looks like a number a spreadsheet shortened "
                              "(1,96608E+17)") and "format the column as text" in message
    assert count(api.db, Employee) == 0


def test_a_nip_appointed_before_the_age_of_18_is_refused(api):
    resp = register(api, nip="20000501 201503 1 001")
    assert resp.status_code == 422
    assert "younger than 18" in resp.get_json()["errors"]["nip"][0]
    assert register(api, nip="20000501 201805 1 001").status_code == 201
