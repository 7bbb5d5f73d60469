from .enums import Role
from .models import Invitation, User


def invitation_list():
    return Invitation.objects.select_related("invited_by", "accepted_by").order_by("-created_at")


def users_pending_approval():
    return User.objects.filter(role=Role.PENDING, is_active=True).order_by("date_joined")
