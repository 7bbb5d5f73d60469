"""Where a form may send the browser back to: the `next` address, only when it is on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, fallback: str) -> str:
    """The `next` address posted with the form when it points to this site, else `fallback`.

    An address to another host, or to http:// when the request came over https, is never followed:
    the redirect would otherwise take a signed-in person to a look-alike site. Only an address is followed
    (a path, or a URL with its scheme), with no control characters: a bare word would be taken for the name
    of a URL pattern by redirect().
    """
    next_url = request.POST.get("next", "")
    if not next_url.startswith(("/", "http://", "https://")) or any(ord(char) < 32 for char in next_url):
        return fallback
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return next_url
    return fallback
