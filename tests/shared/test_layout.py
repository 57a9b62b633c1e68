"""The same rooms in every service, and the layering between them, checked (README.md, 'Layout')."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "consultation", "survey", "reporting")
ROOMS = {"__init__.py", "app.py", "worker.py", "config.py", "api", "pages", "workflow", "domain", "db",
         "events.py", "handlers.py", "migrations"}
# Named in README.md's layout, each with its reason.
SPECIAL_ROOMS = {"reporting": {"projections", "reports", "README.md"}, "survey": {"throttle.py", "README.md"}}


def modules(folder: Path):
    return [p for p in folder.rglob("*.py") if "__pycache__" not in p.parts]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_has_only_the_common_rooms(service):
    # (a folder holding nothing but bytecode is a leftover of a moved module, not a room)
    present = {p.name for p in (ROOT / "services" / service).iterdir()
               if p.name != "__pycache__" and not (p.is_dir() and {c.name for c in p.iterdir()} <= {"__pycache__"})}
    assert present <= ROOMS | SPECIAL_ROOMS.get(service, set())
    assert {"app.py", "worker.py", "config.py", "api", "workflow", "domain", "db", "events.py", "handlers.py",
            "migrations"} <= present


@pytest.mark.parametrize("service", SERVICES)
def test_pages_workflows_and_handlers_never_import_the_api(service):
    base = ROOT / "services" / service
    doors = modules(base / "workflow") + modules(base / "pages") + [base / "handlers.py"]
    offenders = {str(p.relative_to(ROOT)): sorted(m for m in imports(p) if m.startswith(f"services.{service}.api"))
                 for p in doors if p.exists()}
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("service", SERVICES)
def test_domain_rules_use_no_framework_environment_or_files(service):
    for path in modules(ROOT / "services" / service / "domain"):
        text = path.read_text()
        assert "os.environ" not in text and "open(" not in text, path
        assert not {m for m in imports(path) if m.split(".")[0] in ("flask", "sqlalchemy", "flask_smorest")}, path


def test_services_never_import_each_other():
    for service in SERVICES:
        for path in modules(ROOT / "services" / service):
            others = {m for m in imports(path) if m.startswith("services.") and not m.startswith(f"services.{service}")}
            assert not others, f"{path.relative_to(ROOT)} imports {others}"


def test_exactly_one_module_reads_the_idempotency_key_header():
    readers = [str(p.relative_to(ROOT)) for p in modules(ROOT / "services") + modules(ROOT / "shared")
               if "Idempotency-Key" in p.read_text() and "request.headers" in p.read_text()]
    assert readers == ["shared/web/idempotency.py"]


def test_workflows_and_domain_raise_typed_errors_not_http_ones():
    for service in SERVICES:
        for room in ("workflow", "domain"):
            for path in modules(ROOT / "services" / service / room):
                text = path.read_text()
                assert "abort(" not in text and "HTTPException" not in text, path
