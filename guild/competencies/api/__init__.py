"""Competencies JSON API: frameworks (CASE 1.0 and CSV export and import), role profiles, my
assessments and gaps, supervisors' validations, heat maps and learning needs.

Figures hidden by disclosure control are `{"suppressed": true}` wherever a number would be
(`guild.core.api_schemas`), the same for both reasons so the reason itself leaks nothing.

Each module declares its endpoints on its own router; this one router holds them all, for
`config/api.py` to mount."""

from ninja import Router

from guild.competencies.api import (
    assessments,
    figures,
    framework_imports,
    frameworks,
    profiles,
)

router = Router(tags=["competencies"])
# Imports first: `/frameworks/imports` would otherwise match `/frameworks/{framework_id}`.
router.add_router("", framework_imports.router)
router.add_router("", frameworks.router)
router.add_router("", profiles.router)
router.add_router("", assessments.router)
router.add_router("", figures.router)
