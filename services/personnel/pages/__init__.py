"""Personnel's staff pages (Bahasa Indonesia): employees, appointments, training, imports, socialization and
the department competence page, for BKPSDM's admins and each department's operator."""
