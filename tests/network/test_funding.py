"""Funding opportunities and consortia: who may do what, bad input refused, lists flat, reminders once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from common.models import Delivery
from members.enums import AffiliationRole
from members.models import FocusArea
from network.enums import ConsortiumOutcome, PartnerStatus
from network.models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMessage,
    ConsortiumPartner,
    ConsortiumStep,
    FundingOpportunity,
    OpportunityFollow,
    OpportunityInterest,
)
from network.services import funding
from network.services.funding_reminders import FUNDING_DEADLINE, send_funding_deadline_reminders, stage_for
from tests.factories import AffiliationFactory, OrganisationFactory, PendingUserFactory, UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


def opportunity(**fields):
    values = {
        "donor": "ILO",
        "title": "Decent employment for persons with disabilities",
        "deadline": today() + timedelta(days=30),
        "amount_min": Decimal("10000"),
        "amount_max": Decimal("50000"),
        "currency": "USD",
    }
    values.update(fields)
    themes = values.pop("themes", [])
    made = FundingOpportunity.objects.create(**values)
    made.themes.set(FocusArea.objects.filter(slug__in=themes))
    return made


def leader_of(organisation, **person):
    return AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER, person__language="en", **{
        f"person__{key}": value for key, value in person.items()
    }).person  # fmt: skip


def staff_of(organisation):
    return AffiliationFactory(organisation=organisation, role=AffiliationRole.STAFF).person


@pytest.fixture
def three():
    """Three member organisations, each with a leader and a staff member."""
    orgs = [OrganisationFactory(name=name, acronym=acronym) for name, acronym in [
        ("Cambodian Disabled People's Organisation", "CDPO"),
        ("Light for the World Cambodia", "LftW"),
        ("Banteay Srei", "BS"),
    ]]  # fmt: skip
    return [(org, leader_of(org), staff_of(org)) for org in orgs]


@pytest.fixture
def consortium(three):
    (lead, lead_leader, _), (second, second_leader, _), _third = three
    call = opportunity()
    made = funding.consortium_create(opportunity=call, lead=lead, by=lead_leader)
    partner = funding.consortium_invite(consortium=made, organisation=second, role="Training", by=lead_leader)
    funding.consortium_partner_answer(partner=partner, accept=True, by=second_leader)
    return made


def form_data(**changes):
    data = {
        "donor": "ILO",
        "title": "Decent employment call",
        "url": "https://www.ilo.org/call",
        "deadline": (today() + timedelta(days=20)).isoformat(),
        "amount_min": "10000",
        "amount_max": "50000",
        "currency": "USD",
        "themes": [FocusArea.objects.get(slug="disability").pk] if FocusArea.objects.filter(slug="disability") else [],
        "summary": "Jobs for persons with disabilities.",
        "how_to_apply": "Send a concept note.",
    }
    data.update(changes)
    return data


class TestPosting:
    def test_a_member_posts_an_opportunity_and_follows_it(self, member_client, member):
        response = member_client.post(reverse("network:opportunity_create"), form_data())
        made = FundingOpportunity.objects.get()
        assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
        assert (made.donor, made.amount_min, made.amount_max, made.posted_by) == (
            "ILO", Decimal("10000.00"), Decimal("50000.00"), member,
        )  # fmt: skip
        assert OpportunityFollow.objects.filter(opportunity=made, person=member).exists()

    def test_someone_waiting_for_approval_may_not_post_or_read(self, client):
        client.force_login(PendingUserFactory())
        assert client.get(reverse("network:opportunity_create")).status_code == 403
        assert client.post(reverse("network:opportunity_create"), form_data()).status_code == 403
        assert client.get(reverse("network:opportunity_list")).status_code == 403
        assert FundingOpportunity.objects.count() == 0

    def test_anonymous_people_are_sent_to_sign_in(self, client):
        assert client.get(reverse("network:opportunity_list"))["Location"].startswith("/accounts/login/")

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"amount_min": "60000"}, "amount_max", "The largest grant cannot be smaller than the smallest."),
            ({"deadline": "2020-01-01"}, "deadline", "The deadline is already past. Enter a date from today on."),
            ({"summary": "x" * 20_001}, "summary", "Ensure this value has at most 20000 characters (it has 20001)."),
            ({"title": "t" * 201}, "title", "Ensure this value has at most 200 characters (it has 201)."),
            ({"title": "Two\nlines"}, "title", "Write this on one line, without line breaks."),
            ({"amount_max": "5²"}, "amount_max", "Enter a number."),
            ({"amount_min": "-5"}, "amount_min", "Ensure this value is greater than or equal to 0."),
            ({"amount_max": "1" * 20}, "amount_max", "Ensure that there are no more than 14 digits in total."),
            ({"currency": "BTC"}, "currency", "Select a valid choice. BTC is not one of the available choices."),
            ({"donor": "   "}, "donor", "This field is required."),
        ],
        ids=["min-over-max", "past-deadline", "huge-text", "long-title", "line-break", "superscript", "negative",
             "too-many-digits", "currency", "blank-donor"],
    )  # fmt: skip
    def test_bad_input_is_refused_clearly(self, member_client, changes, field, message):
        response = member_client.post(reverse("network:opportunity_create"), form_data(**changes))
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
        assert FundingOpportunity.objects.count() == 0

    def test_khmer_digits_are_read_as_the_number_they_write(self, member_client):
        response = member_client.post(
            reverse("network:opportunity_create"), form_data(amount_min="១០០០០", amount_max="៥០០០០")
        )
        assert response.status_code == 302
        made = FundingOpportunity.objects.get()
        assert (made.amount_min, made.amount_max) == (Decimal("10000.00"), Decimal("50000.00"))

    def test_the_service_refuses_amounts_out_of_order_too(self, member):
        with pytest.raises(Exception) as error:
            funding.opportunity_save(
                by=member, donor="ILO", title="Call", deadline=today(), amount_min=Decimal(5), amount_max=Decimal(1)
            )
        assert error.value.message_dict == {"amount_max": ["The largest grant cannot be smaller than the smallest."]}

    def test_an_old_deadline_may_stay_when_the_poster_edits_other_fields(self, client, member):
        made = opportunity(posted_by=member)
        FundingOpportunity.objects.filter(pk=made.pk).update(deadline=today() - timedelta(days=3))
        client.force_login(member)
        data = form_data(deadline=(today() - timedelta(days=3)).isoformat(), title="Renamed")
        assert client.post(reverse("network:opportunity_update", args=[made.pk]), data).status_code == 302
        assert FundingOpportunity.objects.get().title == "Renamed"

    def test_only_the_poster_and_coordinators_edit(self, client, member, coordinator):
        made = opportunity(posted_by=member)
        url = reverse("network:opportunity_update", args=[made.pk])
        client.force_login(UserFactory())
        assert client.get(url).status_code == 403
        assert client.post(url, form_data(title="Hijacked")).status_code == 403
        for person in (member, coordinator):
            client.force_login(person)
            assert client.get(url).status_code == 200
        assert FundingOpportunity.objects.get().title == made.title

    def test_coordinators_feature_and_members_may_not(self, client, member, coordinator):
        made = opportunity()
        url = reverse("network:opportunity_feature", args=[made.pk])
        client.force_login(member)
        assert client.post(url, {"featured": "1"}).status_code == 403
        client.force_login(coordinator)
        assert client.post(url, {"featured": "1"}).status_code == 302
        assert FundingOpportunity.objects.get().is_featured is True


class TestList:
    def test_past_deadlines_leave_the_open_list_but_stay_searchable(self, member_client):
        opportunity(title="Open call for jobs")
        closed = opportunity(title="Closed call for jobs")
        FundingOpportunity.objects.filter(pk=closed.pk).update(deadline=today() - timedelta(days=1))
        url = reverse("network:opportunity_list")

        def titles(query=""):
            return [o.title for o in member_client.get(f"{url}?{query}").context["page"].object_list]

        assert titles() == ["Open call for jobs"]
        assert titles("when=closed") == ["Closed call for jobs"]
        assert titles("when=all&q=closed") == ["Closed call for jobs"]
        assert titles("when=nonsense") == ["Open call for jobs"]

    def test_filters_by_theme_deadline_and_amount(self, member_client):
        opportunity(title="Disability, soon, large", themes=["disability"], deadline=today() + timedelta(days=5))
        opportunity(title="Education, later, small", themes=["education"], amount_max=Decimal("5000"),
                    amount_min=Decimal("1000"), deadline=today() + timedelta(days=60))  # fmt: skip
        url = reverse("network:opportunity_list")

        def titles(query):
            return [o.title for o in member_client.get(f"{url}?{query}").context["page"].object_list]

        assert titles("theme=disability") == ["Disability, soon, large"]
        assert titles(f"deadline_before={(today() + timedelta(days=10)).isoformat()}") == ["Disability, soon, large"]
        assert titles("amount_at_least=20000") == ["Disability, soon, large"]
        assert titles("amount_at_least=២០០០០") == ["Disability, soon, large"]
        assert sorted(titles("amount_at_least=abc&deadline_before=%00&page=%00")) == [
            "Disability, soon, large", "Education, later, small",
        ]  # fmt: skip

    def test_featured_come_first(self, member_client):
        opportunity(title="Soon")
        opportunity(title="Featured later", is_featured=True, deadline=today() + timedelta(days=90))
        page = member_client.get(reverse("network:opportunity_list")).context["page"]
        assert [o.title for o in page.object_list] == ["Featured later", "Soon"]

    def test_the_list_makes_as_many_queries_for_one_row_as_for_a_full_page(
        self, member_client, member, django_assert_num_queries
    ):
        url = reverse("network:opportunity_list")
        first = opportunity(themes=["education"])
        member_client.get(url)
        # Seven: the bell's unread count is kept in the cache after the first page (common.fragments).
        with django_assert_num_queries(7):
            assert member_client.get(url).status_code == 200
        for number in range(settings.PAGE_SIZE + 5):
            made = opportunity(title=f"Call {number}", themes=["education", "disability"])
            OpportunityInterest.objects.create(opportunity=made, organisation=OrganisationFactory())
        OpportunityFollow.objects.create(opportunity=first, person=member)
        with django_assert_num_queries(7):
            response = member_client.get(url)
        assert len(response.context["page"].object_list) == settings.PAGE_SIZE


class TestInterest:
    def test_a_leader_says_their_organisation_is_interested(self, client, three):
        org, leader, _staff = three[0]
        made = opportunity()
        client.force_login(leader)
        url = reverse("network:opportunity_express_interest", args=[made.pk])
        assert client.post(url, {"organisation": org.pk}).status_code == 302
        assert list(OpportunityInterest.objects.values_list("organisation", flat=True)) == [org.pk]
        assert OpportunityFollow.objects.filter(opportunity=made, person=leader).exists()

    def test_staff_who_lead_nothing_may_not_speak_for_an_organisation(self, client, three):
        org, _leader, staff = three[0]
        made = opportunity()
        client.force_login(staff)
        response = client.post(
            reverse("network:opportunity_express_interest", args=[made.pk]), {"organisation": org.pk}
        )
        assert response.status_code == 403
        assert OpportunityInterest.objects.count() == 0

    def test_a_leader_may_not_speak_for_another_organisation(self, client, three):
        (_org, leader, _), (other, _, _), _ = three
        made = opportunity()
        client.force_login(leader)
        client.post(reverse("network:opportunity_express_interest", args=[made.pk]), {"organisation": other.pk})
        assert OpportunityInterest.objects.count() == 0

    def test_after_the_deadline_nobody_says_so_any_more(self, client, three):
        org, leader, _ = three[0]
        made = opportunity()
        FundingOpportunity.objects.filter(pk=made.pk).update(deadline=today() - timedelta(days=1))
        client.force_login(leader)
        response = client.post(
            reverse("network:opportunity_express_interest", args=[made.pk]), {"organisation": org.pk}
        )
        assert response.status_code == 403


class TestConsortium:
    def test_a_leader_forms_one_and_invited_leaders_accept(self, client_for, three):
        (lead, lead_leader, _), (second, second_leader, _), (third, third_leader, _) = three
        made = opportunity()
        response = client_for(lead_leader).post(reverse("network:consortium_create", args=[made.pk]), {"lead": lead.pk})
        consortium = Consortium.objects.get()
        assert response["Location"] == consortium.get_absolute_url()
        invite = reverse("network:consortium_invite", args=[consortium.pk])
        for org in (second, third):
            assert (
                client_for(lead_leader).post(invite, {"organisation": org.pk, "role": "Field work"}).status_code == 302
            )
        invited_to = {d.recipient_id for d in Delivery.objects.filter(topic_id=consortium.pk)}
        assert invited_to == {second_leader.pk, third_leader.pk}
        for org, leader in ((second, second_leader), (third, third_leader)):
            partner = ConsortiumPartner.objects.get(organisation=org)
            answer = reverse("network:consortium_partner_answer", args=[consortium.pk, partner.pk])
            assert client_for(leader).post(answer, {"answer": "accept"}).status_code == 302
        assert sorted(consortium.partners.values_list("organisation__acronym", "status")) == [
            ("BS", PartnerStatus.ACCEPTED), ("CDPO", PartnerStatus.ACCEPTED), ("LftW", PartnerStatus.ACCEPTED),
        ]  # fmt: skip

    def test_only_a_leader_of_the_invited_organisation_answers(self, client_for, three):
        (lead, lead_leader, lead_staff), (second, second_leader, second_staff), (_, third_leader, _) = three
        consortium = funding.consortium_create(opportunity=opportunity(), lead=lead, by=lead_leader)
        partner = funding.consortium_invite(consortium=consortium, organisation=second, role="", by=lead_leader)
        answer = reverse("network:consortium_partner_answer", args=[consortium.pk, partner.pk])
        for person in (second_staff, third_leader, lead_leader, lead_staff):
            assert client_for(person).post(answer, {"answer": "accept"}).status_code == 403
        assert ConsortiumPartner.objects.get(pk=partner.pk).status == PartnerStatus.INVITED
        assert client_for(second_leader).post(answer, {"answer": "decline"}).status_code == 302
        assert ConsortiumPartner.objects.get(pk=partner.pk).status == PartnerStatus.DECLINED
        # Answered once: a second answer is not offered.
        assert client_for(second_leader).post(answer, {"answer": "accept"}).status_code == 403

    def test_an_answer_under_another_consortiums_address_is_not_found(self, client_for, three, consortium):
        (_, lead_leader, _), _, (third, third_leader, _) = three
        partner = funding.consortium_invite(consortium=consortium, organisation=third, role="", by=lead_leader)
        wrong = reverse("network:consortium_partner_answer", args=[consortium.pk + 1000, partner.pk])
        assert client_for(third_leader).post(wrong, {"answer": "accept"}).status_code == 404

    def test_only_leaders_of_the_lead_invite_and_record_the_outcome(self, client_for, three, consortium):
        (_, _, lead_staff), (_, second_leader, _), (third, _, _) = three
        for person in (lead_staff, second_leader, UserFactory()):
            client = client_for(person)
            invite = reverse("network:consortium_invite", args=[consortium.pk])
            assert client.post(invite, {"organisation": third.pk}).status_code == 403
            outcome = reverse("network:consortium_record_outcome", args=[consortium.pk])
            assert client.post(outcome, {"outcome": "won", "amount_won": "1"}).status_code == 403
        assert not ConsortiumPartner.objects.filter(organisation=third).exists()
        assert Consortium.objects.get().outcome == ConsortiumOutcome.PREPARING

    def test_an_organisation_already_in_is_not_invited_twice(self, client_for, three, consortium):
        (_, lead_leader, _), (second, _, _), _ = three
        response = client_for(lead_leader).post(
            reverse("network:consortium_invite", args=[consortium.pk]), {"organisation": second.pk}
        )
        assert response.status_code == 400
        assert response.context["invite_form"].errors["organisation"] == [
            "This organisation is already in the consortium or invited."
        ]

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"outcome": "won"}, "amount_won", "Enter the amount won."),
            ({"outcome": "lost", "amount_won": "5"}, "amount_won", "Give an amount only for a grant that was won."),
            (
                {"outcome": "preparing"},
                "outcome",
                "Select a valid choice. preparing is not one of the available choices.",
            ),
            ({"outcome": "won", "amount_won": "-1"}, "amount_won", "Ensure this value is greater than or equal to 0."),
        ],
        ids=["win-without-amount", "loss-with-amount", "back-to-preparing", "negative"],
    )
    def test_a_wrong_outcome_is_refused(self, client_for, three, consortium, data, field, message):
        response = client_for(three[0][1]).post(
            reverse("network:consortium_record_outcome", args=[consortium.pk]), data
        )
        assert response.status_code == 400
        assert response.context["outcome_form"].errors[field] == [message]
        assert Consortium.objects.get().outcome == ConsortiumOutcome.PREPARING

    def test_the_lead_records_a_win_with_lessons(self, client_for, three, consortium):
        url = reverse("network:consortium_record_outcome", args=[consortium.pk])
        data = {"outcome": "won", "amount_won": "45000", "lessons": "Start the budget **early**."}
        assert client_for(three[0][1]).post(url, data).status_code == 302
        saved = Consortium.objects.get()
        assert (saved.outcome, saved.amount_won, saved.lessons) == ("won", Decimal("45000.00"), data["lessons"])
        page = client_for(three[1][2]).get(saved.get_absolute_url()).content.decode()
        assert "45,000.00 USD" in page and "<strong>early</strong>" in page


class TestPrivateSpace:
    def test_people_of_its_organisations_and_coordinators_see_it_and_outsiders_never(
        self, client_for, three, consortium, coordinator, private_media
    ):
        (_, lead_leader, lead_staff), (_, _, second_staff), (_, third_leader, third_staff) = three
        funding.consortium_message_post(consortium=consortium, author=lead_staff, body="Budget draft by Friday")
        document = funding.consortium_document_add(
            consortium=consortium, file=SimpleUploadedFile("budget.pdf", PDF), by=lead_leader
        )
        page = consortium.get_absolute_url()
        download = reverse("network:consortium_document_download", args=[consortium.pk, document.pk])
        for person in (lead_leader, lead_staff, second_staff, coordinator):
            client = client_for(person)
            assert "Budget draft by Friday" in client.get(page).content.decode()
            assert client.get(download).status_code == 200
        for outsider in (third_leader, third_staff, UserFactory()):
            client = client_for(outsider)
            assert client.get(page).status_code == 403
            assert client.get(download).status_code == 403
        assert client_for(PendingUserFactory()).get(download).status_code == 403

    def test_an_invited_leader_sees_the_invitation_but_not_the_private_space(
        self, client_for, three, consortium, private_media
    ):
        (_, lead_leader, _), _, (third, third_leader, _) = three
        funding.consortium_message_post(consortium=consortium, author=lead_leader, body="Secret budget talk")
        document = funding.consortium_document_add(
            consortium=consortium, file=SimpleUploadedFile("budget.pdf", PDF), by=lead_leader
        )
        funding.consortium_invite(consortium=consortium, organisation=third, role="Research", by=lead_leader)
        client = client_for(third_leader)
        html = client.get(consortium.get_absolute_url()).content.decode()
        assert "Accept" in html and "Secret budget talk" not in html and "budget.pdf" not in html
        download = reverse("network:consortium_document_download", args=[consortium.pk, document.pk])
        assert client.get(download).status_code == 403

    def test_a_member_who_leaves_the_organisation_loses_the_space(self, client_for, three, consortium):
        (lead, _, lead_staff), _, _ = three
        client = client_for(lead_staff)
        assert client.get(consortium.get_absolute_url()).status_code == 200
        lead_staff.affiliations.filter(organisation=lead).delete()
        assert client.get(consortium.get_absolute_url()).status_code == 403

    def test_the_space_makes_as_many_queries_with_many_messages_steps_and_documents(
        self, client_for, three, consortium, private_media
    ):
        from tests.helpers import queries_for

        (_, lead_leader, _), (_, second_leader, _), _ = three
        client = client_for(lead_leader)
        url = consortium.get_absolute_url()

        def add(number):
            funding.consortium_message_post(consortium=consortium, author=second_leader, body=f"Note {number}")
            funding.consortium_step_add(
                consortium=consortium, title=f"Step {number}", owner=second_leader, by=lead_leader
            )
            funding.consortium_document_add(
                consortium=consortium, file=SimpleUploadedFile(f"d{number}.pdf", PDF), by=lead_leader
            )

        add(0)
        few = queries_for(client, url)
        for number in range(1, 15):
            add(number)
        assert queries_for(client, url) == few

    def test_messages_are_markdown_shown_safely(self, client_for, three, consortium):
        client = client_for(three[1][2])
        body = "**Plan** <script>alert(1)</script> [x](javascript:alert(2))"
        url = reverse("network:consortium_message_create", args=[consortium.pk])
        assert client.post(url, {"body": body}).status_code == 302
        html = client.get(consortium.get_absolute_url()).content.decode()
        assert "<strong>Plan</strong>" in html and "<script>alert(1)" not in html and "javascript:" not in html

    def test_outsiders_may_not_post_upload_or_add_steps(self, client_for, three, consortium, private_media):
        outsider = client_for(three[2][1])
        pk = consortium.pk
        assert outsider.post(reverse("network:consortium_message_create", args=[pk]), {"body": "hi"}).status_code == 403
        upload = {"file": SimpleUploadedFile("x.pdf", PDF)}
        assert outsider.post(reverse("network:consortium_document_create", args=[pk]), upload).status_code == 403
        assert outsider.post(reverse("network:consortium_step_create", args=[pk]), {"title": "x"}).status_code == 403
        assert (ConsortiumMessage.objects.count(), ConsortiumDocument.objects.count(), ConsortiumStep.objects.count()) == (
            0, 0, 0,
        )  # fmt: skip

    def test_a_document_that_is_not_what_it_says_is_refused(self, client_for, three, consortium, private_media):
        upload = {"file": SimpleUploadedFile("budget.pdf", b"<html><script>x</script>")}
        response = client_for(three[0][2]).post(
            reverse("network:consortium_document_create", args=[consortium.pk]), upload
        )
        assert response.status_code == 400
        assert response.context["document_form"].errors["file"] == ["budget.pdf does not look like a .pdf file."]

    def test_the_checklist_has_owners_from_the_consortium_only(self, client_for, three, consortium):
        (_, _, lead_staff), (_, second_leader, _), (_, _, third_staff) = three
        client = client_for(lead_staff)
        url = reverse("network:consortium_step_create", args=[consortium.pk])
        due = (today() + timedelta(days=3)).isoformat()
        response = client.post(url, {"title": "Concept note", "owner": third_staff.pk, "due_on": due})
        assert response.status_code == 400 and "owner" in response.context["step_form"].errors
        assert client.post(url, {"title": "Concept note", "owner": second_leader.pk, "due_on": due}).status_code == 302
        step = ConsortiumStep.objects.get()
        assert (step.owner, step.due_on.isoformat()) == (second_leader, due)
        done = reverse("network:consortium_step_done", args=[consortium.pk, step.pk])
        assert client.post(done, {"done": "1"}).status_code == 302
        assert ConsortiumStep.objects.get().done_at is not None
        assert client_for(third_staff).post(done, {"done": "0"}).status_code == 403
        assert ConsortiumStep.objects.get().done_at is not None


class TestReminders:
    def test_stages(self):
        assert [stage_for(days) for days in (-1, 0, 1, 2, 7, 8)] == [None, 1, 1, 7, 7, None]

    def test_followers_and_consortium_people_are_reminded_once_per_stage(self, three, consortium, member):
        (_, lead_leader, lead_staff), (_, second_leader, second_staff), (_, third_leader, _) = three
        call = consortium.opportunity
        FundingOpportunity.objects.filter(pk=call.pk).update(deadline=today() + timedelta(days=6))
        OpportunityFollow.objects.create(opportunity=call, person=member)
        send_funding_deadline_reminders(claim="first")
        send_funding_deadline_reminders(claim="again")
        reminded = sorted(message.to[0] for message in mail.outbox)
        expected = sorted(p.email for p in (lead_leader, lead_staff, second_leader, second_staff, member))
        assert reminded == expected
        assert third_leader.email not in reminded
        assert all("closes in 6 days" in message.subject for message in mail.outbox)
        # The day before is a new occasion.
        mail.outbox.clear()
        send_funding_deadline_reminders(claim="later", on=today() + timedelta(days=5))
        assert sorted(message.to[0] for message in mail.outbox) == expected
        assert all("closes tomorrow" in message.subject for message in mail.outbox)
        assert Delivery.objects.filter(kind=FUNDING_DEADLINE).count() == 10

    def test_nothing_for_a_far_or_past_deadline_or_a_consortium_that_applied(self, three, consortium):
        FundingOpportunity.objects.filter(pk=consortium.opportunity_id).update(deadline=today() + timedelta(days=3))
        Consortium.objects.update(outcome=ConsortiumOutcome.SUBMITTED)
        OpportunityFollow.objects.all().delete()
        send_funding_deadline_reminders(claim="x")
        opportunity(deadline=today() + timedelta(days=20)).follows.create(person=three[2][1])
        send_funding_deadline_reminders(claim="y")
        assert mail.outbox == []


class TestDigest:
    def test_new_opportunities_in_my_themes_are_in_my_digest(self):
        from network.services import digests

        reader = AffiliationFactory(organisation=OrganisationFactory(focus_areas=["disability"])).person
        reader.date_joined = timezone.now() - timedelta(days=30)
        reader.save()
        start = timezone.now() - timedelta(days=7)
        mine = opportunity(title="Jobs for persons with disabilities", themes=["disability"])
        opportunity(title="Unrelated call", themes=["education"])
        FundingOpportunity.objects.update(created_at=timezone.now() - timedelta(days=1))
        end = timezone.now()
        [person] = digests.people_for_batch([reader.pk])
        activity = digests.load_activity(since=start, until=end, people=[person])
        content = digests.content_for(person, activity, start=start, end=end)
        assert [o.title for o in content.opportunities.items] == [mine.title]
        assert not content.is_empty()


class TestDemo:
    def test_the_demo_has_the_ilo_call_and_a_consortium_of_three_and_adds_it_only_if_missing(self):
        from django.core.management import call_command

        from network.demo.funding import TITLE

        call_command("seed_demo")
        call = FundingOpportunity.objects.get(title=TITLE)
        [consortium] = call.consortia.all()
        assert sorted(consortium.partners.filter(status="accepted").values_list("organisation__acronym", flat=True)) == [
            "AUA", "CFSWF", "IDEA",
        ]  # fmt: skip
        assert (consortium.lead.acronym, call.is_featured, consortium.steps.count()) == ("IDEA", True, 3)
        # A demo loaded before the call existed (no record of that part) gets it on the next run; one that
        # has it is left alone.
        from network.models import DemoPart

        FundingOpportunity.objects.all().delete()
        DemoPart.objects.filter(name="funding").delete()
        call_command("seed_demo")
        assert FundingOpportunity.objects.filter(title=TITLE).count() == 1
        FundingOpportunity.objects.filter(title=TITLE).update(donor="ILO (edited)")
        call_command("seed_demo")
        assert list(FundingOpportunity.objects.values_list("donor", flat=True)) == ["ILO (edited)"]
