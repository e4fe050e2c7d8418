"""Competency data for platform administrators to look at. Writes go through the services
(pages, API), so the admin shows and searches but does not change or delete."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from guild.competencies.models import (
    Assessment,
    AssessmentReminder,
    Competency,
    CompetencySettings,
    CurrentAssessment,
    Framework,
    FrameworkVersion,
    LearningPriority,
    MemberRoleProfile,
    RoleProfile,
    RoleProfileTarget,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ["code", "community", "name_en", "name_fr"]
    list_filter = ["community"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyAdmin):
    list_display = ["framework", "number", "label", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Competency)
class CompetencyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_fr", "version", "family"]
    list_filter = ["version"]
    search_fields = ["code", "name_en", "name_fr"]


class TargetInline(admin.TabularInline):
    model = RoleProfileTarget
    extra = 0
    can_delete = False
    readonly_fields = ["competency", "target"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RoleProfile)
class RoleProfileAdmin(ReadOnlyAdmin):
    list_display = ["name_en", "community", "work_stream", "level", "department"]
    list_filter = ["community", "department"]
    search_fields = ["name_en", "name_fr"]
    inlines = [TargetInline]


@admin.register(MemberRoleProfile)
class MemberRoleProfileAdmin(ReadOnlyAdmin):
    list_display = ["member", "profile", "assigned_at"]
    list_select_related = ["member", "profile"]
    raw_id_fields = ["member"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["member", "competency", "kind", "level", "author", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["member", "competency", "author"]
    raw_id_fields = ["member"]


@admin.register(CurrentAssessment)
class CurrentAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["member", "competency", "self_level", "supervisor_level", "validated_level"]
    list_select_related = ["member", "competency"]


@admin.register(LearningPriority)
class LearningPriorityAdmin(ReadOnlyAdmin):
    list_display = ["community", "competency_code", "weight", "updated_at"]


@admin.register(CompetencySettings)
class CompetencySettingsAdmin(ReadOnlyAdmin):
    list_display = ["community", "assessment_reminder_days", "disclosure_threshold"]


@admin.register(AssessmentReminder)
class AssessmentReminderAdmin(ReadOnlyAdmin):
    list_display = ["member", "basis", "sent_at"]
    raw_id_fields = ["member"]
