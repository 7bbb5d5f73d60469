import datetime

import pytest
from django.urls import reverse

from members.models import ContactPerson, Interaction
from tests.factories import ContactPersonFactory, StakeholderFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db
REGISTER = reverse("members:stakeholder_list")


@pytest.fixture
def ilo(db):
    return StakeholderFactory(name="International Labour Organization", acronym="ILO", slug="ilo")


def detail(slug="ilo"):
    return reverse("members:stakeholder_detail", args=[slug])


class TestAccess:
    def test_coordinator_and_facilitator_use_the_register(self, client, coordinator, facilitator, ilo):
        for person in (coordinator, facilitator):
            client.force_login(person)
            assert client.get(REGISTER).status_code == 200
            assert client.get(detail()).status_code == 200

    def test_member_may_not(self, member_client, ilo):
        assert member_client.get(REGISTER).status_code == 403
        assert member_client.get(detail()).status_code == 403
        assert member_client.post(detail(), {"form": "notes", "notes-notes": "x"}).status_code == 403

    def test_a_member_organisation_is_not_in_the_register(self, coordinator_client, organisation):
        assert coordinator_client.get(detail(organisation.slug)).status_code == 404


class TestRecording:
    def test_add_a_contact_person_without_an_account(self, coordinator_client, ilo):
        response = coordinator_client.post(
            detail(),
            {
                "form": "contact",
                "contact-name": "Rithy Heng",
                "contact-position": "Coordinator",
                "contact-email": "rithy@ilo.example",
            },
        )
        assert response.status_code == 302
        contact = ContactPerson.objects.get()
        assert (contact.name, contact.organisation, contact.account) == ("Rithy Heng", ilo, None)

    def test_invalid_contact_email_keeps_the_input(self, coordinator_client, ilo):
        response = coordinator_client.post(
            detail(), {"form": "contact", "contact-name": "Rithy", "contact-email": "bad"}
        )
        html = response.content.decode()
        assert "Enter a valid email address." in html
        assert 'value="Rithy"' in html
        assert not ContactPerson.objects.exists()

    def test_log_an_interaction(self, client, facilitator, ilo):
        contact = ContactPersonFactory(organisation=ilo, name="Rithy Heng")
        client.force_login(facilitator)
        client.post(
            detail(),
            {
                "form": "interaction",
                "interaction-happened_on": "2023-11-08",
                "interaction-kind": "presentation",
                "interaction-contact": contact.pk,
                "interaction-summary": "ILO presented Decent Employment for Youth at the consultation workshop of 8 to 10 November 2023",
            },
        )
        interaction = Interaction.objects.get()
        assert interaction.happened_on == datetime.date(2023, 11, 8)
        assert interaction.recorded_by == facilitator
        assert "Decent Employment for Youth" in client.get(detail()).content.decode()

    def test_an_interaction_on_a_day_not_yet_come_is_refused(self, coordinator_client, ilo):
        tomorrow = datetime.date.today() + datetime.timedelta(days=2)
        response = coordinator_client.post(
            detail(),
            {
                "form": "interaction",
                "interaction-happened_on": tomorrow.isoformat(),
                "interaction-kind": "presentation",
                "interaction-summary": "Not yet",
            },
        )
        assert "Choose a date from 1 January 1900 to" in response.content.decode()
        assert not Interaction.objects.exists()

    def test_interaction_with_a_contact_of_another_stakeholder_is_refused(self, coordinator_client, ilo):
        stranger = ContactPersonFactory(name="Elsewhere")
        response = coordinator_client.post(
            detail(),
            {
                "form": "interaction",
                "interaction-happened_on": "2023-11-08",
                "interaction-kind": "call",
                "interaction-contact": stranger.pk,
                "interaction-summary": "Typed summary",
            },
        )
        assert "Select a valid choice" in response.content.decode()
        assert "Typed summary" in response.content.decode()
        assert not Interaction.objects.exists()

    def test_relationship_notes_are_saved_with_history(self, coordinator_client, coordinator, ilo):
        coordinator_client.post(detail(), {"form": "notes", "notes-notes": "Met at the November workshop."})
        ilo.refresh_from_db()
        assert ilo.relationship_notes == "Met at the November workshop."
        assert ilo.changes.get().changed_by == coordinator

    def test_relationship_notes_are_not_on_the_public_profile(self, member_client, ilo):
        ilo.relationship_notes = "Confidential funding talks"
        ilo.save()
        assert "Confidential funding talks" not in member_client.get(ilo.get_absolute_url()).content.decode()

    def test_edit_a_contact(self, coordinator_client, ilo):
        contact = ContactPersonFactory(organisation=ilo, name="Old Name")
        url = reverse("members:contact_update", args=["ilo", contact.pk])
        coordinator_client.post(url, {"name": "New Name", "position": "", "email": "", "phone": "", "notes": ""})
        contact.refresh_from_db()
        assert contact.name == "New Name"


