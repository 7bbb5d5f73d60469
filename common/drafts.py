"""What a person typed outlives the session it was typed in.

A form sent after the session ended (it expired, or the person signed out in another tab), or with a CSRF
token that no longer matches (they signed in again elsewhere), is not carried out. Its fields are kept in the
session as the draft of the page that shows the form, the browser goes to that page (through sign-in when
needed, never to a URL that only takes POST), and the form there is filled in again: `{% restore_draft form %}`
in templates/_form.html. Nothing is sent again by itself; the person checks it and sends it.

A draft keeps text only: no files, no CSRF token, nothing named like a password. It is bounded in size and
in number, and is dropped when it is older than MAX_AGE or has been restored once.
"""

import time
from urllib.parse import urlsplit

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "common_drafts"
# Characters a draft may hold in all (names and values): room for the longest text a form of the portal takes,
# and a bound on what an anonymous POST can make the session table store.
MAX_CHARACTERS = 100_000
MAX_DRAFTS = 3
MAX_AGE = 12 * 3600
NEVER_KEPT = {"csrfmiddlewaretoken"}

# `form_page` of permission_required: where the form of a POST-only view is shown, as a URL name reversed with
# the view's first URL argument (the challenge, meeting or proposal the URL names), if it has any.
FormPage = str | None


def _is_kept(name: str) -> bool:
    return name not in NEVER_KEPT and "password" not in name.lower()


def form_page_for(request, form_page: FormPage, args=(), kwargs=None) -> str:
    """The path of the page that shows the form this POST came from.

    `form_page` when the view names one; else the page the browser says it came from (the Referer, only on this
    site); else the path posted to, which is right for views that show their form on GET.
    """
    if form_page:
        first = [*args, *(kwargs or {}).values()][:1]
        return reverse(form_page, args=first)
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return _path_of(referer)
    return request.path


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def draft_keep(request, *, page: str) -> bool:
    """Keep the POST's text fields in the session as the draft of `page`. Returns whether anything was kept.

    Nothing is kept when no field holds text (a button such as Follow), or when the fields together are over
    MAX_CHARACTERS. The oldest draft goes when there are more than MAX_DRAFTS. Side effect: writes the session.
    """
    data = {name: request.POST.getlist(name) for name in request.POST if _is_kept(name)}
    if not any(value.strip() for values in data.values() for value in values):
        return False
    size = sum(len(name) + sum(len(value) for value in values) for name, values in data.items())
    if size > MAX_CHARACTERS:
        return False
    drafts = {key: draft for key, draft in _drafts(request).items() if key != _key(page)}
    drafts[_key(page)] = {"data": data, "files": bool(request.FILES), "at": int(time.time())}
    while len(drafts) > MAX_DRAFTS:
        drafts.pop(min(drafts, key=lambda key: drafts[key]["at"]))
    request.session[SESSION_KEY] = drafts
    return True


def _key(page: str) -> str:
    # Restored on the page whatever its query string says, as a page's forms do not depend on it.
    return page.split("?", 1)[0]


def _drafts(request) -> dict:
    drafts = request.session.get(SESSION_KEY)
    if not isinstance(drafts, dict):
        return {}
    now = time.time()
    return {
        key: draft
        for key, draft in drafts.items()
        if isinstance(draft, dict) and now - draft.get("at", 0) <= MAX_AGE and isinstance(draft.get("data"), dict)
    }


def draft_for(request) -> dict | None:
    """The draft kept for the page of this request, if any: {"data": QueryDict, "files": bool}. Reads only."""
    if not hasattr(request, "session"):
        return None
    draft = _drafts(request).get(_key(request.path))
    if draft is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in draft["data"].items():
        data.setlist(name, [str(value) for value in values])
    return {"data": data, "files": draft.get("files", False)}


def draft_drop(request) -> None:
    """Forget the draft of the page of this request. Side effect: writes the session."""
    drafts = _drafts(request)
    drafts.pop(_key(request.path), None)
    if drafts:
        request.session[SESSION_KEY] = drafts
    else:
        request.session.pop(SESSION_KEY, None)


def draft_restore(request, form) -> dict | None:
    """Fill an unbound form with the draft kept for this page, when the draft is for it. Returns the draft used.

    A draft is for a form when one of the form's fields has typed text in it. The values become the form's
    initial values, shaped by each field's widget (a list for multiple choices), so nothing is validated or
    sent; the draft is then dropped. Side effects: changes form.initial and writes the session.
    """
    if form is None or form.is_bound or not request.user.is_authenticated or request.method != "GET":
        return None
    draft = draft_for(request)
    if draft is None:
        return None
    data = draft["data"]
    values = {}
    for bound in form:
        widget = bound.field.widget
        if widget.value_omitted_from_data(data, {}, bound.html_name):
            continue
        values[bound.name] = widget.value_from_datadict(data, {}, bound.html_name)
    typed = [value for name, value in values.items() if not form.fields[name].widget.is_hidden and _has_text(value)]
    if not typed:
        return None
    form.initial.update(values)
    # Bound fields read their initial value once; forget any made before the draft was in.
    form._bound_fields_cache.clear()
    draft_drop(request)
    return draft


def _has_text(value) -> bool:
    if isinstance(value, list | tuple):
        return any(_has_text(item) for item in value)
    return isinstance(value, str) and bool(value.strip())
