"""Reporting's use cases: what the API, the pages and the worker ask of the read models, one module per group."""
