"""Partnerships: the agreement, health reviews answered by each partner, their change over time, follow-up
actions; who may see and do what; hostile input."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities import services
from communities.domain.health import disagreements, health_history
from communities.enums import ReviewState, StandardPrinciple
from communities.models import HealthReview, Partner, Partnership, ReviewAnswer, ReviewScore
from members.enums import AffiliationRole
from tests.factories import AffiliationFactory, OrganisationFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(db):
    return OrganisationFactory(name="Independent Democracy of Informal Economy Association", acronym="IDEA")


@pytest.fixture
def idea_leader(idea):
    return AffiliationFactory(
        organisation=idea,
        role=AffiliationRole.LEADER,
        person__display_name="Vorn Pov",
        person__email="pov@idea.example",
    ).person


@pytest.fixture
def idea_staff(idea):
    return AffiliationFactory(organisation=idea, person__display_name="Srey Staff").person


@pytest.fixture
def ilo_rep(ilo):
    return UserFactory(display_name="Rithy Heng", email="rithy@ilo.example")


@pytest.fixture
def partnership(cop_pwd, cop_facilitator, idea, idea_leader, ilo, ilo_rep):
    partnership = services.partnership_create(
        by=cop_facilitator,
        name="CoP-PwD and the ILO",
        goal="Decent work for people with disabilities.",
        community=cop_pwd,
        standard_principles=[StandardPrinciple.EQUITY, StandardPrinciple.TRANSPARENCY],
        custom_principles=["Decisions are taken together"],
        measures=[("Joint activities held as planned", "")],
    )
    services.partner_add(partnership=partnership, by=cop_facilitator, organisation=idea, role="Lead of the CoP")
    services.partner_add(
        partnership=partnership, by=cop_facilitator, organisation=ilo, role="Technical adviser", representative=ilo_rep
    )
    return partnership


def _scores(partnership, value, comment=""):
    return (
        {p.pk: (value, comment) for p in partnership.principles.all()},
        {m.pk: (value, comment) for m in partnership.measures.all()},
    )


def _answer(review, partner, by, value, comment=""):
    principles, measures = _scores(review.partnership, value, comment)
    return services.review_answer(
        review=review, partner=partner, by=by, principle_scores=principles, measure_scores=measures
    )


def _form_data(partnership, value, comment=""):
    data = {}
    for principle in partnership.principles.all():
        data[f"principle_{principle.pk}_score"] = value
        data[f"principle_{principle.pk}_comment"] = comment
    for measure in partnership.measures.all():
        data[f"measure_{measure.pk}_score"] = value
        data[f"measure_{measure.pk}_comment"] = comment
    return data


# --- the agreement and the reviews ----------------------------------------------------------


class TestServices:
    def test_the_agreement_keeps_standard_and_own_principles_in_the_readers_words(self, partnership):
        titles = [principle.title for principle in partnership.principles.all()]
        assert titles == ["Equity", "Transparency", "Decisions are taken together"]
        assert partnership.next_review_on == timezone.localdate() + relativedelta(months=6)
        assert partnership.measures.get().title == "Joint activities held as planned"

    def test_a_partnership_without_any_principle_is_refused_and_nothing_is_saved(self, cop_facilitator):
        with pytest.raises(ValidationError):
            services.partnership_create(by=cop_facilitator, name="Empty", goal="x")
        assert not Partnership.objects.exists()

    def test_the_same_organisation_cannot_be_a_partner_twice(self, partnership, idea, cop_facilitator):
        with pytest.raises(ValidationError) as error:
            services.partner_add(partnership=partnership, by=cop_facilitator, organisation=idea)
        assert "partner already" in str(error.value)

    def test_opening_a_review_asks_each_representative_or_else_the_leaders(
        self, partnership, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            review = services.review_open(partnership=partnership)
        assert review.number == 1
        assert sorted(message.to[0] for message in mail.outbox) == ["pov@idea.example", "rithy@ilo.example"]
        message = mail.outbox[0]
        assert message.subject == "How is CoP-PwD and the ILO doing? Health review 1"
        assert f"/partnerships/{partnership.pk}/reviews/1/answer/" in message.body

    def test_only_one_review_is_open_at_a_time(self, partnership):
        services.review_open(partnership=partnership)
        with pytest.raises(ValidationError):
            services.review_open(partnership=partnership)
        assert HealthReview.objects.count() == 1

    def test_an_answer_scores_everything_from_one_to_five_and_replaces_itself(self, partnership, idea_leader):
        review = services.review_open(partnership=partnership)
        partner = partnership.partners.get(organisation__acronym="IDEA")
        _answer(review, partner, idea_leader, 3)
        _answer(review, partner, idea_leader, 4, "Better since March")
        answer = ReviewAnswer.objects.get()
        assert sorted(answer.scores.values_list("score", flat=True)) == [4, 4, 4, 4]
        for bad in (0, 6):
            with pytest.raises(ValidationError):
                _answer(review, partner, idea_leader, bad)
        principles, measures = _scores(partnership, 3)
        principles.popitem()
        with pytest.raises(ValidationError):
            services.review_answer(
                review=review, partner=partner, by=idea_leader, principle_scores=principles, measure_scores=measures
            )
        assert sorted(answer.scores.values_list("score", flat=True)) == [4, 4, 4, 4]

    def test_a_closed_review_takes_no_more_answers(self, partnership, idea_leader):
        review = services.review_open(partnership=partnership)
        services.review_close(review=review)
        with pytest.raises(ValidationError):
            _answer(review, partnership.partners.get(organisation__acronym="IDEA"), idea_leader, 3)
        assert not ReviewScore.objects.exists()

    def test_the_schedule_closes_late_rounds_and_opens_due_ones_once(self, partnership):
        today = timezone.localdate()
        review = services.review_open(partnership=partnership, closes_on=today + datetime.timedelta(days=3))
        assert services.reviews_due(today=today) == (0, 0)
        Partnership.objects.filter(pk=partnership.pk).update(next_review_on=today)
        assert services.reviews_due(today=today + datetime.timedelta(days=4)) == (1, 1)
        assert services.reviews_due(today=today + datetime.timedelta(days=4)) == (0, 0)
        review.refresh_from_db()
        assert review.state == ReviewState.CLOSED
        assert list(partnership.reviews.values_list("number", "state")) == [(1, "closed"), (2, "open")]

    def test_a_review_cannot_stay_open_for_months(self, partnership):
        with pytest.raises(ValidationError):
            services.review_open(partnership=partnership, closes_on=timezone.localdate() + datetime.timedelta(days=400))
        with pytest.raises(ValidationError):
            services.review_open(partnership=partnership, closes_on=timezone.localdate() - datetime.timedelta(days=1))


class TestHealthArithmetic:
    def test_means_spreads_changes_and_where_partners_disagree(self):
        items = [(("principle", 1), "Equity"), (("measure", 2), "Joint activities")]
        scores = [
            (1, "principle", 1, 2),
            (1, "principle", 1, 5),
            (1, "measure", 2, 3),
            (2, "principle", 1, 4),
            (2, "principle", 1, 4),
        ]
        history = health_history(items, [1, 2], scores)
        equity, activities = history
        assert [r.average for r in equity.rounds] == [3.5, 4]
        assert equity.change == 0.5
        assert activities.change is None
        assert [(item.title, r.spread) for item, r in disagreements(history, 1)] == [("Equity", 3)]
        assert disagreements(history, 2) == []


# --- who may see and do what ------------------------------------------------------------------


def _detail(partnership):
    return reverse("partnerships:partnership_detail", args=[partnership.pk])


class TestWhoMay:
    def test_partners_facilitators_and_coordinators_see_it_other_members_do_not(
        self, as_user, partnership, idea_staff, ilo_rep, cop_facilitator, cop_member, coordinator, member
    ):
        for person in (idea_staff, ilo_rep, cop_facilitator, coordinator):
            assert as_user(person).get(_detail(partnership)).status_code == 200, person
        for person in (cop_member, member):
            assert as_user(person).get(_detail(partnership)).status_code == 403, person

    def test_anonymous_people_sign_in_first(self, client, partnership):
        response = client.get(_detail(partnership))
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_the_list_shows_each_person_only_their_partnerships(
        self, as_user, partnership, idea_staff, member, coordinator
    ):
        assert "CoP-PwD and the ILO" in as_user(idea_staff).get(reverse("partnerships:partnership_list")).text
        assert "CoP-PwD and the ILO" in as_user(coordinator).get(reverse("partnerships:partnership_list")).text
        page = as_user(member).get(reverse("partnerships:partnership_list")).text
        assert "CoP-PwD and the ILO" not in page

    def test_facilitators_record_partnerships_for_their_own_community_only(
        self, as_user, cop_pwd, cop_facilitator, member
    ):
        from tests.factories import CommunityFactory

        other = CommunityFactory(name="CoP on Women", short_name="CoP-Women", slug="cop-women")
        url = reverse("partnerships:partnership_create")
        assert as_user(member).get(url).status_code == 403
        data = {"name": "P", "goal": "G", "standard_principles": ["equity"], "review_every_months": "6"}
        response = as_user(cop_facilitator).post(url, {**data, "community": other.pk})
        assert response.status_code == 200 and not Partnership.objects.exists()
        response = as_user(cop_facilitator).post(url, {**data, "community": cop_pwd.pk})
        assert response.status_code == 302
        assert Partnership.objects.get().community == cop_pwd

    def test_a_representative_and_a_leader_answer_plain_staff_and_outsiders_may_not(
        self, as_user, partnership, idea_leader, idea_staff, ilo_rep, member
    ):
        review = services.review_open(partnership=partnership)
        url = reverse("partnerships:review_answer", args=[partnership.pk, review.number])
        assert as_user(idea_leader).get(url).status_code == 200
        ilo_partner = partnership.partners.get(organisation__acronym="ILO")
        assert as_user(ilo_rep).get(f"{url}?partner={ilo_partner.pk}").status_code == 200
        assert as_user(idea_staff).get(url).status_code == 403
        assert as_user(member).get(url).status_code == 403
        # A leader cannot answer for a partner they do not lead.
        assert as_user(idea_leader).get(f"{url}?partner={ilo_partner.pk}").status_code == 404

    def test_rights_follow_the_current_affiliation(self, as_user, partnership, idea, idea_leader):
        review = services.review_open(partnership=partnership)
        url = reverse("partnerships:review_answer", args=[partnership.pk, review.number])
        assert as_user(idea_leader).get(url).status_code == 200
        idea.affiliations.filter(person=idea_leader).delete()
        assert as_user(idea_leader).get(url).status_code == 403
        assert as_user(idea_leader).get(_detail(partnership)).status_code == 403

    def test_only_managers_open_and_close_reviews_and_edit_the_agreement(
        self, as_user, partnership, idea_leader, cop_facilitator
    ):
        open_url = reverse("partnerships:review_open", args=[partnership.pk])
        soon = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
        assert as_user(idea_leader).post(open_url, {"closes_on": soon}).status_code == 403
        assert not HealthReview.objects.exists()
        assert as_user(cop_facilitator).post(open_url, {"closes_on": soon}).status_code == 302
        close_url = reverse("partnerships:review_close", args=[partnership.pk, 1])
        assert as_user(idea_leader).post(close_url).status_code == 403
        assert HealthReview.objects.get().is_open
        for name in ("partnership_update", "partner_create", "principle_create", "measure_create"):
            assert as_user(idea_leader).get(reverse(f"partnerships:{name}", args=[partnership.pk])).status_code == 403
            assert (
                as_user(cop_facilitator).get(reverse(f"partnerships:{name}", args=[partnership.pk])).status_code == 200
            )
        assert as_user(cop_facilitator).post(close_url).status_code == 302
        assert not HealthReview.objects.get().is_open

    def test_the_owner_organisation_marks_its_action_done_another_partner_may_not(
        self, as_user, partnership, idea_staff, ilo_rep, cop_facilitator
    ):
        idea_partner = partnership.partners.get(organisation__acronym="IDEA")
        action = services.action_add(
            partnership=partnership, by=cop_facilitator, description="Share the training budget", owner=idea_partner
        )
        url = reverse("partnerships:action_set_done", args=[partnership.pk, action.pk])
        assert as_user(ilo_rep).post(url, {"done": "1"}).status_code == 403
        action.refresh_from_db()
        assert action.done_at is None
        assert as_user(idea_staff).post(url, {"done": "1"}).status_code == 302
        action.refresh_from_db()
        assert action.done_at is not None


# --- the journey: two reviews and the change between them -------------------------------------------------


def test_two_reviews_answered_through_the_pages_show_the_change_and_the_disagreement(
    as_user, partnership, idea_leader, ilo_rep, cop_facilitator
):
    ilo_partner = partnership.partners.get(organisation__acronym="ILO")
    first = services.review_open(partnership=partnership)
    url = reverse("partnerships:review_answer", args=[partnership.pk, first.number])
    assert as_user(idea_leader).post(url, _form_data(partnership, "2", "Slow start")).status_code == 302
    assert as_user(ilo_rep).post(f"{url}?partner={ilo_partner.pk}", _form_data(partnership, "5")).status_code == 302
    services.review_close(review=first)
    second = services.review_open(partnership=partnership)
    url = reverse("partnerships:review_answer", args=[partnership.pk, second.number])
    as_user(idea_leader).post(url, _form_data(partnership, "4"))
    as_user(ilo_rep).post(f"{url}?partner={ilo_partner.pk}", _form_data(partnership, "4"))

    page = as_user(cop_facilitator).get(_detail(partnership)).text
    assert "up 0.5 since the first review" in page
    assert "scores lie within a point of each other on everything" in page
    first_page = as_user(cop_facilitator).get(reverse("partnerships:review_detail", args=[partnership.pk, 1])).text
    assert "Slow start" in first_page
    assert first_page.count("not answered yet") == 0


# --- hostile input -------------------------------------------------------------------------------


class TestHostileInput:
    @pytest.mark.parametrize("bad", ["6", "0", "²", "٣٣", "", "%00", "1e1"])
    def test_a_score_out_of_range_is_refused_and_nothing_is_saved(self, as_user, partnership, idea_leader, bad):
        review = services.review_open(partnership=partnership)
        url = reverse("partnerships:review_answer", args=[partnership.pk, review.number])
        response = as_user(idea_leader).post(url, _form_data(partnership, bad, "kept text"))
        assert response.status_code == 200
        assert "kept text" in response.text
        assert not ReviewAnswer.objects.exists()

    @pytest.mark.parametrize("partner", ["%00", "abc", "²", "9" * 30, "-1"])
    def test_a_bad_partner_in_the_query_string_is_a_404(self, as_user, partnership, idea_leader, partner):
        review = services.review_open(partnership=partnership)
        url = reverse("partnerships:review_answer", args=[partnership.pk, review.number])
        assert as_user(idea_leader).get(url, {"partner": partner}).status_code == 404

    @pytest.mark.parametrize(
        "field, value",
        [
            ("review_every_months", "0"),
            ("review_every_months", "25"),
            ("goal", "x" * 2001),
            ("name", "a\nb"),
            ("next_review_on", "9999-12-31"),
        ],
    )
    def test_the_agreement_refuses_what_does_not_fit(self, as_user, coordinator, field, value):
        data = {"name": "P", "goal": "G", "standard_principles": ["equity"], "review_every_months": "6", field: value}
        response = as_user(coordinator).post(reverse("partnerships:partnership_create"), data)
        assert response.status_code == 200
        assert not Partnership.objects.exists()

    def test_too_many_principles_of_ones_own_are_refused(self, as_user, coordinator):
        data = {
            "name": "P",
            "goal": "G",
            "review_every_months": "6",
            "custom_principles": "\n".join(f"p{i}" for i in range(13)),
        }
        assert as_user(coordinator).post(reverse("partnerships:partnership_create"), data).status_code == 200
        assert not Partnership.objects.exists()

    def test_a_representative_must_be_someone_in_the_network(self, as_user, partnership, cop_facilitator):
        other = OrganisationFactory(name="Other NGO")
        url = reverse("partnerships:partner_create", args=[partnership.pk])
        response = as_user(cop_facilitator).post(
            url, {"organisation": other.pk, "representative_email": "nobody@x.example"}
        )
        assert response.status_code == 200 and "Nobody in the network" in response.text
        assert not Partner.objects.filter(organisation=other).exists()


# --- scale ------------------------------------------------------------------------------------------


def test_the_list_and_the_page_make_as_many_queries_with_many_rows_as_with_few(
    client, partnership, cop_facilitator, idea_leader, ilo_rep, cop_pwd
):
    client.force_login(cop_facilitator)
    few_list = queries_for(client, reverse("partnerships:partnership_list"))
    few_page = queries_for(client, _detail(partnership))
    for n in range(6):
        other = services.partnership_create(
            by=cop_facilitator, name=f"P{n}", goal="g", community=cop_pwd, standard_principles=["equity"]
        )
        services.partner_add(partnership=other, by=cop_facilitator, organisation=OrganisationFactory())
    for value in (3, 4, 5):
        review = services.review_open(partnership=partnership)
        _answer(review, partnership.partners.get(organisation__acronym="IDEA"), idea_leader, value)
        _answer(review, partnership.partners.get(organisation__acronym="ILO"), ilo_rep, 2)
        services.action_add(partnership=partnership, by=cop_facilitator, description=f"a{value}")
        services.review_close(review=review)
    assert queries_for(client, reverse("partnerships:partnership_list")) == few_list
    assert queries_for(client, _detail(partnership)) == few_page
