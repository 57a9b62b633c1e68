"""The operator's rebuild command runs under its documented name (docs/operations.md, 'Back up and restore PostgreSQL')."""
import subprocess
import sys


def test_the_rebuild_runs_as_python_m_services_reporting_workflow_rebuild():
    shown = subprocess.run([sys.executable, "-m", "services.reporting.workflow.rebuild", "--help"],
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("usage: python -m services.reporting.workflow.rebuild")
    assert "--exit" in shown.stdout and "--force" in shown.stdout
