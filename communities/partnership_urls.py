# URL names are <entity>_<verb> (see communities/urls.py). Mounted at /partnerships/ under their own namespace.

from django.urls import path

from .views import partnerships as views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="partnership_list"),
    path("new/", views.partnership_create, name="partnership_create"),
    path("<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("<int:pk>/edit/", views.partnership_update, name="partnership_update"),
    path("<int:pk>/partners/new/", views.partner_create, name="partner_create"),
    path("<int:pk>/partners/<int:partner>/remove/", views.partner_delete, name="partner_delete"),
    path("<int:pk>/principles/new/", views.principle_create, name="principle_create"),
    path("<int:pk>/measures/new/", views.measure_create, name="measure_create"),
    path("<int:pk>/reviews/new/", views.review_open, name="review_open"),
    path("<int:pk>/reviews/<int:number>/", views.review_detail, name="review_detail"),
    path("<int:pk>/reviews/<int:number>/answer/", views.review_answer, name="review_answer"),
    path("<int:pk>/reviews/<int:number>/close/", views.review_close, name="review_close"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("<int:pk>/actions/<int:action>/done/", views.action_set_done, name="action_set_done"),
]
