import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("dashboard", "dashboard_detail"),
    ("calendar", "events:meeting_calendar"),
    ("challenges", "network:challenge_list"),
    ("funding", "network:opportunity_list"),
    ("communities", "communities:community_list"),
    ("proposals", "proposals:proposal_list"),
    ("members", "members:organisation_list"),
    ("offers", "members:offer_list"),
]


def main_nav(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize(("section", "url_name"), SECTIONS, ids=[section for section, _ in SECTIONS])
def test_each_section_is_marked_current_on_its_own_page(member_client, section, url_name):
    url = reverse(url_name)
    response = member_client.get(url)
    assert response.status_code == 200
    nav = main_nav(response.content.decode())
    assert f'<a href="{url}" aria-current="page">' in nav
    assert nav.count('aria-current="page"') == 1


def test_the_resource_centre_belongs_to_the_challenges_section(member_client):
    nav = main_nav(member_client.get(reverse("network:resource_list")).content.decode())
    assert f'<a href="{reverse("network:challenge_list")}" aria-current="page">' in nav
    assert nav.count('aria-current="page"') == 1


def test_the_enquiries_belong_to_the_marketplace(member_client):
    nav = main_nav(member_client.get(reverse("network:enquiry_list")).content.decode())
    assert f'<a href="{reverse("members:offer_list")}" aria-current="page">' in nav
    assert nav.count('aria-current="page"') == 1


def test_a_page_outside_the_sections_marks_none(member_client):
    nav = main_nav(member_client.get(reverse("network:notification_list")).content.decode())
    assert 'aria-current="page"' not in nav
