"""Days of the past stay in the past: a stakeholder link "since 2030" or a member organisation joining next year
is refused, in the service and on its form."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from communities import services
from communities.enums import StakeholderRole
from communities.models import StakeholderLink
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 1, 3, tzinfo=datetime.UTC)
REFUSAL = "Choose a date from 1 January 1900 to 1 December 2026."


@pytest.fixture(autouse=True)
def on_a_known_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.parametrize("day", [datetime.date(2030, 1, 1), datetime.date(2026, 12, 2), datetime.date(1899, 12, 31)])
def test_a_stakeholder_link_since_a_day_not_yet_come_is_refused(cop_pwd, ilo, cop_facilitator, day):
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_link_create(
            community=cop_pwd, organisation=ilo, role=StakeholderRole.FUNDER, by=cop_facilitator, started_on=day
        )
    assert refused.value.message_dict == {"started_on": [REFUSAL]}
    assert not StakeholderLink.objects.exists()


def test_a_link_cannot_be_moved_into_the_future(cop_pwd, ilo, cop_facilitator):
    link = services.stakeholder_link_create(
        community=cop_pwd, organisation=ilo, role=StakeholderRole.FUNDER, by=cop_facilitator
    )
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_link_update(
            link=link, by=cop_facilitator, role=link.role, note="", started_on=datetime.date(2030, 1, 1)
        )
    assert refused.value.message_dict == {"started_on": [REFUSAL]}


def test_the_link_form_refuses_2030_and_offers_only_past_days(as_user, cop_pwd, ilo, cop_facilitator):
    url = reverse("communities:stakeholder_link_list", args=[cop_pwd.slug])
    response = as_user(cop_facilitator).post(
        url, {"organisation": ilo.pk, "role": StakeholderRole.FUNDER, "started_on": "2030-01-01", "note": ""}
    )
    html = response.content.decode()
    assert REFUSAL in html
    assert 'max="2026-12-01"' in html
    assert not StakeholderLink.objects.exists()


def test_a_member_organisation_cannot_join_tomorrow(cop_pwd, cop_facilitator):
    with pytest.raises(ValidationError) as refused:
        services.organisation_add(
            community=cop_pwd,
            organisation=OrganisationFactory(),
            by=cop_facilitator,
            joined_on=datetime.date(2026, 12, 2),
        )
    assert refused.value.message_dict == {"joined_on": [REFUSAL]}
