from django import forms
from django.contrib import admin
from django.db import models

from members.admin import CoordinatorAdmin

from .models import (
    Community,
    CommunityOrganisation,
    Membership,
    Partner,
    Partnership,
    Principle,
    StakeholderLink,
    SuccessMeasure,
)


class CommunityOrganisationInline(admin.TabularInline):
    model = CommunityOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "status", "created_at", "decided_at", "decided_by", "invited_by"]
    readonly_fields = ["created_at", "decided_at", "decided_by", "invited_by"]


class StakeholderLinkInline(admin.TabularInline):
    model = StakeholderLink
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "started_on", "note"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


@admin.register(Community)
class CommunityAdmin(CoordinatorAdmin):
    list_display = ["name", "short_name", "is_active", "created_at"]
    list_filter = ["is_active", "themes", "rightsholder_groups"]
    search_fields = ["name", "short_name", "purpose"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["themes", "rightsholder_groups"]
    inlines = [CommunityOrganisationInline, MembershipInline, StakeholderLinkInline]


@admin.register(Membership)
class MembershipAdmin(CoordinatorAdmin):
    list_display = ["person", "community", "role", "status", "created_at", "decided_at"]
    list_filter = ["community", "role", "status"]
    search_fields = ["person__email", "person__display_name", "community__name"]
    autocomplete_fields = ["person"]
    readonly_fields = ["created_at", "decided_at", "decided_by", "invited_by"]


@admin.register(StakeholderLink)
class StakeholderLinkAdmin(CoordinatorAdmin):
    list_display = ["organisation", "community", "role", "started_on"]
    list_filter = ["community", "role"]
    search_fields = ["organisation__name", "community__name", "note"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by", "created_at"]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    autocomplete_fields = ["organisation", "representative"]


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


class SuccessMeasureInline(admin.TabularInline):
    model = SuccessMeasure
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(CoordinatorAdmin):
    list_display = ["name", "community", "next_review_on"]
    search_fields = ["name"]
    inlines = [PartnerInline, PrincipleInline, SuccessMeasureInline]
