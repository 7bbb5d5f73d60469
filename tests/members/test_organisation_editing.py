import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from members import services
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus, Role
from members.models import Affiliation, Invitation, Organisation, OrganisationChange, User
from tests.factories import AffiliationFactory, InvitationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("members:organisation_create")


def png(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 91)).save(buffer, "PNG")
    return buffer.getvalue()


def profile(**overrides):
    data = {
        "name": "Mekong Literacy Network",
        "acronym": "MLN",
        "kind": OrganisationKind.MEMBER,
        "stakeholder_type": "",
        "mission": "Community libraries.",
        "website": "https://mln.example/",
        "email": "office@mln.example",
        "status": OrganisationStatus.ACTIVE,
    }
    data.update(overrides)
    return data


class TestAdding:
    def test_coordinator_adds_an_organisation_with_a_logo(self, coordinator_client, coordinator):
        data = profile(logo=SimpleUploadedFile("logo.png", png(), content_type="image/png"))
        response = coordinator_client.post(CREATE, data)
        organisation = Organisation.objects.get(name="Mekong Literacy Network")
        assert response.status_code == 302
        assert response.url == organisation.get_absolute_url()
        assert organisation.logo.name.startswith("logos/mekong-literacy-network")
        change = OrganisationChange.objects.get(organisation=organisation)
        assert change.changed_by == coordinator
        assert change.changes["name"] == {"old": "", "new": "Mekong Literacy Network"}

    def test_member_may_not_add(self, member_client):
        assert member_client.post(CREATE, profile()).status_code == 403
        assert not Organisation.objects.exists()

    def test_duplicate_name_in_other_case_is_refused_and_input_kept(self, coordinator_client):
        OrganisationFactory(name="Mekong Literacy Network")
        response = coordinator_client.post(CREATE, profile(name="MEKONG literacy network", mission="Typed mission"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "An organisation with this name is already in the directory." in html
        assert "Typed mission" in html
        assert Organisation.objects.count() == 1

    def test_logo_of_the_wrong_type_is_refused(self, coordinator_client):
        fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00 not an image", content_type="image/png")
        response = coordinator_client.post(CREATE, profile(logo=fake))
        assert response.status_code == 200
        assert "Upload a valid image" in response.content.decode()
        assert not Organisation.objects.exists()

    def test_logo_over_two_megabytes_is_refused(self, coordinator_client):
        big = png() + b"\0" * (2 * 1024 * 1024)
        response = coordinator_client.post(CREATE, profile(logo=SimpleUploadedFile("big.png", big)))
        assert "the limit is 2.0\xa0MB" in response.content.decode()
        assert not Organisation.objects.exists()

    def test_invalid_url_and_email_get_messages(self, coordinator_client):
        response = coordinator_client.post(CREATE, profile(website="not a url", email="nope@"))
        html = response.content.decode()
        assert "Enter a valid URL." in html
        assert "Enter a valid email address." in html
        assert 'value="not a url"' in html

    def test_stakeholder_needs_a_type(self, coordinator_client):
        response = coordinator_client.post(CREATE, profile(kind=OrganisationKind.STAKEHOLDER))
        assert "Choose the type of stakeholder." in response.content.decode()

    def test_year_founded_in_the_future_is_refused(self, coordinator_client):
        response = coordinator_client.post(CREATE, profile(year_founded=2999))
        assert "cannot be in the future" in response.content.decode()


class TestEditing:
    def url(self, organisation):
        return reverse("members:organisation_update", args=[organisation.slug])

    def test_leader_edits_the_profile_and_history_records_it(self, client, organisation, leader):
        client.force_login(leader)
        response = client.post(self.url(organisation), profile(name=organisation.name, mission="New mission"))
        assert response.status_code == 302
        organisation.refresh_from_db()
        assert organisation.mission == "New mission"
        change = organisation.changes.get()
        assert change.changed_by == leader
        assert change.changes["mission summary"]["new"] == "New mission"

    def test_leader_cannot_change_kind_or_status(self, client, organisation, leader):
        client.force_login(leader)
        form_html = client.get(self.url(organisation)).content.decode()
        assert 'name="status"' not in form_html
        client.post(
            self.url(organisation),
            profile(name=organisation.name, status=OrganisationStatus.FORMER, kind="stakeholder"),
        )
        organisation.refresh_from_db()
        assert (organisation.status, organisation.kind) == (OrganisationStatus.ACTIVE, OrganisationKind.MEMBER)

    def test_staff_member_may_not_edit(self, client, organisation):
        staff = AffiliationFactory(organisation=organisation, role=AffiliationRole.STAFF).person
        client.force_login(staff)
        assert client.get(self.url(organisation)).status_code == 403

    def test_leader_of_another_organisation_may_not_edit(self, client, organisation):
        other_leader = AffiliationFactory(role=AffiliationRole.LEADER).person
        client.force_login(other_leader)
        assert client.post(self.url(organisation), profile(name="Hijacked")).status_code == 403
        organisation.refresh_from_db()
        assert organisation.name != "Hijacked"

    def test_saving_without_changes_adds_no_history(self, coordinator_client, organisation):
        services.organisation_update(organisation=organisation, by=None, mission=organisation.mission)
        assert not organisation.changes.exists()


class TestHistoryAndRetiring:
    def test_coordinator_reads_the_history(self, coordinator_client, organisation, coordinator):
        services.organisation_update(organisation=organisation, by=coordinator, acronym="AGF")
        html = coordinator_client.get(reverse("members:organisation_history", args=["agef"])).content.decode()
        assert "AGEF" in html and "AGF" in html
        assert coordinator.name in html

    def test_leader_may_not_read_the_history(self, client, organisation, leader):
        client.force_login(leader)
        assert client.get(reverse("members:organisation_history", args=["agef"])).status_code == 403

    def test_coordinator_retires_and_reactivates(self, coordinator_client, organisation):
        url = reverse("members:organisation_set_status", args=["agef"])
        coordinator_client.post(url, {"action": "retire"})
        organisation.refresh_from_db()
        assert organisation.status == OrganisationStatus.FORMER
        assert organisation.left_on is not None
        response = coordinator_client.post(url, {"action": "retire"}, follow=True)
        assert "already a former member" in response.content.decode()
        coordinator_client.post(url, {"action": "reactivate"})
        organisation.refresh_from_db()
        assert (organisation.status, organisation.left_on) == (OrganisationStatus.ACTIVE, None)

    def test_leader_may_not_retire(self, client, organisation, leader):
        client.force_login(leader)
        assert (
            client.post(reverse("members:organisation_set_status", args=["agef"]), {"action": "retire"}).status_code
            == 403
        )


class TestPeopleAtAnOrganisation:
    def test_leader_invites_staff_who_join_the_organisation(
        self, client, organisation, leader, django_capture_on_commit_callbacks
    ):
        client.force_login(leader)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("members:organisation_invite", args=["agef"]),
                {"email": "staff@agef.example", "display_name": "Srey", "position": "Teacher"},
            )
        assert response.status_code == 302
        invitation = Invitation.objects.get(email="staff@agef.example")
        assert mail.outbox[-1].to == ["staff@agef.example"]
        user = services.invitation_accept(invitation=invitation, password="mekong-river-2026", display_name="Srey")
        affiliation = Affiliation.objects.get(person=user)
        assert (affiliation.organisation, affiliation.position, affiliation.role) == (organisation, "Teacher", "staff")
        assert user.role == Role.MEMBER

    def test_staff_may_not_invite(self, client, organisation):
        staff = AffiliationFactory(organisation=organisation).person
        client.force_login(staff)
        assert client.get(reverse("members:organisation_invite", args=["agef"])).status_code == 403

    def test_leader_adds_an_existing_person_and_cannot_add_twice(self, client, organisation, leader, member):
        client.force_login(leader)
        url = reverse("members:affiliation_list", args=["agef"])
        client.post(url, {"person": member.pk, "position": "Volunteer", "role": "staff"})
        # A leader's choice is an invitation: the person is listed once they accept it.
        assert not Affiliation.objects.filter(organisation=organisation, person=member).exists()
        invitation = member.affiliation_invitations.get(organisation=organisation)
        services.affiliation_invitation_accept(invitation=invitation, by=member)
        assert Affiliation.objects.filter(organisation=organisation, person=member).count() == 1
        response = client.post(url, {"person": member.pk, "position": "Again", "role": "staff"})
        assert "Select a valid choice" in response.content.decode()
        assert Affiliation.objects.filter(organisation=organisation, person=member).count() == 1

    def test_the_last_leader_cannot_step_down(self, client, organisation, leader):
        client.force_login(leader)
        affiliation = Affiliation.objects.get(person=leader)
        response = client.post(
            reverse("members:affiliation_update", args=["agef", affiliation.pk]),
            {"position": "X", "role": "staff"},
            follow=True,
        )
        assert "needs at least one leader" in response.content.decode()
        affiliation.refresh_from_db()
        assert affiliation.role == AffiliationRole.LEADER

    def test_leader_removes_staff(self, client, organisation, leader):
        staff = AffiliationFactory(organisation=organisation)
        client.force_login(leader)
        client.post(reverse("members:affiliation_remove", args=["agef", staff.pk]))
        assert not Affiliation.objects.filter(pk=staff.pk).exists()

    def test_member_may_not_manage_people(self, member_client, organisation):
        staff = AffiliationFactory(organisation=organisation)
        assert member_client.get(reverse("members:affiliation_list", args=["agef"])).status_code == 403
        assert member_client.post(reverse("members:affiliation_remove", args=["agef", staff.pk])).status_code == 403
        assert Affiliation.objects.filter(pk=staff.pk).exists()

    def test_people_page_for_unknown_organisation_is_404(self, coordinator_client):
        assert coordinator_client.get(reverse("members:affiliation_list", args=["nope"])).status_code == 404


def test_an_invitation_for_an_existing_staff_address_is_refused(coordinator):
    InvitationFactory(email="dup@ngo.example")
    with pytest.raises(Exception, match="open invitation"):
        services.invitation_create(email="dup@ngo.example", by=coordinator)
    assert User.objects.filter(email="dup@ngo.example").count() == 0


@pytest.mark.parametrize("field", ["joined_on", "left_on"])
def test_an_organisation_cannot_join_or_leave_the_network_on_a_day_to_come(coordinator, field):
    organisation = OrganisationFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(organisation=organisation, by=coordinator, **{field: tomorrow})
    assert list(refused.value.message_dict) == [field]
    organisation.refresh_from_db()
    assert getattr(organisation, field) != tomorrow
