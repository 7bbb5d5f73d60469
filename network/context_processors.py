from django.conf import settings

from .selectors import unread_count


def site(request):
    context = {"NETWORK_NAME": settings.NETWORK_NAME, "OPEN_SIGNUP": settings.OPEN_SIGNUP}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_network_member:
        # One small query per page, for the bell in the header.
        context["unread_notifications"] = lambda: unread_count(user)
    return context
