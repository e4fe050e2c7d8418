from django.contrib import admin

from guild.organizations.models import (
    Community,
    Department,
    OccupationalGroup,
    OccupationalLevel,
    Region,
    WorkStream,
)


class WorkStreamInline(admin.TabularInline):
    model = WorkStream
    extra = 0


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "is_active"]
    inlines = [WorkStreamInline]


@admin.register(WorkStream)
class WorkStreamAdmin(admin.ModelAdmin):
    list_display = ["code", "community", "name_en", "name_fr", "order", "is_active"]
    list_filter = ["community", "is_active"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "acronym_en", "acronym_fr", "name_en", "name_fr", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "acronym_en", "acronym_fr", "name_en", "name_fr"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "order", "is_active"]


class OccupationalLevelInline(admin.TabularInline):
    model = OccupationalLevel
    extra = 0
    readonly_fields = ["code"]


@admin.register(OccupationalGroup)
class OccupationalGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "is_active"]
    inlines = [OccupationalLevelInline]
