from django.conf import settings

from .selectors import unread_count

# The main navigation's sections, by the start of the paths they hold (the board's tabs are one section).
NAV_SECTIONS = (
    ("/dashboard/", "dashboard"),
    ("/calendar/", "calendar"),
    ("/challenges/", "challenges"),
    ("/resources/", "challenges"),
    ("/lessons/", "challenges"),
    ("/surveys/", "challenges"),
    ("/communities/", "communities"),
    ("/workplans/", "communities"),
    ("/statements/", "communities"),
    ("/partnerships/", "communities"),
    ("/proposals/", "proposals"),
    ("/members/offers/", "offers"),
    ("/enquiries/", "offers"),
    ("/members/", "members"),
    ("/funding/", "funding"),
    ("/consortia/", "funding"),
)


def nav_section(path: str) -> str:
    """The main navigation's section a page belongs to (marked as current in the menu), or ""."""
    return next((section for prefix, section in NAV_SECTIONS if path.startswith(prefix)), "")


def site(request):
    """What every page needs: the network's name, sign-up, the current menu section and the unread count."""
    context = {
        "NETWORK_NAME": settings.NETWORK_NAME,
        "OPEN_SIGNUP": settings.OPEN_SIGNUP,
        "nav_section": nav_section(getattr(request, "path_info", "")),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_network_member:
        # One small query per page, for the bell in the header.
        context["unread_notifications"] = lambda: unread_count(user)
    return context
