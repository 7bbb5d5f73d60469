import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.loading import object_loader
from members.models import Organisation
from tests.factories import OrganisationFactory


def test_the_loader_reads_the_object_once_per_request(db, django_assert_num_queries):
    organisation = OrganisationFactory()
    by_slug = object_loader(Organisation, lookup="slug")
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        first = by_slug(request, slug=organisation.slug)
        again = by_slug(request, organisation.slug)
    assert first is again
    assert first == organisation
    with django_assert_num_queries(1):
        by_slug(RequestFactory().get("/"), slug=organisation.slug)


def test_the_loader_answers_404_for_an_unknown_object(db):
    with pytest.raises(Http404):
        object_loader(Organisation)(RequestFactory().get("/"), pk=0)


def test_the_rule_and_the_view_share_one_read_of_the_organisation(coordinator_client):
    organisation = OrganisationFactory()
    with CaptureQueriesContext(connection) as queries:
        response = coordinator_client.get(reverse("members:organisation_update", args=[organisation.slug]))
    assert response.status_code == 200
    reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and 'FROM "members_organisation" WHERE' in q["sql"] and '"slug" =' in q["sql"]
    ]
    assert len(reads) == 1
