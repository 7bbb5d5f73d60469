"""Every list that can grow is paginated one way: `paginate()` with the `PAGE_SIZE` setting.

    page = paginate(request, filterset.qs)
    render(request, template, {"page": page, "query": query_without_page(request.GET)})

`templates/_pagination.html` builds the previous/next links from `page` and `query`.
"""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import QueryDict

# Directories shown as cards: 24 fills rows of two, three or four cards.
CARD_GRID_PAGE_SIZE = 24


def page_number(request) -> int | str:
    """The `page` the request asks for, as Paginator.get_page accepts it.

    Anything that is not a page number (`?page=abc`, `?page=%00`, `?page=²`, a number too long to parse) gives 1;
    a number past the end gives the last page (that is get_page's part). Digits of other scripts (Khmer ៣)
    are read as the number they write.
    """
    raw = request.GET.get("page", "")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 1


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """The page of `queryset` the request asks for, `per_page` rows (default: settings.PAGE_SIZE). Never raises."""
    return Paginator(queryset, per_page or settings.PAGE_SIZE).get_page(page_number(request))


def query_without_page(data: QueryDict) -> str:
    """The query string of the current filters without the page number, for the pagination links."""
    params = data.copy()
    params.pop("page", None)
    return params.urlencode()
