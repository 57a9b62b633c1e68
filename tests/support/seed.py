"""Small API helpers the tests use to put realistic data into personnel."""
from __future__ import annotations

import itertools

_seq = itertools.count(1)

NIPS = "19800101 200501 1 {:03d}"


def department(client, headers, code="DINKES", name="Dinas Kesehatan", type_="dinas", parent=None):
    resp = client.post("/api/v1/departments", json={"code": code, "name": name, "type": type_,
                                                   "parent_code": parent}, headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def employee(client, headers, department_code="DINKES", employee_type="PNS", position_type="pelaksana",
             tmt_jabatan=None, name=None):
    n = next(_seq)
    body = {"nip": NIPS.format(n), "name": name or f"Pegawai {n}", "employee_type": employee_type,
            "department_code": department_code, "rank": "III/a", "position_title": "Analis",
            "position_type": position_type, "tmt_jabatan": tmt_jabatan}
    resp = client.post("/api/v1/employees", json=body, headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def programme(client, headers, code="TEKNIS-01", jp=12, kind="teknis", level=None):
    resp = client.post("/api/v1/training-programmes", json={
        "code": code, "title": f"Pelatihan {code}", "kind": kind, "jp": jp, "leadership_level": level,
    }, headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def training(client, headers, employee_id, programme_code="TEKNIS-01", jp=None, end="2026-03-10", **extra):
    body = {"employee_id": employee_id, "programme_code": programme_code, "start_date": "2026-03-09",
            "end_date": end, **extra}
    if jp is not None:
        body["jp"] = jp
    resp = client.post("/api/v1/training-records", json=body, headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()
