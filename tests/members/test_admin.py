import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import User
from tests.factories import PASSWORD, UserFactory

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


class TestAdminSignIn:
    """The admin's sign-in goes through the site's (allauth): its rate limits and e-mail verification apply."""

    def test_the_admin_login_sends_to_the_sites_sign_in_and_back(self, client):
        response = client.get("/admin/login/?next=/admin/members/user/")
        assert response.status_code == 302
        assert response.url == "/accounts/login/?next=%2Fadmin%2Fmembers%2Fuser%2F"
        assert client.get("/admin/members/user/").url == "/admin/login/?next=/admin/members/user/"

    def test_it_never_sends_elsewhere(self, client):
        response = client.get("/admin/login/?next=https://evil.example/")
        assert response.url == "/accounts/login/?next=%2Fadmin%2F"

    def test_posting_a_password_to_the_admin_login_signs_nobody_in(self, client):
        superuser = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
        EmailAddress.objects.create(user=superuser, email=superuser.email, verified=False, primary=True)
        response = client.post("/admin/login/", {"username": "root@example.org", "password": PASSWORD})
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
        assert "_auth_user_id" not in client.session
        assert client.get("/admin/").status_code == 302

    def test_someone_signed_in_who_may_use_the_admin_goes_on(self, coordinator_client):
        response = coordinator_client.get("/admin/login/?next=/admin/members/user/")
        assert (response.status_code, response.url) == (302, "/admin/members/user/")

    def test_someone_signed_in_who_may_not_is_refused(self, member_client):
        assert member_client.get("/admin/login/").status_code == 403


class TestCoordinatorsAndPrivilegedAccounts:
    @pytest.fixture
    def superuser(self, db):
        return User.objects.create_superuser(email="root@example.org", password=PASSWORD)

    @pytest.fixture
    def staff(self, db):
        return UserFactory(email="staff@example.org", is_staff=True)

    def change_data(self, person, **extra):
        return {
            "email": person.email,
            "display_name": "Taken over",
            "language": "en",
            "time_zone": "Asia/Phnom_Penh",
            "role": person.role,
            "is_active": "on",
            **extra,
        }

    @pytest.mark.parametrize("who", ["superuser", "staff"])
    def test_a_coordinator_reads_but_cannot_change_a_superuser_or_staff(self, request, coordinator_client, who):
        person = request.getfixturevalue(who)
        change = reverse("admin:members_user_change", args=[person.pk])
        page = coordinator_client.get(change)
        assert page.status_code == 200
        assert 'name="display_name"' not in page.content.decode()
        assert coordinator_client.post(change, self.change_data(person)).status_code == 403
        password = reverse("admin:auth_user_password_change", args=[person.pk])
        assert coordinator_client.get(password).status_code == 403
        response = coordinator_client.post(password, {"password1": "x-new-pass-2026!", "password2": "x-new-pass-2026!"})
        assert response.status_code == 403
        person.refresh_from_db()
        assert person.display_name != "Taken over"
        assert person.check_password(PASSWORD)

    def test_a_superuser_may(self, client, superuser, staff):
        client.force_login(superuser)
        change = reverse("admin:members_user_change", args=[staff.pk])
        assert client.post(change, self.change_data(staff, is_staff="on")).status_code == 302
        staff.refresh_from_db()
        assert staff.display_name == "Taken over"

    def test_a_coordinator_still_changes_a_member_but_cannot_grant_admin_rights(self, coordinator_client, member):
        change = reverse("admin:members_user_change", args=[member.pk])
        response = coordinator_client.post(change, self.change_data(member, is_staff="on", is_superuser="on"))
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.display_name == "Taken over"
        assert (member.is_staff, member.is_superuser) == (False, False)
