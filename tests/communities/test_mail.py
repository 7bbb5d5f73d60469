"""E-mails leave after the transaction commits: to facilitators on a request, to the person on approval and invitation."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import CoordinatorFactory, FacilitatorMembershipFactory, JoinRequestMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_request_to_join_emails_each_facilitator_in_their_language(
    member_client, member, cop_pwd, cop_facilitator, django_capture_on_commit_callbacks
):
    FacilitatorMembershipFactory(community=cop_pwd, person__email="sokunthea@llc.example", person__language="km")
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("communities:membership_request", args=["cop-pwd"]), {"message": "We train OPDs."})
    assert sorted(message.to[0] for message in mail.outbox) == ["norah@llc.example", "sokunthea@llc.example"]
    english = next(message for message in mail.outbox if message.to == ["norah@llc.example"])
    assert english.subject == "Dara Member asks to join CoP-PwD"
    assert "We train OPDs." in english.body
    assert f"{settings.SITE_URL}/communities/cop-pwd/people/" in english.body
    assert english.alternatives[0][1] == "text/html"


def test_without_facilitators_the_coordinators_are_told(member_client, cop_pwd, django_capture_on_commit_callbacks):
    CoordinatorFactory(email="sokha@llc.example")
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("communities:membership_request", args=["cop-pwd"]), {"message": ""})
    assert [message.to for message in mail.outbox] == [["sokha@llc.example"]]


def test_a_refused_request_sends_nothing(as_user, cop_member, cop_facilitator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        as_user(cop_member).post(reverse("communities:membership_request", args=["cop-pwd"]), {"message": ""})
    assert callbacks == []
    assert mail.outbox == []


def test_approval_emails_the_person(as_user, cop_pwd, cop_facilitator, django_capture_on_commit_callbacks):
    request = JoinRequestMembershipFactory(community=cop_pwd, person__email="dara@srclc.example")
    with django_capture_on_commit_callbacks(execute=True):
        as_user(cop_facilitator).post(reverse("communities:membership_approve", args=["cop-pwd", request.pk]))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dara@srclc.example"]
    assert mail.outbox[0].subject == "Welcome to CoP-PwD"
    assert f"{settings.SITE_URL}/communities/cop-pwd/" in mail.outbox[0].body


def test_declining_sends_nothing(as_user, cop_pwd, cop_facilitator, django_capture_on_commit_callbacks):
    request = JoinRequestMembershipFactory(community=cop_pwd)
    with django_capture_on_commit_callbacks(execute=True):
        as_user(cop_facilitator).post(reverse("communities:membership_decline", args=["cop-pwd", request.pk]))
    assert mail.outbox == []


def test_an_invitation_emails_the_invitee(
    as_user, member, cop_pwd, cop_facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        as_user(cop_facilitator).post(
            reverse("communities:membership_invite", args=["cop-pwd"]),
            {"person": member.pk, "message": "Your OPD work fits."},
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "Norah Lay invites you to CoP-PwD"
    assert "Your OPD work fits." in message.body
    assert "Your OPD work fits." in message.alternatives[0][0]
