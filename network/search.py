"""Full-text search: weighted PostgreSQL search vectors, with a plain fallback for the SQLite quick start."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

SEARCH_CONFIG = "english"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# The vectors themselves are kept by database triggers (migration 0003_search_triggers).


def search(queryset, text: str, *, plain_fields: list[str]):
    """Rank by relevance on PostgreSQL; elsewhere match words in plain_fields."""
    text = text.strip()
    if not text:
        return queryset
    if uses_postgres():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", *queryset.query.order_by)
        )
    condition = Q()
    for word in text.split():
        word_condition = Q()
        for field in plain_fields:
            word_condition |= Q(**{f"{field}__icontains": word})
        condition &= word_condition
    return queryset.filter(condition).distinct()
