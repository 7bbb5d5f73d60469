from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import (
    Affiliation,
    AffiliationInvitation,
    ContactPerson,
    ExpertiseTag,
    FocusArea,
    Interaction,
    Invitation,
    JoinRequest,
    Organisation,
    OrganisationChange,
    Region,
    RightsholderGroup,
    User,
)


def _site_has_permission(request):
    user = request.user
    return user.is_active and (user.is_superuser or getattr(user, "is_coordinator", False))


def _admin_login(request, extra_context=None):
    """The admin has no sign-in form of its own: it sends people to the site's (allauth), with its rate
    limits and mandatory e-mail verification, and back to where they were going.

    Someone signed in who may use the admin goes on; anyone else signed in is refused (403).
    """
    admin_index = reverse("admin:index")
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = admin_index
    if request.user.is_authenticated:
        if _site_has_permission(request):
            return redirect(next_url)
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


# Coordinators run the network from the admin without being Django superusers.
admin.site.has_permission = _site_has_permission
admin.site.login = _admin_login


class CoordinatorAdmin(admin.ModelAdmin):
    """Model admin whose permissions come from the model's rules (coordinators), not from Django groups."""

    def has_module_permission(self, request):
        return _site_has_permission(request)

    def _model_perm(self, request, action, obj=None):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj)

    def has_view_permission(self, request, obj=None):
        return self._model_perm(request, "view", obj) or self._model_perm(request, "change", obj)

    def has_add_permission(self, request):
        return self._model_perm(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._model_perm(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._model_perm(request, "delete", obj)


@admin.register(User)
class UserAdmin(CoordinatorAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "role", "is_active", "language", "time_zone", "date_joined", "last_login"]
    list_filter = ["role", "is_active", "language", "is_staff"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["date_joined", "last_login", "approved_at", "approved_by"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "language", "time_zone"]}),
        (_("Role"), {"fields": ["role", "is_active", "approved_at", "approved_by"]}),
        (
            _("Django admin rights"),
            {"classes": ["collapse"], "fields": ["is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "role", "password1", "password2"]})
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        """Only superusers change a superuser or a staff account (their password included); a coordinator
        may still read them, and change their own."""
        privileged = obj is not None and (obj.is_superuser or obj.is_staff) and obj.pk != request.user.pk
        if privileged and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Invitation)
class InvitationAdmin(CoordinatorAdmin):
    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "sent_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "created_at"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["invited_by", "created_at", "sent_at", "accepted_at", "accepted_by", "renewal_requested_at"]
    exclude = ["token_nonce"]

    def has_add_permission(self, request):
        # Invitations are sent from the site, which creates the link and e-mails it.
        return False


@admin.register(FocusArea, RightsholderGroup, ExpertiseTag)
class ReferenceItemAdmin(CoordinatorAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(CoordinatorAdmin):
    list_display = ["name", "country", "kind"]
    list_filter = ["country", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person"]


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(CoordinatorAdmin):
    list_display = ["name", "acronym", "kind", "stakeholder_type", "status", "joined_on"]
    list_filter = ["kind", "stakeholder_type", "status", "focus_areas", "regions"]
    search_fields = ["name", "acronym", "mission"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas", "rightsholder_groups", "regions"]
    inlines = [AffiliationInline, ContactPersonInline]


@admin.register(AffiliationInvitation)
class AffiliationInvitationAdmin(CoordinatorAdmin):
    list_display = ["person", "organisation", "role", "status", "invited_by", "created_at", "answered_at"]
    list_filter = ["status", "role"]
    search_fields = ["person__email", "person__display_name", "organisation__name"]
    readonly_fields = ["person", "organisation", "invited_by", "created_at", "answered_at"]

    def has_add_permission(self, request):
        # Sent from the organisation's people page, which e-mails the person.
        return False


@admin.register(JoinRequest)
class JoinRequestAdmin(CoordinatorAdmin):
    list_display = ["organisation_name", "requested_by", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["organisation_name", "requested_by__email"]
    readonly_fields = ["requested_by", "created_at", "decided_by", "decided_at", "organisation"]


@admin.register(Interaction)
class InteractionAdmin(CoordinatorAdmin):
    list_display = ["organisation", "happened_on", "kind", "recorded_by"]
    list_filter = ["kind", "happened_on"]
    search_fields = ["summary", "organisation__name"]


@admin.register(OrganisationChange)
class OrganisationChangeAdmin(CoordinatorAdmin):
    list_display = ["organisation", "changed_by", "changed_at", "summary"]
    search_fields = ["organisation__name"]
    readonly_fields = ["organisation", "changed_by", "changed_at", "summary", "changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_coordinator
