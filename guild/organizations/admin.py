from typing import Any

from django.contrib import admin

from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)
from guild.organizations.selectors import reference_choices_clear


class ReferenceAdmin(admin.ModelAdmin):
    """Edits show at once in filters, which cache the reference lists."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        reference_choices_clear()

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)
        reference_choices_clear()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        reference_choices_clear()


class WorkStreamInline(admin.TabularInline):
    model = WorkStream
    extra = 0


@admin.register(Community)
class CommunityAdmin(ReferenceAdmin):
    list_display = ["code", "name_en", "name_fr", "approval_required", "is_active"]
    inlines = [WorkStreamInline]


@admin.register(WorkStream)
class WorkStreamAdmin(ReferenceAdmin):
    list_display = ["code", "community", "name_en", "name_fr", "order", "is_active"]
    list_filter = ["community", "is_active"]


@admin.register(Department)
class DepartmentAdmin(ReferenceAdmin):
    list_display = ["code", "acronym_en", "acronym_fr", "name_en", "name_fr", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "acronym_en", "acronym_fr", "name_en", "name_fr"]


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ["code", "name_en", "name_fr", "order", "is_active"]


class OccupationalLevelInline(admin.TabularInline):
    model = OccupationalLevel
    extra = 0
    readonly_fields = ["code"]


@admin.register(OccupationalGroup)
class OccupationalGroupAdmin(ReferenceAdmin):
    list_display = ["code", "name_en", "name_fr", "is_active"]
    inlines = [OccupationalLevelInline]
