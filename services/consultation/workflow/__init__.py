"""Consultation's use cases, one module per group, each taking (session, principal, now, ...) explicitly."""
