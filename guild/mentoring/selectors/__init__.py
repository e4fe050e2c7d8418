"""Reads of the mentoring app: pools and memberships, the engine's inputs and rounds,
pairs, reports."""
