"""Budget lines and key activities have the optimistic lock the proposal text has: an edit based on values
someone else changed meanwhile shows the conflict page and saves nothing; a second click on Save is no conflict."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.domain import parts
from proposals.forms import ActivityForm, BudgetLineForm, ProposalForm
from proposals.models import BudgetLine, KeyActivity
from proposals.services.drafting import PartConflict
from tests.factories import BudgetLineFactory, KeyActivityFactory

pytestmark = pytest.mark.django_db


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def posted(form, **changes) -> dict:
    """What the browser sends for an unbound form as it was opened, with `changes` typed in."""
    data = {}
    for field in form:
        value = field.field.prepare_value(field.value())
        if isinstance(value, list):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return {**data, **changes}


@pytest.fixture
def line(proposal):
    return BudgetLineFactory(
        proposal=proposal, description="Hall for the performance", unit_cost=Decimal("150.00"), quantity=Decimal("1")
    )


@pytest.fixture
def activity(proposal):
    return KeyActivityFactory(proposal=proposal, title="Performance", place="Preah Vihear")


def line_form(proposal, line, person):
    return BudgetLineForm(proposal=proposal, line=line, by=person)


class TestBudgetLines:
    def test_a_second_co_author_saving_an_older_form_gets_the_conflict_page_and_saves_nothing(
        self, proposal, line, author, co_author
    ):
        url = reverse("proposals:budget_line_update", args=[proposal.pk, line.pk])
        hers = posted(line_form(proposal, line, author), description="Hall for the performance, two days")
        his = posted(line_form(proposal, line, co_author), description="Hall and chairs")

        assert browser(author).post(url, hers).status_code == 302
        response = browser(co_author).post(url, his)

        assert response.status_code == 409
        html = response.content.decode()
        assert "Someone saved before you" in html
        assert "Hall for the performance, two days" in html  # theirs
        assert 'value="Hall and chairs"' in html  # yours, kept in the form
        line.refresh_from_db()
        assert line.description == "Hall for the performance, two days"

    def test_changes_to_different_fields_are_merged_into_the_form(self, proposal, line, author, co_author):
        url = reverse("proposals:budget_line_update", args=[proposal.pk, line.pk])
        hers = posted(line_form(proposal, line, author), description="Hall for two days")
        his = posted(line_form(proposal, line, co_author), unit_cost="175.00")
        browser(author).post(url, hers)

        response = browser(co_author).post(url, his)

        assert response.status_code == 409
        form = response.context["form"]
        assert (form.initial["description"], form.initial["unit_cost"]) == ("Hall for two days", "175")
        assert response.context["clashes"] == []
        assert response.context["their_changes"] == ["Description"]
        line.refresh_from_db()
        assert line.unit_cost == Decimal("150.00")
        # Saving the merged form keeps both changes.
        assert browser(co_author).post(url, posted(form)).status_code == 302
        line.refresh_from_db()
        assert (line.description, line.unit_cost) == ("Hall for two days", Decimal("175.00"))

    def test_a_double_click_on_save_is_not_a_conflict(self, proposal, line, author):
        url = reverse("proposals:budget_line_update", args=[proposal.pk, line.pk])
        sent = posted(line_form(proposal, line, author), description="Hall, two days", quantity="2")
        client = browser(author)

        assert client.post(url, sent).status_code == 302
        assert client.post(url, sent).status_code == 302

        line.refresh_from_db()
        assert (line.description, line.quantity) == ("Hall, two days", Decimal("2.00"))
        assert BudgetLine.objects.count() == 1

    def test_the_service_refuses_a_stale_save_with_both_values(self, proposal, line, author, co_author):
        base = parts.values_of(parts.LINE_FIELDS, line)
        fields = {
            "category": line.category,
            "activity": None,
            "description": line.description,
            "unit": line.unit,
            "quantity": line.quantity,
            "unit_cost": line.unit_cost,
            "currency": line.currency,
        }
        services.budget_line_save(proposal=proposal, by=author, line=line, based_on=base, **fields | {"unit": "hall"})
        with pytest.raises(PartConflict) as conflict:
            services.budget_line_save(
                proposal=proposal, by=co_author, line=line, based_on=base, **fields | {"unit": "room"}
            )
        assert (conflict.value.theirs["unit"], conflict.value.yours["unit"]) == ("hall", "room")
        assert conflict.value.conflicts == ["unit"]

    def test_a_line_deleted_meanwhile_is_refused_with_a_message(self, proposal, line, author):
        BudgetLine.objects.filter(pk=line.pk).delete()
        with pytest.raises(ValidationError) as refused:
            services.budget_line_save(
                proposal=proposal,
                by=author,
                line=line,
                category=line.category,
                activity=None,
                description="x",
                unit="day",
                quantity=Decimal(1),
                unit_cost=Decimal(1),
                currency="USD",
            )
        assert refused.value.messages == ["Someone deleted this line while you were editing it; nothing was saved."]

    @pytest.mark.parametrize("based_on", ["not json", "[]", '{"description": 1}', "{}"])
    def test_a_damaged_lock_is_a_form_error_not_a_500(self, proposal, line, author, based_on):
        url = reverse("proposals:budget_line_update", args=[proposal.pk, line.pk])
        response = browser(author).post(url, posted(line_form(proposal, line, author), based_on=based_on))
        assert response.status_code == 200
        assert "This form is out of date. Open it again from the list." in response.content.decode()


class TestActivities:
    def test_a_second_co_author_saving_an_older_form_gets_the_conflict_page(
        self, proposal, activity, author, co_author
    ):
        url = reverse("proposals:activity_update", args=[proposal.pk, activity.pk])
        hers = posted(ActivityForm(proposal=proposal, activity=activity, by=author), title="Performance in Kuy")
        his = posted(ActivityForm(proposal=proposal, activity=activity, by=co_author), title="Kuy performance day")

        assert browser(author).post(url, hers).status_code == 302
        response = browser(co_author).post(url, his)

        assert response.status_code == 409
        assert [clash["yours"] for clash in response.context["clashes"]] == ["Kuy performance day"]
        assert [clash["theirs"] for clash in response.context["clashes"]] == ["Performance in Kuy"]
        assert KeyActivity.objects.get().title == "Performance in Kuy"

    def test_a_double_click_on_save_is_not_a_conflict(self, proposal, activity, author):
        url = reverse("proposals:activity_update", args=[proposal.pk, activity.pk])
        later = activity.ends_on + datetime.timedelta(days=1)
        sent = posted(ActivityForm(proposal=proposal, activity=activity, by=author), ends_on=later.isoformat())
        client = browser(author)

        assert client.post(url, sent).status_code == 302
        assert client.post(url, sent).status_code == 302
        assert KeyActivity.objects.get().ends_on == later


def test_a_double_click_on_saving_the_text_is_not_a_conflict(proposal, author):
    url = reverse("proposals:proposal_update", args=[proposal.pk])
    sent = posted(ProposalForm(proposal=proposal, by=author), summary="A performance, an exhibition and a film.")
    client = browser(author)

    assert client.post(url, sent).status_code == 302
    second = client.post(url, sent, follow=True)

    assert second.status_code == 200
    assert "Someone saved before you" not in second.content.decode()
    proposal.refresh_from_db()
    assert (proposal.summary, proposal.version) == ("A performance, an exhibition and a film.", 2)
