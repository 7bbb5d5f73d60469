# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from .. import views
from . import board, funding, lessons, notifications, resources, surveys, trade, workplans

admin.site.site_header = settings.NETWORK_NAME
admin.site.site_title = settings.NETWORK_NAME

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard_detail", permanent=False)),
    path("dashboard/", views.dashboard, name="dashboard_detail"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("communities/", include("communities.urls")),
    path("partnerships/", include("communities.partnership_urls")),
    path("calendar/", include("events.urls")),
    path("proposals/", include("proposals.urls")),
    # One include, so the "network" namespace stays unique and every name in it can be reversed.
    path(
        "",
        include(
            (
                board.urlpatterns
                + resources.urlpatterns
                + notifications.urlpatterns
                + workplans.urlpatterns
                + funding.urlpatterns
                + surveys.urlpatterns
                + lessons.urlpatterns
                + trade.urlpatterns,
                "network",
            )
        ),
    ),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Public uploads (organisation logos) for the quick start; in production the web server serves MEDIA_ROOT.
    # Private files are never here: they live in PRIVATE_MEDIA_ROOT and are served by permission-checked views.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.public_media)]

handler403 = "network.views.error_403"
handler404 = "network.views.error_404"
handler500 = "network.views.error_500"
