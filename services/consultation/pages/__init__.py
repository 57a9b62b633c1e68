"""Consultation's HTML pages: the public report form, the tracking page and the policies open for consultation."""
