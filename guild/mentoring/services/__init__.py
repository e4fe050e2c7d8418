"""Writes of the mentoring app: pools and opt-in, places (ADR 20), rounds, pairs and
their notices."""
