"""Nobody is listed at an organisation without consent: a leader invites, the person accepts or declines.
Coordinators still list people directly, as before. Leaving an organisation ends its rights at once.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import services
from members.enums import AffiliationInvitationStatus, AffiliationRole
from members.models import Affiliation, AffiliationInvitation
from tests.factories import AffiliationFactory, FacilitatorOrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PEOPLE = reverse("members:affiliation_list", args=["agef"])
MINE = reverse("members:affiliation_invitation_list")


def answer_url(invitation):
    return reverse("members:affiliation_invitation_answer", args=[invitation.pk])


@pytest.fixture
def invitee(db):
    return UserFactory(display_name="Vanna Sok", email="vanna@example.org", language="en")


class TestALeaderInvites:
    def test_nobody_is_listed_until_they_accept(
        self, client, organisation, leader, invitee, django_capture_on_commit_callbacks
    ):
        client.force_login(leader)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(PEOPLE, {"person": invitee.pk, "position": "Deputy director", "role": "leader"})
        assert response.status_code == 302
        assert not Affiliation.objects.filter(person=invitee).exists()
        invitation = AffiliationInvitation.objects.get()
        assert (invitation.organisation, invitation.person, invitation.invited_by) == (organisation, invitee, leader)
        assert (invitation.role, invitation.position, invitation.status) == ("leader", "Deputy director", "pending")
        [message] = mail.outbox
        assert message.to == ["vanna@example.org"]
        assert message.subject == f"{leader.name} invites you to join Angkor Girls' Education Fund"
        assert "as: Leader." in message.body and "Position: Deputy director" in message.body
        assert "http://testserver" not in message.body and MINE in message.body
        # The leader's page shows the person as invited, not as staff.
        html = client.get(PEOPLE).content.decode()
        assert "Invited, not yet answered" in html and "Vanna Sok" in html

    def test_the_invitee_accepts_and_is_listed_with_the_offered_role(self, client, organisation, leader, invitee):
        invitation = services.affiliation_invite(
            organisation=organisation, person=invitee, position="Deputy director", role="leader", by=leader
        )
        client.force_login(invitee)
        assert "Angkor Girls&#x27; Education Fund" in client.get(MINE).content.decode()
        assert "Angkor Girls&#x27; Education Fund" in client.get("/dashboard/").content.decode()
        response = client.post(answer_url(invitation), {"answer": "accept"})
        assert response.status_code == 302
        assert response.url == organisation.get_absolute_url()
        affiliation = Affiliation.objects.get(person=invitee)
        assert (affiliation.organisation, affiliation.role, affiliation.position) == (
            organisation,
            AffiliationRole.LEADER,
            "Deputy director",
        )
        invitation.refresh_from_db()
        assert invitation.status == AffiliationInvitationStatus.ACCEPTED
        assert invitation.answered_at is not None
        # As a leader now, they manage the organisation's people.
        assert client.get(PEOPLE).status_code == 200

    def test_the_invitee_declines_and_is_not_listed(self, client, organisation, leader, invitee):
        invitation = services.affiliation_invite(organisation=organisation, person=invitee, by=leader)
        client.force_login(invitee)
        assert client.post(answer_url(invitation), {"answer": "decline"}).status_code == 302
        invitation.refresh_from_db()
        assert invitation.status == AffiliationInvitationStatus.DECLINED
        assert not Affiliation.objects.filter(person=invitee).exists()
        # A declined invitation cannot be accepted afterwards.
        client.post(answer_url(invitation), {"answer": "accept"})
        assert not Affiliation.objects.filter(person=invitee).exists()
        with pytest.raises(ValidationError, match="already answered"):
            services.affiliation_invitation_accept(invitation=invitation, by=invitee)

    def test_another_person_cannot_answer_someone_elses_invitation(self, client, organisation, leader, invitee):
        invitation = services.affiliation_invite(organisation=organisation, person=invitee, role="leader", by=leader)
        intruder = UserFactory()
        client.force_login(intruder)
        assert client.post(answer_url(invitation), {"answer": "accept"}).status_code == 403
        client.force_login(leader)
        assert client.post(answer_url(invitation), {"answer": "accept"}).status_code == 403
        with pytest.raises(ValidationError, match="Only the invited person can answer this invitation"):
            services.affiliation_invitation_accept(invitation=invitation, by=intruder)
        assert not Affiliation.objects.filter(person__in=[invitee, intruder]).exists()
        assert AffiliationInvitation.objects.get().status == AffiliationInvitationStatus.PENDING

    def test_a_second_invitation_while_one_waits_is_refused(self, client, organisation, leader, invitee):
        services.affiliation_invite(organisation=organisation, person=invitee, by=leader)
        client.force_login(leader)
        response = client.post(PEOPLE, {"person": invitee.pk, "position": "", "role": "staff"})
        assert "Vanna Sok is already invited to Angkor Girls&#x27; Education Fund." in response.content.decode()
        assert AffiliationInvitation.objects.count() == 1

    def test_staff_and_other_members_may_not_invite(self, client, organisation, invitee):
        staff = AffiliationFactory(organisation=organisation).person
        client.force_login(staff)
        assert client.post(PEOPLE, {"person": invitee.pk, "role": "leader"}).status_code == 403
        with pytest.raises(ValidationError, match="Only the organisation's leaders and the coordinators"):
            services.affiliation_invite(organisation=organisation, person=invitee, role="leader", by=staff)
        assert not AffiliationInvitation.objects.exists()

    def test_a_leader_cannot_list_anyone_directly(self, organisation, leader, invitee):
        with pytest.raises(ValidationError, match="Only coordinators list people directly"):
            services.affiliation_add(organisation=organisation, person=invitee, role="leader", by=leader)
        assert not Affiliation.objects.filter(person=invitee).exists()

    def test_an_invitation_from_a_leader_who_has_left_no_longer_stands(self, organisation, leader, invitee):
        invitation = services.affiliation_invite(organisation=organisation, person=invitee, role="leader", by=leader)
        AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER)  # someone else leads on
        services.affiliation_remove(affiliation=Affiliation.objects.get(person=leader), by=leader)
        with pytest.raises(ValidationError, match="no longer leads Angkor Girls"):
            services.affiliation_invitation_accept(invitation=invitation, by=invitee)
        assert not Affiliation.objects.filter(person=invitee).exists()


class TestACoordinator:
    def test_still_lists_a_person_directly(self, coordinator_client, organisation, invitee):
        response = coordinator_client.post(PEOPLE, {"person": invitee.pk, "position": "Adviser", "role": "staff"})
        assert response.status_code == 302
        assert Affiliation.objects.get(person=invitee).organisation == organisation
        assert not AffiliationInvitation.objects.exists()


class TestLeavingAnOrganisationTakesEffectAtOnce:
    def test_a_leader_taken_off_loses_the_people_page_at_the_next_request(self, client, organisation, leader):
        other_leader = AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER).person
        client.force_login(leader)
        assert client.get(PEOPLE).status_code == 200
        services.affiliation_remove(affiliation=Affiliation.objects.get(person=leader), by=other_leader)
        assert client.get(PEOPLE).status_code == 403
        assert client.get(reverse("members:organisation_update", args=["agef"])).status_code == 403

    def test_staff_of_a_facilitating_organisation_lose_the_stakeholder_register(self, client, coordinator):
        llc = FacilitatorOrganisationFactory(name="Live & Learn Cambodia", slug="llc")
        affiliation = AffiliationFactory(organisation=llc)
        register = reverse("members:stakeholder_list")
        client.force_login(affiliation.person)
        assert client.get(register).status_code == 200
        services.affiliation_remove(affiliation=affiliation, by=coordinator)
        assert client.get(register).status_code == 403
