from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from .enums import Role


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is closed unless OPEN_SIGNUP is on; those who sign up wait for approval."""

    def is_open_for_signup(self, request):
        return settings.OPEN_SIGNUP

    def save_user(self, request, user, form, commit=True):
        user.role = Role.PENDING
        return super().save_user(request, user, form, commit=commit)
