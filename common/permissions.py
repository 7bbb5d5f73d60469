"""The permission decorator every view uses: named rules from the `rules` package, denied by default.

Anonymous people are sent to sign in. A form they sent after their session ended is not lost: its text is
kept as a draft (common.drafts), and sign-in leads back to the page that shows the form, never to a URL that
only takes POST. A POST-only view names that page with `form_page`.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _
from rules.contrib.views import permission_required as rules_permission_required

from .drafts import FormPage, draft_keep, form_page_for


def login_required(view=None, *, form_page: FormPage = None):
    """Only signed-in people; anyone else signs in first and comes back (see the module's docstring).

    `form_page`: for a view that takes only POST, the page showing its form, as a URL name reversed with the
    view's first URL argument (if any). The view keeps it as an attribute, so the CSRF failure view
    (common.views.csrf_failure) can send the browser to the same page.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            return sign_in_first(request, form_page=form_page, args=args, kwargs=kwargs)

        wrapper.keeps_drafts = True
        wrapper.form_page = form_page
        return wrapper

    return decorator if view is None else decorator(view)


def sign_in_first(request, *, form_page: FormPage, args=(), kwargs=None):
    """The redirect to sign in; for a POST, after keeping its text as the draft of the page showing the form.

    Side effects for a POST: writes the session (the draft) and adds a message for the sign-in page.
    """
    if request.method != "POST":
        return redirect_to_login(request.get_full_path())
    page = form_page_for(request, form_page, args, kwargs)
    if draft_keep(request, page=page):
        messages.info(request, _("You were signed out, so nothing was sent. Sign in and what you typed is back."))
    else:
        messages.info(request, _("You were signed out, so nothing was sent. Sign in to carry on."))
    return redirect_to_login(page)


def permission_required(perm, fn=None, *, form_page: FormPage = None):
    """Deny by default: anonymous people are sent to sign in, signed-in people without the permission get a 403.

    `fn` loads the object the rule checks (common.loading.object_loader); `form_page` as for login_required.
    """

    def decorator(view):
        return login_required(rules_permission_required(perm, fn=fn, raise_exception=True)(view), form_page=form_page)

    return decorator
