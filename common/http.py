"""Where a form may send the browser back to: the `next` address, only when it is on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, fallback: str) -> str:
    """The `next` address posted with the form when it points to this site, else `fallback`.

    An address to another host, or to http:// when the request came over https, is never followed:
    the redirect would otherwise take a signed-in person to a look-alike site.
    """
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback
