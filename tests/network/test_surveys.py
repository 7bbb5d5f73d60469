"""Surveys: building, opening with invitations, answering once and changing the answer, anonymity by design,
results with filters and CSV, the reminder, meeting feedback sent automatically and its trend per series;
who may do what; hostile input."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.enums import RsvpResponse
from events.models import Rsvp
from members.enums import AffiliationRole
from network import services
from network.enums import QuestionKind, SurveyAudience, SurveyPurpose, SurveyState
from network.models import Answer, Participation, Response, Survey
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    FacilitatorMembershipFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in


def soon(days=14):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def cop(db):
    return CommunityFactory(name="Community of Practice of Indigenous Peoples", short_name="CoP-IP", slug="cop-ip")


@pytest.fixture
def facilitator(cop):
    return FacilitatorMembershipFactory(community=cop, person__display_name="Norah Lay").person


@pytest.fixture
def cop_members(cop):
    return [
        MembershipFactory(community=cop, person__display_name=f"Member {n}", person__email=f"m{n}@ngo.example").person
        for n in range(3)
    ]


@pytest.fixture
def outsider(db):
    return UserFactory(display_name="Outside Member", email="out@ngo.example")


def _survey(by, *, audience=SurveyAudience.COMMUNITY, anonymous=False, **kwargs):
    survey = services.survey_create(
        by=by, title="How do we work together?", audience=audience, closes_on=soon(), anonymous=anonymous, **kwargs
    )
    services.question_add(survey=survey, by=by, kind=QuestionKind.SCALE, text="How useful are our meetings?")
    services.question_add(
        survey=survey,
        by=by,
        kind=QuestionKind.SINGLE,
        text="Best day?",
        text_km="ថ្ងៃណាល្អបំផុត?",
        choices=[("Friday", "ថ្ងៃសុក្រ"), ("Saturday", "")],
    )
    services.question_add(survey=survey, by=by, kind=QuestionKind.LONG, text="Anything else?", required=False)
    return survey


def _values(survey, scale=4, day="Friday", text="More field visits"):
    scale_q, day_q, text_q = survey.questions.order_by("position")
    return {scale_q.pk: scale, day_q.pk: day_q.choices.get(label=day).pk, text_q.pk: text}


def _post_data(survey, scale="4", day="Friday", text="More field visits"):
    scale_q, day_q, text_q = survey.questions.order_by("position")
    choice = day_q.choices.filter(label=day).first()
    return {f"q{scale_q.pk}": scale, f"q{day_q.pk}": choice.pk if choice else day, f"q{text_q.pk}": text}


class TestBuildingAndOpening:
    def test_opening_invites_the_community_once_however_often_the_task_runs(
        self, cop, facilitator, cop_members, outsider, django_capture_on_commit_callbacks
    ):
        survey = _survey(facilitator, community=cop)
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_open(survey=survey, by=facilitator)
        from network.tasks import surveys_mail_task

        surveys_mail_task.delay()
        invited = sorted(message.to[0] for message in mail.outbox)
        assert invited == sorted([facilitator.email] + [m.email for m in cop_members])
        assert mail.outbox[0].subject == "Your answer is wanted: How do we work together?"
        assert survey.get_absolute_url() in mail.outbox[0].body

    def test_a_choice_question_needs_two_choices_and_questions_change_only_in_a_draft(self, cop, facilitator):
        survey = _survey(facilitator, community=cop)
        with pytest.raises(Exception, match="two choices"):
            services.question_add(
                survey=survey, by=facilitator, kind=QuestionKind.SINGLE, text="?", choices=[("a", "")]
            )
        services.survey_open(survey=survey, by=facilitator)
        with pytest.raises(Exception, match="draft"):
            services.question_add(survey=survey, by=facilitator, kind=QuestionKind.SHORT, text="Late?")
        assert survey.questions.count() == 3

    def test_a_needs_assessment_starts_with_its_questions_in_english_and_khmer(self, coordinator):
        survey = services.survey_create(
            by=coordinator,
            title="What we need",
            audience=SurveyAudience.NETWORK,
            closes_on=soon(),
            purpose=SurveyPurpose.NEEDS,
        )
        questions = list(survey.questions.all())
        assert [q.kind for q in questions] == [QuestionKind.MULTIPLE, QuestionKind.SHORT, QuestionKind.MULTIPLE]
        assert all(q.text_km for q in questions)
        assert questions[2].choices.count() == 4


class TestAnswering:
    def test_a_member_answers_once_and_changes_the_answer_until_it_closes(self, as_user, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        url = reverse("network:survey_answer", args=[survey.pk])
        client = as_user(cop_members[0])
        assert client.post(url, _post_data(survey, scale="2")).status_code == 302
        assert client.post(url, _post_data(survey, scale="5", day="Saturday")).status_code == 302
        response = Response.objects.get()
        assert response.respondent == cop_members[0]
        assert sorted(Answer.objects.values_list("number", flat=True).exclude(number=None)) == [5]
        assert "Saturday" in client.get(url).text
        services.survey_close(survey=survey, by=facilitator)
        assert client.post(url, _post_data(survey, scale="1")).status_code == 302
        assert list(Answer.objects.exclude(number=None).values_list("number", flat=True)) == [5]

    def test_an_anonymous_answer_keeps_no_link_to_the_person_and_changes_only_with_its_private_link(
        self, as_user, cop, facilitator, cop_members
    ):
        survey = _survey(facilitator, community=cop, anonymous=True)
        services.survey_open(survey=survey, by=facilitator)
        url = reverse("network:survey_answer", args=[survey.pk])
        client = as_user(cop_members[0])
        page = client.post(url, _post_data(survey, scale="2"))
        assert page.status_code == 200 and "Your private link" in page.text
        response = Response.objects.get()
        assert response.respondent is None and response.organisation is None and response.answered_at is None
        assert Participation.objects.filter(survey=survey, person=cop_members[0]).exists()
        secret = page.text.split("?key=")[1].split('"')[0]
        # Without the link: refused, the answer unchanged.
        assert client.post(url, _post_data(survey, scale="5")).status_code == 302
        assert Response.objects.count() == 1
        # A wrong link changes nothing; the right one changes the answer.
        assert client.post(url, {**_post_data(survey, scale="5"), "key": "forged"}).status_code == 200
        assert client.post(url, {**_post_data(survey, scale="5"), "key": secret}).status_code == 302
        assert list(Answer.objects.exclude(number=None).values_list("number", flat=True)) == [5]
        assert Response.objects.count() == 1

    @pytest.mark.parametrize(
        "scale, day, text",
        [
            ("6", "Friday", "ok"),
            ("0", "Friday", "ok"),
            ("²", "Friday", "ok"),
            ("%00", "Friday", "ok"),
            ("3", "999999", "ok"),
            ("3", "Friday", "x" * 4001),
        ],
    )
    def test_bad_answers_are_refused_keep_what_was_typed_and_save_nothing(
        self, as_user, cop, facilitator, cop_members, scale, day, text
    ):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        page = as_user(cop_members[0]).post(
            reverse("network:survey_answer", args=[survey.pk]), _post_data(survey, scale, day, text)
        )
        assert page.status_code == 200
        assert "form-errors" in page.text
        assert not Response.objects.exists() and not Participation.objects.exists()

    def test_a_choice_of_another_question_is_refused(self, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop)
        other = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        values = _values(survey)
        values[survey.questions.get(kind=QuestionKind.SINGLE).pk] = (
            other.questions.get(kind=QuestionKind.SINGLE).choices.first().pk
        )
        with pytest.raises(Exception, match="Choose among"):
            services.survey_answer(survey=survey, person=cop_members[0], values=values)
        assert not Response.objects.exists()


class TestWhoMay:
    def test_only_the_audience_answers_and_only_those_who_run_it_see_results(
        self, as_user, cop, facilitator, cop_members, outsider, coordinator
    ):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        answer = reverse("network:survey_answer", args=[survey.pk])
        results = reverse("network:survey_results", args=[survey.pk])
        assert as_user(outsider).get(answer).status_code == 403
        assert as_user(outsider).get(reverse("network:survey_detail", args=[survey.pk])).status_code == 403
        assert as_user(cop_members[0]).get(answer).status_code == 200
        assert as_user(cop_members[0]).get(results).status_code == 403
        assert as_user(facilitator).get(results).status_code == 200
        assert as_user(coordinator).get(results).status_code == 200
        assert as_user(cop_members[0]).post(reverse("network:survey_close", args=[survey.pk])).status_code == 403

    def test_a_member_who_left_the_community_is_no_longer_asked(self, as_user, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        cop_members[0].community_memberships.update(status="left")
        assert as_user(cop_members[0]).get(reverse("network:survey_answer", args=[survey.pk])).status_code == 403

    def test_facilitators_ask_their_own_community_members_may_not_create(self, as_user, cop, facilitator, outsider):
        url = reverse("network:survey_create")
        assert as_user(outsider).get(url).status_code == 403
        other = CommunityFactory()
        data = {"title": "T", "purpose": "general", "audience": "community", "closes_on": soon().isoformat()}
        assert as_user(facilitator).post(url, {**data, "community": other.pk}).status_code == 200
        assert as_user(facilitator).post(url, {**data, "audience": "network"}).status_code == 200
        assert not Survey.objects.exists()
        assert as_user(facilitator).post(url, {**data, "community": cop.pk}).status_code == 302
        assert Survey.objects.get().community == cop

    @pytest.mark.parametrize("closes_on", ["9999-12-31", "2001-01-01", "²"])
    def test_a_closing_date_out_of_range_is_refused(self, as_user, coordinator, closes_on):
        data = {"title": "T", "purpose": "general", "audience": "network", "closes_on": closes_on}
        assert as_user(coordinator).post(reverse("network:survey_create"), data).status_code == 200
        assert not Survey.objects.exists()


class TestResults:
    def test_counts_means_filters_and_csv(self, as_user, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        ngo = OrganisationFactory(name="Cambodian Indigenous Peoples' Organisation", acronym="CIPO")
        agency = StakeholderFactory(name="ILO")
        for person, org, scale, day in [
            (cop_members[0], ngo, 2, "Friday"),
            (cop_members[1], ngo, 4, "Friday"),
            (cop_members[2], agency, 5, "Saturday"),
        ]:
            services.survey_answer(survey=survey, person=person, values=_values(survey, scale, day), organisation=org)
        client = as_user(facilitator)
        page = client.get(reverse("network:survey_results", args=[survey.pk])).text
        assert "3 answers" in page and "mean 3.7 of 5" in page
        page = client.get(reverse("network:survey_results", args=[survey.pk]), {"organisation_kind": "member"}).text
        assert "2 answers" in page and "mean 3.0 of 5" in page
        page = client.get(reverse("network:survey_results", args=[survey.pk]), {"community": "%00"})
        assert page.status_code == 200 and "3 answers" in page.text
        csv = client.get(reverse("network:survey_export_csv", args=[survey.pk])).content.decode("utf-8-sig")
        assert csv.splitlines()[0].startswith("Name,Organisation,How useful are our meetings?")
        assert "Member 0,Cambodian Indigenous Peoples' Organisation,2,Friday,More field visits" in csv

    def test_an_anonymous_surveys_results_and_csv_name_nobody(self, as_user, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop, anonymous=True)
        services.survey_open(survey=survey, by=facilitator)
        services.survey_answer(survey=survey, person=cop_members[0], values=_values(survey, text="=HYPERLINK(1)"))
        client = as_user(facilitator)
        csv = client.get(reverse("network:survey_export_csv", args=[survey.pk])).content.decode("utf-8-sig")
        assert "Member 0" not in csv and not csv.splitlines()[0].startswith("Name")
        assert "'=HYPERLINK(1)" in csv
        page = client.get(reverse("network:survey_results", args=[survey.pk]), {"organisation_kind": "member"}).text
        assert "1 answer" in page and "Member 0" not in page

    def test_the_results_and_the_list_make_as_many_queries_with_many_answers_as_with_few(
        self, client, cop, facilitator
    ):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        client.force_login(facilitator)
        results = reverse("network:survey_results", args=[survey.pk])
        few = queries_for(client, results), queries_for(client, reverse("network:survey_list"))
        for n in range(12):
            person = MembershipFactory(community=cop).person
            services.survey_answer(survey=survey, person=person, values=_values(survey, 1 + n % 5))
        for _n in range(5):
            _survey(facilitator, community=cop)
        assert (queries_for(client, results), queries_for(client, reverse("network:survey_list"))) == few


class TestReminderAndFeedback:
    def test_the_reminder_goes_once_to_those_who_have_not_answered(self, cop, facilitator, cop_members):
        survey = _survey(facilitator, community=cop)
        services.survey_open(survey=survey, by=facilitator)
        services.survey_answer(survey=survey, person=cop_members[0], values=_values(survey))
        Survey.objects.filter(pk=survey.pk).update(
            opened_at=timezone.now() - datetime.timedelta(days=12), closes_on=soon(1)
        )
        mail.outbox.clear()
        for _run in range(2):
            services.send_survey_mail(claim="test")
        reminded = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Two days left"))
        assert reminded == sorted([facilitator.email, cop_members[1].email, cop_members[2].email])

    def test_a_meeting_that_ended_gets_one_feedback_survey_for_its_attendees(self, cop_members, outsider):
        meeting = MeetingFactory(
            starts_at=timezone.now() - datetime.timedelta(hours=5), ends_at=timezone.now() - datetime.timedelta(hours=3)
        )
        for person in cop_members[:2]:
            Rsvp.objects.create(meeting=meeting, person=person, response=RsvpResponse.YES)
        Rsvp.objects.create(meeting=meeting, person=outsider, response=RsvpResponse.NO)
        assert services.meeting_feedback_open_due() == 1
        assert services.meeting_feedback_open_due() == 0
        survey = Survey.objects.get()
        assert survey.purpose == SurveyPurpose.FEEDBACK and survey.state == SurveyState.OPEN and survey.anonymous
        assert sorted(p.pk for p in services.survey_audience(survey)) == sorted(p.pk for p in cop_members[:2])

    def test_the_series_feedback_trend_shows_each_meetings_mean_to_those_who_run_it(
        self, as_user, coordinator, cop_members, outsider
    ):
        series = MeetingSeriesFactory(title="Monthly learning meeting")
        for weeks, scores in [(8, [3, 4]), (4, [5, 5])]:
            meeting = MeetingFactory(
                series=series,
                title="Monthly learning meeting",
                starts_at=timezone.now() - datetime.timedelta(weeks=weeks),
            )
            meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
            meeting.save()
            for person in cop_members:
                Rsvp.objects.create(meeting=meeting, person=person, response=RsvpResponse.YES)
            survey = services.survey_create(
                by=coordinator,
                title="Feedback",
                audience=SurveyAudience.MEETING,
                meeting=meeting,
                closes_on=soon(),
                anonymous=True,
                purpose=SurveyPurpose.FEEDBACK,
            )
            services.survey_open(survey=survey, by=coordinator)
            usefulness = survey.questions.get(position=0)
            for person, score in zip(cop_members, scores, strict=False):
                services.survey_answer(survey=survey, person=person, values={usefulness.pk: score})
        url = reverse("network:feedback_trend", args=[series.pk])
        page = as_user(coordinator).get(url).text
        assert "3.5 of 5, 2 answers" in page and "5.0 of 5, 2 answers" in page
        assert as_user(outsider).get(url).status_code == 403


def test_an_organisations_leader_answers_for_it(as_user, cop, facilitator):
    leader = AffiliationFactory(role=AffiliationRole.LEADER, organisation__name="CIPL").person
    MembershipFactory(community=cop, person=leader)
    survey = _survey(facilitator, community=cop)
    services.survey_open(survey=survey, by=facilitator)
    as_user(leader).post(reverse("network:survey_answer", args=[survey.pk]), _post_data(survey))
    assert Response.objects.get().organisation.name == "CIPL"


def test_a_named_needs_answer_adds_what_the_person_can_teach_to_their_expertise_an_anonymous_one_does_not(
    coordinator, member
):
    for anonymous in (False, True):
        survey = services.survey_create(
            by=coordinator,
            title=f"Needs {anonymous}",
            audience=SurveyAudience.NETWORK,
            closes_on=soon(),
            purpose=SurveyPurpose.NEEDS,
            anonymous=anonymous,
        )
        services.survey_open(survey=survey, by=coordinator)
        themes, teach, times = survey.questions.order_by("position")
        skill = "budgeting" if anonymous else "Child protection, advocacy "
        values = {themes.pk: [themes.choices.first().pk], teach.pk: skill, times.pk: [times.choices.first().pk]}
        services.survey_answer(survey=survey, person=member, values=values)
    assert sorted(member.expertise.values_list("name", flat=True)) == ["Child protection", "advocacy"]
