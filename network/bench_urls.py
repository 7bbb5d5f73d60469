"""The project's addresses plus /bench/bare/, served only by network.bench_wsgi for `make bench`."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse(f"ok {request.user.pk}")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("network.urls")),
]
