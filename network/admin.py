from django.contrib import admin

from members.admin import CoordinatorAdmin

from .models import (
    Attachment,
    Challenge,
    ChallengeAgendaLink,
    Notification,
    Reply,
    Report,
    Resource,
    Statement,
    WorkPlan,
)


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    fields = ["author", "body", "is_accepted", "is_hidden", "hidden_reason", "created_at"]
    readonly_fields = ["author", "created_at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["uploaded_by", "uploaded_at", "size"]


@admin.register(Challenge)
class ChallengeAdmin(CoordinatorAdmin):
    list_display = ["title", "author", "organisation", "status", "community", "is_hidden", "created_at"]
    list_filter = ["status", "is_hidden", "community", "themes"]
    search_fields = ["title", "body", "author__email", "author__display_name"]
    readonly_fields = ["author", "created_at", "edited_at", "last_activity_at", "hidden_by", "hidden_at"]
    exclude = ["client_key", "search_vector"]
    inlines = [ReplyInline, AttachmentInline]


@admin.register(Report)
class ReportAdmin(CoordinatorAdmin):
    list_display = ["reporter", "challenge", "reply", "reason", "created_at", "resolved_at"]
    list_filter = ["resolved_at"]
    readonly_fields = ["reporter", "challenge", "reply", "created_at"]


@admin.register(Resource)
class ResourceAdmin(CoordinatorAdmin):
    list_display = ["title", "kind", "is_public", "download_count", "created_by", "created_at"]
    list_filter = ["kind", "is_public", "themes"]
    search_fields = ["title", "summary", "tags"]
    exclude = ["search_vector"]


@admin.register(ChallengeAgendaLink)
class ChallengeAgendaLinkAdmin(CoordinatorAdmin):
    list_display = ["challenge", "agenda_item", "scheduled_by", "scheduled_at"]


@admin.register(Notification)
class NotificationAdmin(CoordinatorAdmin):
    list_display = ["recipient", "kind", "actor", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email"]


@admin.register(WorkPlan)
class WorkPlanAdmin(CoordinatorAdmin):
    list_display = ["title", "community", "created_at"]
    list_filter = ["community"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(Statement)
class StatementAdmin(CoordinatorAdmin):
    """Moves between draft, open, closed and published happen on the statement's page, through its services
    (publishing mails those who signed): here the status and its dates are only read."""

    list_display = ["title", "community", "status", "signature_count", "published_at"]
    list_filter = ["status", "community"]
    search_fields = ["title"]
    readonly_fields = [
        "status", "signature_count", "created_by", "created_at", "opened_at", "closed_at", "published_at",
    ]  # fmt: skip
