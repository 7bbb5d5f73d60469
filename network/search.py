"""Full-text search: weighted PostgreSQL search vectors, with a plain fallback for the SQLite quick start.

Khmer is written without spaces between words, so both the indexed text and the query have their Khmer words
spaced apart first (common.text.segment_khmer, ICU's dictionary word break).
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from common.text import highlight, segment_khmer, words

SEARCH_CONFIG = "english"


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# The vectors themselves are kept by database triggers (migrations 0003_search_triggers and
# 0005_khmer_search_words), from the texts' copies with Khmer words spaced apart (common.fields.SegmentedTextField).


def search(queryset, text: str, *, plain_fields: list[str]):
    """Rank by relevance on PostgreSQL; elsewhere match words in plain_fields."""
    text = segment_khmer(text.strip())
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


def matching_words(texts: Iterable[str], text: str) -> set[str]:
    """The words of `texts` that the search `text` matches, for marking them in results (common.text.highlight).

    On PostgreSQL a word matches when it shares a lexeme with the query, as the search does ("donors" marks
    "donor"); one query for all the texts. Elsewhere a word matches when it contains a query word, as the
    fallback's search does.
    """
    text = segment_khmer(text.strip())
    candidates = {word for value in texts for word in words(value or "") if not word.isspace()}
    if not text or not candidates:
        return set()
    if uses_postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM unnest(%s::text[]) AS word WHERE tsvector_to_array(to_tsvector(%s::regconfig, word))"
                " && tsvector_to_array(to_tsvector(%s::regconfig, %s))",
                [sorted(candidates), SEARCH_CONFIG, SEARCH_CONFIG, text],
            )
            return {word for (word,) in cursor.fetchall()}
    wanted = [word.casefold() for word in text.split()]
    return {word for word in candidates if any(part in word.casefold() for part in wanted)}


EXCERPT_WORDS = 12


def mark_challenges(challenges, text: str) -> None:
    """Mark the search words in a page of challenges: sets `marked_title` and `marked_excerpt` on each.

    The excerpt comes from the body, or else from the first visible reply, that holds a marked word.
    Two queries for the page (the replies, and the words on PostgreSQL).
    """
    from .models import Reply

    challenges = list(challenges)
    replies: dict[int, list[str]] = {}
    for challenge_id, body in Reply.objects.filter(challenge__in=challenges, is_hidden=False).values_list(
        "challenge_id", "body"
    ):
        replies.setdefault(challenge_id, []).append(body)
    _mark(challenges, text, lambda challenge: [challenge.body, *replies.get(challenge.pk, [])])


def mark_resources(resources, text: str) -> None:
    """Mark the search words in a page of resources: sets `marked_title` and `marked_excerpt` (from the summary)."""
    _mark(list(resources), text, lambda resource: [resource.summary, resource.tags])


def _mark(objects, text: str, excerpt_sources) -> None:
    sources = {obj.pk: excerpt_sources(obj) for obj in objects}
    marks = matching_words([obj.title for obj in objects] + [s for texts in sources.values() for s in texts], text)
    wanted = {mark.casefold() for mark in marks}
    for obj in objects:
        obj.marked_title = highlight(obj.title, marks)
        holding = [s for s in sources[obj.pk] if s and any(w.casefold() in wanted for w in words(s))]
        obj.marked_excerpt = highlight(holding[0], marks, around=EXCERPT_WORDS) if holding else ""
