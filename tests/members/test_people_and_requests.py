import pytest
from django.core import mail
from django.urls import reverse

from members.enums import AffiliationRole, JoinRequestStatus, Role
from members.models import Affiliation, ExpertiseTag, JoinRequest, Organisation
from tests.factories import AffiliationFactory, CoordinatorFactory, JoinRequestFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


class TestPeople:
    def test_member_sees_a_profile_with_contacts(self, member_client):
        person = AffiliationFactory(person__phone="+855 11 222 333", person__bio="Teacher trainer.").person
        html = member_client.get(reverse("members:person_detail", args=[person.pk])).content.decode()
        assert "Teacher trainer." in html
        assert person.email in html
        assert "+855 11 222 333" in html

    def test_pending_person_may_not_see_profiles(self, client, pending_user, member):
        client.force_login(pending_user)
        assert client.get(reverse("members:person_detail", args=[member.pk])).status_code == 403

    def test_people_filter_by_expertise_and_language(self, member_client, member):
        fundraiser = AffiliationFactory(person__display_name="Fundraiser", person__languages="Khmer, French").person
        fundraiser.expertise.set([ExpertiseTag.objects.create(slug="fundraising", name="Fundraising")])
        AffiliationFactory(person__display_name="Other")
        response = member_client.get(reverse("members:person_list") + "?expertise=fundraising")
        assert [p.name for p in response.context["page"].object_list] == ["Fundraiser"]
        response = member_client.get(reverse("members:person_list") + "?language=french")
        assert [p.name for p in response.context["page"].object_list] == ["Fundraiser"]

    def test_profile_edit_saves_expertise_as_tags(self, member_client, member):
        response = member_client.post(
            reverse("members:profile_update"),
            {
                "display_name": "Dara",
                "bio": "Hi",
                "languages": "Khmer,  English,",
                "expertise": "Fundraising, social enterprise",
                "phone": "",
            },
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.languages == "Khmer, English"
        assert sorted(member.expertise.values_list("slug", flat=True)) == ["fundraising", "social-enterprise"]

    def test_profile_edit_with_an_empty_name_keeps_the_input(self, member_client, member):
        response = member_client.post(reverse("members:profile_update"), {"display_name": "", "bio": "Typed bio"})
        assert response.status_code == 200
        assert "Typed bio" in response.content.decode()
        member.refresh_from_db()
        assert member.bio == ""

    def test_profile_edit_needs_sign_in(self, client):
        assert client.get(reverse("members:profile_update")).status_code == 302


class TestJoinRequests:
    def data(self, **extra):
        return {
            "organisation_name": "Kratie River School",
            "acronym": "KRS",
            "website": "https://krs.example/",
            "mission": "A school for river communities.",
            "focus_areas": [],
            "position": "Director",
            "message": "We would love to join.",
            **extra,
        }

    def test_pending_person_asks_to_join_and_coordinators_hear(
        self, client, pending_user, django_capture_on_commit_callbacks
    ):
        coordinator = CoordinatorFactory()
        client.force_login(pending_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("members:join_request_create"), self.data())
        assert "your request was sent" in response.content.decode()
        request = JoinRequest.objects.get()
        assert request.requested_by == pending_user
        assert mail.outbox[-1].to == [coordinator.email]
        assert "Kratie River School" in mail.outbox[-1].subject

    def test_a_name_already_in_the_directory_is_refused(self, member_client, organisation):
        response = member_client.post(
            reverse("members:join_request_create"), self.data(organisation_name=organisation.name.upper())
        )
        assert "already in the directory" in response.content.decode()
        assert not JoinRequest.objects.exists()

    def test_coordinator_approves_and_the_requester_leads_the_new_organisation(
        self, coordinator_client, coordinator, pending_user, django_capture_on_commit_callbacks
    ):
        request = JoinRequestFactory(requested_by=pending_user, organisation_name="Kratie River School")
        with django_capture_on_commit_callbacks(execute=True):
            coordinator_client.post(
                reverse("members:join_request_decide", args=[request.pk]), {"decision": "approve", "note": "Welcome!"}
            )
        organisation = Organisation.objects.get(name="Kratie River School")
        affiliation = Affiliation.objects.get(organisation=organisation)
        assert (affiliation.person, affiliation.role, affiliation.position) == (
            pending_user,
            AffiliationRole.LEADER,
            "Director",
        )
        pending_user.refresh_from_db()
        assert pending_user.role == Role.MEMBER
        request.refresh_from_db()
        assert (request.status, request.decided_by, request.organisation) == (
            JoinRequestStatus.APPROVED,
            coordinator,
            organisation,
        )
        assert mail.outbox[-1].to == [pending_user.email]
        assert "Welcome!" in mail.outbox[-1].body

    def test_deciding_twice_says_why_not(self, coordinator_client):
        request = JoinRequestFactory()
        url = reverse("members:join_request_decide", args=[request.pk])
        coordinator_client.post(url, {"decision": "decline"})
        response = coordinator_client.post(url, {"decision": "approve"}, follow=True)
        assert "already decided" in response.content.decode()
        assert not Organisation.objects.exists()

    def test_member_may_not_decide_or_list(self, member_client):
        request = JoinRequestFactory()
        assert member_client.get(reverse("members:join_request_list")).status_code == 403
        assert (
            member_client.post(
                reverse("members:join_request_decide", args=[request.pk]), {"decision": "approve"}
            ).status_code
            == 403
        )
        request.refresh_from_db()
        assert request.status == JoinRequestStatus.PENDING

    def test_coordinator_lists_requests(self, coordinator_client):
        JoinRequestFactory(organisation_name="Waiting NGO")
        html = coordinator_client.get(reverse("members:join_request_list")).content.decode()
        assert "Waiting NGO" in html
        assert coordinator_client.get(reverse("members:join_request_list") + "?show=nonsense").status_code == 200

    def test_join_request_form_needs_sign_in(self, client):
        assert client.get(reverse("members:join_request_create")).status_code == 302


def test_organisation_page_lists_leaders_first(member_client):
    organisation = OrganisationFactory(slug="x")
    AffiliationFactory(organisation=organisation, person__display_name="Aaron Staff")
    AffiliationFactory(organisation=organisation, person__display_name="Zara Leader", role=AffiliationRole.LEADER)
    html = member_client.get(reverse("members:organisation_detail", args=["x"])).content.decode()
    assert html.index("Zara Leader") < html.index("Aaron Staff")
