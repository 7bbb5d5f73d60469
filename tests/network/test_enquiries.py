"""Enquiries between members: they reach the organisation's leaders by e-mail and notification, only the
enquirer and those leaders read and answer the thread, and coordinators count them each quarter."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from common.models import Delivery
from members.enums import AffiliationRole
from network.enums import NotificationKind
from network.models import Enquiry, EnquiryMessage, Notification
from network.selectors import enquiries_by_quarter
from tests.factories import (
    AffiliationFactory,
    CoordinatorFactory,
    EnquiryFactory,
    OfferFactory,
    OrganisationFactory,
    PendingUserFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def kuy(db):
    return OrganisationFactory(name="Cambodian Indigenous Peoples' Living", slug="cipl", acronym="CIPL")


@pytest.fixture
def kuy_leaders(kuy):
    return [
        AffiliationFactory(organisation=kuy, role=AffiliationRole.LEADER, person__display_name=name).person
        for name in ("Srey Leak", "Sophal Kuy")
    ]


@pytest.fixture
def kuy_staff(kuy):
    return AffiliationFactory(organisation=kuy, role=AffiliationRole.STAFF).person


@pytest.fixture
def scarf(kuy):
    return OfferFactory(organisation=kuy, title="Kuy hand-woven scarves")


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Siem Reap Children's Learning Centre", slug="srclc", acronym="SRCLC")


@pytest.fixture
def dara(school):
    return AffiliationFactory(
        organisation=school, role=AffiliationRole.LEADER, person__display_name="Dara Kim", person__language="en"
    ).person


def send(client, offer, body="We need 40 scarves for our graduation in June. What would they cost?", **extra):
    return client.post(reverse("network:enquiry_create", args=[offer.pk]), {"body": body, **extra})


class TestSending:
    def test_an_enquiry_reaches_every_leader_by_mail_and_notification(
        self, scarf, kuy_leaders, kuy_staff, dara, school, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = send(signed_in(dara), scarf, from_organisation=school.pk)
        enquiry = Enquiry.objects.get()
        assert response.status_code == 302
        assert response["Location"] == enquiry.get_absolute_url()
        assert (enquiry.offer, enquiry.organisation, enquiry.author, enquiry.from_organisation) == (
            scarf,
            scarf.organisation,
            dara,
            school,
        )
        assert list(enquiry.messages.values_list("body", flat=True)) == [
            "We need 40 scarves for our graduation in June. What would they cost?"
        ]
        notified = Notification.objects.filter(kind=NotificationKind.ENQUIRY, enquiry=enquiry, actor=dara)
        assert sorted(notified.values_list("recipient__display_name", flat=True)) == ["Sophal Kuy", "Srey Leak"]
        assert sorted(message.to[0] for message in mail.outbox) == sorted(leader.email for leader in kuy_leaders)
        assert mail.outbox[0].subject == "An enquiry about “Kuy hand-woven scarves”"
        assert "Dara Kim of Siem Reap Children's Learning Centre asks about" in mail.outbox[0].body
        assert enquiry.get_absolute_url() in mail.outbox[0].body
        rows = Delivery.objects.filter(kind="enquiry", topic="network.enquiry", topic_id=enquiry.pk)
        assert rows.count() == 2

    def test_the_form_offers_only_the_senders_own_organisations(self, scarf, kuy_leaders, dara, school):
        form = signed_in(dara).get(reverse("network:enquiry_create", args=[scarf.pk])).context["form"]
        assert list(form.fields["from_organisation"].queryset) == [school]
        assert form.fields["from_organisation"].initial == school.pk

    def test_a_tampered_organisation_is_refused(self, scarf, kuy_leaders, dara):
        other = OrganisationFactory()
        response = send(signed_in(dara), scarf, from_organisation=other.pk)
        assert response.status_code == 200
        assert "Select a valid choice." in response.content.decode()
        assert not Enquiry.objects.exists()

    @pytest.mark.parametrize(("body", "message"), [("   ", "This field is required."), ("ក" * 4001, "at most 4000")])
    def test_an_empty_or_huge_message_is_refused_and_nothing_is_saved(self, scarf, kuy_leaders, dara, body, message):
        response = send(signed_in(dara), scarf, body=body)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Enquiry.objects.exists()
        assert not Notification.objects.exists()
        assert not Delivery.objects.exists()

    def test_a_leader_may_not_enquire_about_their_own_offer(self, scarf, kuy_leaders):
        client = signed_in(kuy_leaders[0])
        assert client.get(reverse("network:enquiry_create", args=[scarf.pk])).status_code == 403
        assert send(client, scarf).status_code == 403
        assert not Enquiry.objects.exists()

    def test_pending_and_anonymous_people_may_not_enquire(self, scarf):
        assert send(signed_in(PendingUserFactory()), scarf).status_code == 403
        response = send(Client(), scarf)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not Enquiry.objects.exists()

    def test_a_member_without_an_organisation_may_ask_as_themself(self, scarf, kuy_leaders, member):
        assert send(signed_in(member), scarf).status_code == 302
        assert Enquiry.objects.get().from_organisation is None


class TestThread:
    @pytest.fixture
    def enquiry(self, scarf, kuy_leaders, dara, school):
        return EnquiryFactory(offer=scarf, author=dara, from_organisation=school)

    def test_the_enquirer_and_the_leaders_read_it(self, enquiry, kuy_leaders, dara):
        for person in (dara, *kuy_leaders):
            response = signed_in(person).get(enquiry.get_absolute_url())
            assert response.status_code == 200
            assert "Do you sell 40 scarves?" in response.content.decode()

    def test_nobody_else_reads_or_writes_it(self, enquiry, kuy_staff, member):
        for person in (kuy_staff, member, CoordinatorFactory(), PendingUserFactory()):
            client = signed_in(person)
            assert client.get(enquiry.get_absolute_url()).status_code == 403
            response = client.post(reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": "Me too"})
            assert response.status_code == 403
        assert enquiry.messages.count() == 1

    def test_a_leader_replies_and_the_enquirer_hears(
        self, enquiry, kuy_leaders, dara, django_capture_on_commit_callbacks
    ):
        srey, sophal = kuy_leaders
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in(srey).post(
                reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": "Yes: 12 USD each, ready in May."}
            )
        assert response.status_code == 302
        assert list(enquiry.messages.values_list("author__display_name", "body")) == [
            ("Dara Kim", "Do you sell 40 scarves?"),
            ("Srey Leak", "Yes: 12 USD each, ready in May."),
        ]
        notified = Notification.objects.filter(kind=NotificationKind.ENQUIRY_REPLY, enquiry=enquiry)
        assert sorted(notified.values_list("recipient__display_name", flat=True)) == ["Dara Kim", "Sophal Kuy"]
        assert sorted(message.to[0] for message in mail.outbox) == sorted([dara.email, sophal.email])
        assert "Srey Leak wrote in the enquiry about “Kuy hand-woven scarves”" in mail.outbox[0].body
        enquiry.refresh_from_db()
        assert enquiry.last_message_at == EnquiryMessage.objects.latest("pk").created_at

    def test_a_listing_taken_down_leaves_its_enquiries_readable_and_counted(self, enquiry, kuy_leaders, dara):
        signed_in(kuy_leaders[0]).post(reverse("members:offer_delete", args=[enquiry.offer.pk]))
        enquiry.refresh_from_db()
        assert (enquiry.offer, enquiry.subject) == (None, "Kuy hand-woven scarves")
        page = signed_in(dara).get(enquiry.get_absolute_url()).content.decode()
        assert "Enquiry about “Kuy hand-woven scarves”" in page
        assert "The listing has been taken down." in page
        reply = signed_in(kuy_leaders[1]).post(
            reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": "Sold out"}
        )
        assert reply.status_code == 302
        assert sum(row["count"] for row in enquiries_by_quarter()) == 1

    def test_an_empty_reply_is_refused_on_the_page(self, enquiry, dara):
        response = signed_in(dara).post(reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": " "})
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()
        assert enquiry.messages.count() == 1

    def test_the_notification_leads_to_the_thread(self, enquiry, kuy_leaders, dara):
        srey = kuy_leaders[0]
        signed_in(dara).post(reverse("network:enquiry_reply", args=[enquiry.pk]), {"body": "Any news?"})
        client = signed_in(srey)
        page = client.get(reverse("network:notification_list")).content.decode()
        assert "Dara Kim wrote in the enquiry about “Kuy hand-woven scarves”" in page
        notification = Notification.objects.get(recipient=srey)
        response = client.post(reverse("network:notification_read"), {"notification": notification.pk})
        assert response["Location"] == enquiry.get_absolute_url()

    def test_the_list_shows_sent_and_received_enquiries_only(self, enquiry, kuy_leaders, dara, kuy_staff):
        EnquiryFactory()  # between others
        assert [e.pk for e in signed_in(dara).get(reverse("network:enquiry_list")).context["page"]] == [enquiry.pk]
        assert [e.pk for e in signed_in(kuy_leaders[0]).get(reverse("network:enquiry_list")).context["page"]] == [
            enquiry.pk
        ]
        assert list(signed_in(kuy_staff).get(reverse("network:enquiry_list")).context["page"]) == []
        assert signed_in(PendingUserFactory()).get(reverse("network:enquiry_list")).status_code == 403

    def test_the_list_makes_as_many_queries_for_many_enquiries_as_for_one(
        self, enquiry, dara, django_assert_num_queries
    ):
        client = signed_in(dara)
        url = reverse("network:enquiry_list")
        one = queries_for(client, url)
        for _ in range(12):
            EnquiryFactory(author=dara, from_organisation=enquiry.from_organisation)
        with django_assert_num_queries(one):
            response = client.get(url)
        assert len(response.context["page"].object_list) == 13


class TestQuarterlyMeasure:
    def at(self, year, month, day):
        return datetime.datetime(year, month, day, 9, tzinfo=PHNOM_PENH)

    def test_enquiries_are_counted_by_quarter_in_the_networks_time_zone(self, settings):
        settings.TIME_ZONE = "Asia/Phnom_Penh"
        from django.utils import timezone

        today = timezone.localdate()
        this_quarter = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        start = datetime.datetime.combine(this_quarter, datetime.time(), tzinfo=PHNOM_PENH)
        school, kuy = OrganisationFactory(), OrganisationFactory()
        # Two this quarter (one answered), the first of them just after midnight of its first day in Phnom Penh.
        answered = EnquiryFactory(offer__organisation=kuy, from_organisation=school, created_at=start)
        EnquiryMessage.objects.create(enquiry=answered, author=UserFactory(), body="Yes")
        EnquiryFactory(offer__organisation=kuy, from_organisation=None, created_at=start + datetime.timedelta(hours=5))
        # One a minute before the quarter began: the previous quarter.
        EnquiryFactory(from_organisation=school, created_at=start - datetime.timedelta(minutes=1))
        rows = enquiries_by_quarter()
        assert len(rows) == 8
        assert rows[-1]["start"] == this_quarter
        assert (rows[-1]["count"], rows[-1]["asking"], rows[-1]["asked"], rows[-1]["replied"]) == (2, 1, 1, 1)
        assert (rows[-2]["count"], rows[-2]["asking"], rows[-2]["replied"]) == (1, 1, 0)
        assert sum(row["count"] for row in rows[:-2]) == 0

    def test_a_coordinator_sees_the_chart_and_the_table(self, scarf):
        EnquiryFactory(offer=scarf)
        response = signed_in(CoordinatorFactory()).get(reverse("network:enquiry_report"))
        page = response.content.decode()
        assert response.status_code == 200
        assert '<svg viewBox="0 0 386 144" class="bar-chart" aria-hidden="true"' in page
        assert page.count('class="bar"></rect>') == 8
        assert "<caption>Enquiries between members, by quarter</caption>" in page
        assert response.context["total"] == 1

    @pytest.mark.parametrize("who", ["member", "leader", "pending"])
    def test_others_may_not_see_the_measure(self, who, scarf):
        person = {
            "member": UserFactory(),
            "leader": AffiliationFactory(organisation=scarf.organisation, role=AffiliationRole.LEADER).person,
            "pending": PendingUserFactory(),
        }[who]
        assert signed_in(person).get(reverse("network:enquiry_report")).status_code == 403
