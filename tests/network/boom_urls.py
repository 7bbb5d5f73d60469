"""The project's URLs plus one view that fails, to see the 500 page a person gets."""

from django.urls import path

from network.urls import handler403, handler404, handler500  # noqa: F401
from network.urls import urlpatterns as project_urls


def boom(request):
    raise RuntimeError("secret detail")


urlpatterns = [*project_urls, path("boom/", boom)]
