from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, User


def _site_has_permission(request):
    user = request.user
    return user.is_active and (user.is_superuser or getattr(user, "is_coordinator", False))


# Coordinators run the network from the admin without being Django superusers.
admin.site.has_permission = _site_has_permission


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
