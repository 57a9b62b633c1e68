"""Consultation's JSON API: flask-smorest blueprints and their marshmallow schemas."""
