import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.forms import ServiceForm
from common.widgets import DateInput, TimeInput
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus
from members.forms import OrganisationForm
from members.models import Organisation, OrganisationChange
from proposals.enums import BudgetCategory
from proposals.forms import BudgetLineForm, CallForm
from proposals.models import BudgetLine
from tests.factories import AffiliationFactory, CoordinatorFactory, OrganisationFactory, ProposalFactory

pytestmark = pytest.mark.django_db

TOO_MANY_STAFF = "99999999999999999999"  # past PostgreSQL's integer column, and past the model's own limit


def profile(organisation, **overrides):
    data = {"name": organisation.name, "acronym": organisation.acronym, "mission": "Girls' schooling."}
    data.update(overrides)
    return data


class TestModelFieldChecksRunInServiceModelForms:
    def test_staff_number_past_the_column_is_refused_on_its_field_and_nothing_is_saved(self, client):
        organisation = OrganisationFactory(name="Angkor Girls' Education Fund", slug="agef", acronym="AGEF")
        leader = AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER).person
        client.force_login(leader)

        response = client.post(
            reverse("members:organisation_update", args=[organisation.slug]),
            profile(organisation, staff_size=TOO_MANY_STAFF, acronym="AGF"),
        )

        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["staff_size"]
        organisation.refresh_from_db()
        assert (organisation.acronym, organisation.staff_size) == ("AGEF", None)
        assert not OrganisationChange.objects.exists()

    def test_staff_number_past_the_column_is_a_field_error_of_the_form(self):
        organisation = OrganisationFactory()
        form = OrganisationForm(
            profile(organisation, staff_size=TOO_MANY_STAFF), instance=organisation, by=CoordinatorFactory()
        )

        assert not form.is_valid()
        assert form.errors["staff_size"] == ["Ensure this value is less than or equal to 1000000."]

    def test_a_taken_name_is_refused_on_its_field_in_the_services_words(self):
        OrganisationFactory(name="Mekong Literacy Network")
        organisation = OrganisationFactory()
        form = OrganisationForm(
            profile(
                organisation,
                name="MEKONG literacy network",
                kind=OrganisationKind.MEMBER,
                status=OrganisationStatus.ACTIVE,
            ),
            instance=organisation,
            by=CoordinatorFactory(),
        )

        assert not form.is_valid()
        assert form.errors == {"name": ["An organisation with this name is already in the directory."]}
        assert Organisation.objects.filter(name__iexact="mekong literacy network").count() == 1


class TestNumbersPastTheirColumnInServiceForms:
    def test_a_unit_cost_with_too_many_digits_is_refused_on_its_field(self):
        proposal = ProposalFactory()
        data = {
            "category": BudgetCategory.values[0],
            "description": "Sound system",
            "unit": "set",
            "quantity": "1",
            "unit_cost": "1234567890123.45",  # 15 digits; the column holds 14
            "currency": proposal.call.currency,
            "co_funding": "0",
        }
        form = BudgetLineForm(data, proposal=proposal, by=CoordinatorFactory())

        assert not form.is_valid()
        assert form.errors == {"unit_cost": ["Ensure that there are no more than 14 digits in total."]}
        assert not BudgetLine.objects.exists()

    def test_a_criterion_weight_past_its_limit_is_refused_on_the_criteria(self):
        proposal = ProposalFactory()
        form = CallForm({"criteria": "Relevance | 40000"}, by=CoordinatorFactory(), call=proposal.call)

        assert not form.is_valid()
        assert form.errors["criteria"] == ["Ensure this value is less than or equal to 100."]


class TitleForm(ServiceForm):
    title = forms.CharField()

    def __init__(self, *args, error: ValidationError, **kwargs):
        super().__init__(*args, **kwargs)
        self.error = error

    def call_service(self):
        raise self.error


class TestServiceErrors:
    def test_an_error_naming_a_field_lands_on_it_and_others_on_top(self):
        form = TitleForm({"title": "Kuy voices"}, error=ValidationError({"title": "Taken.", "budget": "Too much."}))

        assert form.is_valid()
        assert form.save() is None
        assert form.errors == {"title": ["Taken."], "__all__": ["Too much."]}

    def test_an_error_without_a_field_lands_on_top(self):
        form = TitleForm({"title": "Kuy voices"}, error=ValidationError("The call is closed."))

        assert form.is_valid()
        assert form.save() is None
        assert form.non_field_errors() == ["The call is closed."]

    def test_a_conflict_is_raised_for_the_view_to_show(self):
        conflict = ValidationError("Someone else saved first.", code="conflict")
        form = TitleForm({"title": "Kuy voices"}, error=conflict)

        assert form.is_valid()
        with pytest.raises(ValidationError) as raised:
            form.save()
        assert raised.value is conflict
        assert not form.errors


def test_date_and_time_inputs_use_the_browsers_pickers_and_their_formats():
    from datetime import date, time

    assert DateInput().render("day", date(2026, 1, 9)) == '<input type="date" name="day" value="2026-01-09">'
    assert TimeInput().render("at", time(8, 5)) == '<input type="time" name="at" value="08:05">'


LINE_BREAK = "Write this on one line, without line breaks."


class TestOneLineBoxesRefuseLineBreaks:
    class Form(ServiceForm):
        title = forms.CharField()
        body = forms.CharField(widget=forms.Textarea)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["added_later"] = forms.CharField(required=False)

    @pytest.mark.parametrize("name", ["Dara\nKim", "Dara\r\nBcc: all@example.org", "Dara\u2028Kim", "Dara\x85Kim"])
    def test_a_title_with_a_line_break_is_refused_and_a_text_area_keeps_its_lines(self, name):
        form = self.Form({"title": name, "body": "First line\nsecond line", "added_later": name})
        assert not form.is_valid()
        assert form.errors == {"title": [LINE_BREAK], "added_later": [LINE_BREAK]}

    def test_one_line_is_fine(self):
        assert self.Form({"title": "Dara Kim", "body": "x"}).is_valid()

    def test_names_and_titles_of_the_portal_refuse_line_breaks(self, coordinator):
        from communities.forms import CommunityForm
        from events.forms import MeetingForm
        from members.forms import ProfileForm
        from network.forms import CaseStudyForm, ChallengeForm
        from proposals.forms import ProposalForm

        broken = "Live & Learn\nCambodia"
        forms_and_fields = [
            (ProfileForm({"display_name": broken}, person=coordinator), "display_name"),
            (OrganisationForm({"name": broken}, by=coordinator), "name"),
            (CommunityForm({"name": broken}, by=coordinator), "name"),
            (ChallengeForm({"title": broken}, author=coordinator), "title"),
            (MeetingForm({"title": broken}, by=coordinator), "title"),
            (ProposalForm({"title": broken}, proposal=ProposalFactory(), by=coordinator), "title"),
            (CaseStudyForm({"title": broken}), "title"),
        ]
        for form, field in forms_and_fields:
            assert not form.is_valid()
            assert form.errors[field] == [LINE_BREAK], type(form).__name__

    def test_a_display_name_with_a_line_break_is_not_saved(self, client, coordinator):
        client.force_login(coordinator)
        response = client.post(reverse("members:profile_update"), {"display_name": "Sokha\nChan"})
        assert response.status_code == 200
        assert LINE_BREAK in response.content.decode()
        coordinator.refresh_from_db()
        assert coordinator.display_name == "Sokha Coordinator"
