import pytest
from django.urls import reverse

from tests.factories import StakeholderLinkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["community", "membership", "stakeholderlink"])
def test_coordinator_uses_the_admin(coordinator_client, cop_member, model):
    StakeholderLinkFactory()
    assert coordinator_client.get(reverse(f"admin:communities_{model}_changelist")).status_code == 200
    assert coordinator_client.get(reverse(f"admin:communities_{model}_add")).status_code == 200


def test_coordinator_opens_a_community_with_its_inlines(coordinator_client, cop_pwd, cop_member):
    html = coordinator_client.get(reverse("admin:communities_community_change", args=[cop_pwd.pk])).content.decode()
    assert f'<option value="{cop_member.pk}" selected>' in html
    assert "stakeholder_links-TOTAL_FORMS" in html


def test_a_facilitator_is_kept_out_of_the_admin(as_user, cop_facilitator):
    response = as_user(cop_facilitator).get(reverse("admin:communities_community_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
