"""Views of the common layer: the page a failed CSRF check leads to."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from .drafts import draft_keep, form_page_for
from .permissions import sign_in_first


def csrf_failure(request, reason=""):
    """A form whose CSRF token no longer matches (the session ended, or the person signed in again in another
    tab) loses nothing: for a form of this site sent to a view of the portal, its text is kept as a draft and
    the browser goes to the page showing the form (through sign-in when needed), where the form is filled in
    again. Anything else gets Django's 403 page. Side effects: writes the session and adds a message.
    """
    view = _portal_view(request) if request.method == "POST" and _sent_from_this_site(request) else None
    if view is None:
        return django_csrf_failure(request, reason=reason)
    func, args, kwargs = view
    if not request.user.is_authenticated:
        return sign_in_first(request, form_page=func.form_page, args=args, kwargs=kwargs)
    page = form_page_for(request, func.form_page, args, kwargs)
    if draft_keep(request, page=page):
        messages.warning(request, _("The form had expired, so nothing was sent."))
    else:
        messages.warning(request, _("The form had expired, so nothing was sent. Please try again."))
    return redirect(page)


def _portal_view(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if not getattr(match.func, "keeps_drafts", False):
        return None
    return match.func, match.args, match.kwargs


def _sent_from_this_site(request) -> bool:
    """The browser says the form was on a page of this site (Origin, else Referer); a form on another site's
    page never leaves a draft here."""
    origin = request.headers.get("origin")
    here = f"{request.scheme}://{request.get_host()}"
    if origin:
        return origin == here
    referer = request.headers.get("referer", "")
    return referer == here or referer.startswith(here + "/")
