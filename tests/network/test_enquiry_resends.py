"""A double click on "Send" gives one enquiry, and on a reply one message: nobody is told twice."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from members.enums import AffiliationRole
from network.models import Enquiry, EnquiryMessage, Notification
from network.services import trade
from tests.factories import AffiliationFactory, EnquiryFactory, OfferFactory, OrganisationFactory

ASK = "We need 40 scarves for our graduation in June. What would they cost?"


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def kuy_leader(db):
    kuy = OrganisationFactory(name="Cambodian Indigenous Peoples' Living", acronym="CIPL")
    return AffiliationFactory(organisation=kuy, role=AffiliationRole.LEADER, person__language="en").person


@pytest.fixture
def scarf(kuy_leader):
    return OfferFactory(organisation=kuy_leader.affiliations.get().organisation, title="Kuy hand-woven scarves")


@pytest.fixture
def dara(db):
    return AffiliationFactory(role=AffiliationRole.LEADER, person__language="en").person


def send(client, offer, body=ASK):
    return client.post(reverse("network:enquiry_create", args=[offer.pk]), {"body": body})


def reply(client, enquiry, body):
    return client.post(reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": body})


@pytest.mark.django_db
class TestSendingTwice:
    def test_a_double_click_on_send_gives_one_enquiry_and_tells_the_leaders_once(
        self, scarf, kuy_leader, dara, django_capture_on_commit_callbacks
    ):
        client = signed_in(dara)
        with django_capture_on_commit_callbacks(execute=True):
            first, second = send(client, scarf), send(client, scarf)
        enquiry = Enquiry.objects.get()
        assert (first.status_code, second.status_code) == (302, 302)
        assert first["Location"] == second["Location"] == enquiry.get_absolute_url()
        assert list(enquiry.messages.values_list("body", flat=True)) == [ASK]
        assert Notification.objects.filter(enquiry=enquiry).count() == 1
        assert [message.to for message in mail.outbox] == [[kuy_leader.email]]

    def test_the_same_words_with_spaces_around_are_the_same_message(self, scarf, kuy_leader, dara):
        client = signed_in(dara)
        send(client, scarf)
        assert send(client, scarf, body=f"  {ASK}\n").status_code == 302
        assert Enquiry.objects.count() == 1

    def test_different_words_make_a_new_enquiry(self, scarf, kuy_leader, dara):
        client = signed_in(dara)
        send(client, scarf)
        assert send(client, scarf, body="And 20 bags?").status_code == 302
        assert sorted(EnquiryMessage.objects.values_list("body", flat=True)) == ["And 20 bags?", ASK]
        assert Enquiry.objects.count() == 2

    def test_someone_else_with_the_same_words_makes_their_own(self, scarf, kuy_leader, dara):
        send(signed_in(dara), scarf)
        other = AffiliationFactory(role=AffiliationRole.STAFF).person
        send(signed_in(other), scarf)
        assert sorted(Enquiry.objects.values_list("author", flat=True)) == sorted([dara.pk, other.pk])

    def test_the_same_words_about_another_offer_make_a_new_enquiry(self, scarf, kuy_leader, dara):
        client = signed_in(dara)
        send(client, scarf)
        send(client, OfferFactory(organisation=scarf.organisation, title="Kuy baskets"))
        assert Enquiry.objects.count() == 2

    def test_the_same_words_after_a_minute_are_a_new_enquiry(self, scarf, kuy_leader, dara):
        client = signed_in(dara)
        send(client, scarf)
        Enquiry.objects.update(created_at=Enquiry.objects.get().created_at - timedelta(seconds=61))
        send(client, scarf)
        assert Enquiry.objects.count() == 2


@pytest.mark.django_db
class TestReplyingTwice:
    @pytest.fixture
    def enquiry(self, scarf, dara):
        return EnquiryFactory(offer=scarf, author=dara, body=ASK)

    def test_a_double_click_on_a_reply_posts_one_message_and_tells_once(
        self, enquiry, kuy_leader, dara, django_capture_on_commit_callbacks
    ):
        client = signed_in(kuy_leader)
        with django_capture_on_commit_callbacks(execute=True):
            first = reply(client, enquiry, "Yes: 12 USD each, ready in May.")
            second = reply(client, enquiry, "Yes: 12 USD each, ready in May.")
        assert (first.status_code, second.status_code) == (302, 302)
        assert first["Location"] == second["Location"] == enquiry.get_absolute_url()
        assert list(enquiry.messages.values_list("body", flat=True)) == [ASK, "Yes: 12 USD each, ready in May."]
        assert Notification.objects.filter(enquiry=enquiry, recipient=dara).count() == 1
        assert [message.to for message in mail.outbox] == [[dara.email]]

    def test_a_different_reply_is_a_new_message(self, enquiry, kuy_leader):
        client = signed_in(kuy_leader)
        reply(client, enquiry, "Yes: 12 USD each.")
        assert reply(client, enquiry, "Ready in May.").status_code == 302
        assert enquiry.messages.count() == 3

    def test_the_other_side_may_write_the_same_words(self, enquiry, kuy_leader, dara):
        reply(signed_in(kuy_leader), enquiry, "Thank you!")
        reply(signed_in(dara), enquiry, "Thank you!")
        assert list(enquiry.messages.filter(body="Thank you!").values_list("author", flat=True)) == [
            kuy_leader.pk,
            dara.pk,
        ]

    def test_the_same_reply_after_a_minute_is_a_new_message(self, enquiry, kuy_leader):
        client = signed_in(kuy_leader)
        reply(client, enquiry, "Any news?")
        EnquiryMessage.objects.filter(body="Any news?").update(
            created_at=EnquiryMessage.objects.get(body="Any news?").created_at - timedelta(seconds=61)
        )
        reply(client, enquiry, "Any news?")
        assert enquiry.messages.filter(body="Any news?").count() == 2


def _while_the_first_is_open(first, second):
    """Run `first` in a transaction kept open a moment after it wrote, and `second` meanwhile in another
    connection: without the row lock, `second` would not see what `first` wrote and would write again."""
    wrote = threading.Event()
    results, errors = {}, []

    def run_first():
        try:
            with transaction.atomic():
                results["first"] = first()
                wrote.set()
                threading.Event().wait(0.5)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            wrote.set()
        finally:
            connection.close()

    def run_second():
        try:
            wrote.wait(5)
            results["second"] = second()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    return results["first"], results["second"]


@pytest.mark.django_db(transaction=True)
class TestAtTheSameTime:
    def test_two_sends_at_once_give_one_enquiry(self, scarf, dara):
        first, second = _while_the_first_is_open(
            lambda: trade.enquiry_send(offer=scarf, by=dara, body=ASK),
            lambda: trade.enquiry_send(offer=scarf, by=dara, body=ASK),
        )
        assert first.pk == second.pk
        assert Enquiry.objects.count() == 1 and EnquiryMessage.objects.count() == 1

    def test_two_replies_at_once_give_one_message(self, scarf, kuy_leader, dara):
        enquiry = EnquiryFactory(offer=scarf, author=dara, body=ASK)
        first, second = _while_the_first_is_open(
            lambda: trade.enquiry_reply(enquiry=enquiry, by=kuy_leader, body="Yes."),
            lambda: trade.enquiry_reply(enquiry=enquiry, by=kuy_leader, body="Yes."),
        )
        assert first.pk == second.pk
        assert enquiry.messages.count() == 2
