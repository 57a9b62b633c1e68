"""Reporting's pages: the evaluation report as a dashboard with charts, and as a printable PDF."""
