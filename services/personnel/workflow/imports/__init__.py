"""Bulk import from CSV: operators' spreadsheets of employees and training records, all rows or none."""