def test_register_query_count_does_not_grow(coordinator_client, django_assert_num_queries):
    StakeholderFactory()
    few = queries_for(coordinator_client, REGISTER)
    for _ in range(40):
        ContactPersonFactory()
    with django_assert_num_queries(few):
        coordinator_client.get(REGISTER)


def test_stakeholder_page_query_count_does_not_grow(coordinator_client, ilo, django_assert_num_queries):
    ContactPersonFactory(organisation=ilo)
    few = queries_for(coordinator_client, detail())
    ContactPersonFactory.create_batch(20, organisation=ilo)
    for contact in ContactPerson.objects.all():
        Interaction.objects.create(organisation=ilo, summary="Call", contact=contact)
    with django_assert_num_queries(few):
        coordinator_client.get(detail())


class TestAddingAStakeholder:
    """Facilitators keep the register, so they may add a stakeholder to it; nothing else."""

    CREATE = reverse("members:stakeholder_create")

    def test_a_facilitator_adds_a_stakeholder(self, client, facilitator):
        from members.enums import OrganisationKind, StakeholderType
        from members.models import Organisation

        client.force_login(facilitator)
        assert client.get(self.CREATE).status_code == 200
        response = client.post(self.CREATE, {"name": "UNICEF Cambodia", "stakeholder_type": "un_agency"})
        organisation = Organisation.objects.get(name="UNICEF Cambodia")
        assert response.status_code == 302
        assert response.url == detail(organisation.slug)
        assert (organisation.kind, organisation.stakeholder_type) == (
            OrganisationKind.STAKEHOLDER,
            StakeholderType.UN_AGENCY,
        )
        assert organisation.changes.get().changed_by == facilitator

    def test_a_facilitator_cannot_make_it_another_kind(self, client, facilitator):
        from members.enums import OrganisationKind
        from members.models import Organisation

        client.force_login(facilitator)
        client.post(self.CREATE, {"name": "Sneaky NGO", "stakeholder_type": "donor", "kind": "member"})
        assert Organisation.objects.get(name="Sneaky NGO").kind == OrganisationKind.STAKEHOLDER

    def test_the_type_is_required(self, client, facilitator):
        from members.models import Organisation

        client.force_login(facilitator)
        response = client.post(self.CREATE, {"name": "No Type Org", "stakeholder_type": ""})
        assert response.status_code == 200
        assert "stakeholder_type" in response.context["form"].errors
        assert not Organisation.objects.filter(name="No Type Org").exists()

    def test_a_taken_name_is_refused_on_its_field(self, client, facilitator, ilo):
        client.force_login(facilitator)
        response = client.post(self.CREATE, {"name": "international labour organization", "stakeholder_type": "donor"})
        assert response.context["form"].errors["name"] == [
            "An organisation with this name is already in the directory."
        ]

    def test_the_register_offers_the_button_to_a_facilitator(self, client, facilitator):
        client.force_login(facilitator)
        assert self.CREATE.encode() in client.get(REGISTER).content

    def test_a_member_may_not_add_one(self, member_client):
        from members.models import Organisation

        assert member_client.get(self.CREATE).status_code == 403
        assert member_client.post(self.CREATE, {"name": "X", "stakeholder_type": "donor"}).status_code == 403
        assert not Organisation.objects.filter(name="X").exists()

    def test_a_facilitator_still_may_not_add_a_member_organisation(self, client, facilitator):
        client.force_login(facilitator)
        assert client.get(reverse("members:organisation_create")).status_code == 403
