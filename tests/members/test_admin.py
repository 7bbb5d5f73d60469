import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_coordinator_uses_the_admin(coordinator_client, member):
    response = coordinator_client.get(reverse("admin:members_user_changelist"))
    assert response.status_code == 200
    assert member.email in response.content.decode()
    assert coordinator_client.get(reverse("admin:members_user_change", args=[member.pk])).status_code == 200
    assert coordinator_client.get(reverse("admin:members_invitation_changelist")).status_code == 200


def test_member_is_kept_out_of_the_admin(member_client):
    response = member_client.get(reverse("admin:members_user_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_coordinator_cannot_grant_superuser(coordinator_client, member):
    url = reverse("admin:members_user_change", args=[member.pk])
    html = coordinator_client.get(url).content.decode()
    assert 'name="is_superuser"' not in html
