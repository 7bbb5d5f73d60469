"""The object a URL names, fetched once per request for both the permission rule and the view.

    meeting_by_pk = object_loader(Meeting.objects.select_related("series", "community"))

    @permission_required("events.change_meeting", fn=meeting_by_pk)
    def meeting_update(request, pk):
        meeting = meeting_by_pk(request, pk=pk)  # the same object, no second query

The permission decorator calls the loader with the view's arguments; the view calls it again and gets the
object the rule saw. The cache lives on the request, so it ends with the request.
"""

from collections.abc import Callable

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

REQUEST_ATTRIBUTE = "_loaded_objects"


def object_loader(
    source: type[Model] | QuerySet, *, lookup: str = "pk", url_kwarg: str | None = None
) -> Callable[..., Model]:
    """A callable `(request, *args, **kwargs) -> object` for `permission_required(fn=...)` and the view.

    It reads the value of `url_kwarg` (default: the lookup's name) from the view's keyword arguments, or the
    first positional argument, finds the object with `lookup` in `source` (a model or a queryset with its
    `select_related`), raises Http404 when there is none, and keeps it on the request so that a second call
    for the same value does not query again. Side effect: sets a dict attribute on the request.
    """
    url_kwarg = url_kwarg or lookup

    def load(request, *args, **kwargs) -> Model:
        value = kwargs[url_kwarg] if url_kwarg in kwargs else args[0]
        loaded = request.__dict__.setdefault(REQUEST_ATTRIBUTE, {})
        key = (load, str(value))
        if key not in loaded:
            queryset = source.all() if isinstance(source, QuerySet) else source
            loaded[key] = get_object_or_404(queryset, **{lookup: value})
        return loaded[key]

    return load
