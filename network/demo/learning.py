"""The demo's learning about itself: the learning community's needs e-survey (answered by a few members),
anonymous feedback for the last three monthly meetings (usefulness rising), and the lessons a small group
drew from the case of the school that lost its main donor. Built through the services, after the meetings
and the case study exist."""

import datetime

from django.utils import timezone

from events.enums import MeetingStatus
from events.models import Meeting
from members.models import FocusArea, User
from network import services
from network.enums import ResourceKind, SurveyAudience, SurveyPurpose
from network.models import Lesson, Resource, Survey

NEEDS_TITLE = "What should our learning community work on next year?"
# e-mail, themes wanted (slugs), what they can teach, meeting times (labels)
NEEDS_ANSWERS = [
    (
        "leader@demo.example",
        ["education", "governance-and-advocacy"],
        "keeping teachers in rural schools",
        ["Weekday morning"],
    ),
    (
        "member@demo.example",
        ["social-protection"],
        "savings groups, older people's associations",
        ["Weekday morning", "Weekend"],
    ),
    (
        "samphous@demo.example",
        ["labour-rights", "social-protection"],
        "organising informal workers",
        ["Weekday evening"],
    ),
    ("bopha@demo.example", ["education", "women"], "", ["Weekday morning"]),
]
# usefulness per meeting, oldest of the last three first; each list is the attendees' scores
FEEDBACK = [[3, 4, 3, 2], [4, 4, 3, 5], [5, 4, 5, 4]]
FEEDBACK_WORDS = [
    ("The news round is useful.", "Less time on slides, more on questions.", "Fundraising from local businesses"),
    ("Small groups for the current needs.", "Start on time.", "Child protection policies"),
    ("The talk from a member who tried it.", "", "Working with commune councils"),
]
LESSONS = [
    ("A monthly giving programme with former students can replace part of a lost donor within a year.", ["education"]),
    (
        "Report to every small giver, every month: it is what keeps them giving.",
        ["education", "governance-and-advocacy"],
    ),
]


def seed_learning(*, by: User) -> None:
    """Add the needs survey, the meeting feedback and the lessons, each unless it is there."""
    people = {person.email: person for person in User.objects.filter(email__endswith="@demo.example")}
    today = timezone.localdate()
    if not Survey.objects.filter(title=NEEDS_TITLE).exists():
        survey = services.survey_create(
            by=by,
            title=NEEDS_TITLE,
            intro="Tell us what you want to learn, what you can teach others and when you can meet. "
            "The coordinators plan next year's talks from your answers.",
            audience=SurveyAudience.NETWORK,
            closes_on=today + datetime.timedelta(days=10),
            purpose=SurveyPurpose.NEEDS,
        )
        services.survey_open(survey=survey, by=by)
        themes_q, teach_q, times_q = survey.questions.order_by("position")
        for email, themes, teach, times in NEEDS_ANSWERS:
            person = people.get(email)
            if person is None:
                continue
            theme_names = set(FocusArea.objects.filter(slug__in=themes).values_list("name", flat=True))
            services.survey_answer(
                survey=survey,
                person=person,
                values={
                    themes_q.pk: [c.pk for c in themes_q.choices.all() if c.label in theme_names],
                    teach_q.pk: teach,
                    times_q.pk: [c.pk for c in times_q.choices.all() if c.label in times],
                },
                organisation=getattr(person.affiliations.first(), "organisation", None),
            )
    past = list(
        Meeting.objects.filter(series__slug="monthly-learning-meeting", ends_at__lt=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")[:3]
    )[::-1]
    attendees = [
        people[email]
        for email in ("leader@demo.example", "member@demo.example", "samphous@demo.example", "bopha@demo.example")
        if email in people
    ]
    for meeting, scores, (keep, change, topic) in zip(past, FEEDBACK, FEEDBACK_WORDS, strict=False):
        if meeting.surveys.filter(purpose=SurveyPurpose.FEEDBACK).exists():
            continue
        survey = services.survey_create(
            by=by,
            title=f"Feedback on {meeting.title}, {meeting.starts_at:%d %B %Y}",
            audience=SurveyAudience.NETWORK,
            closes_on=today + datetime.timedelta(days=7),
            anonymous=True,
            purpose=SurveyPurpose.FEEDBACK,
        )
        # Asked of the meeting's attendees, as the feedback job does; created for the network so that the
        # demo's answers need no attendance records, then pointed at its meeting.
        services.survey_open(survey=survey, by=by)
        usefulness, keep_q, change_q, topics_q = survey.questions.order_by("position")
        for person, score in zip(attendees, scores, strict=False):
            services.survey_answer(
                survey=survey,
                person=person,
                values={usefulness.pk: score, keep_q.pk: keep, change_q.pk: change, topics_q.pk: topic},
            )
            keep, change, topic = "", "", ""
        Survey.objects.filter(pk=survey.pk).update(
            audience=SurveyAudience.MEETING,
            meeting=meeting,
            closes_on=meeting.starts_at.date() + datetime.timedelta(days=7),
            state="closed",
        )
    case = Resource.objects.filter(kind=ResourceKind.CASE_STUDY).order_by("pk").first()
    if case is not None and not Lesson.objects.filter(cases=case).exists():
        group = [people[e] for e in ("leader@demo.example", "bopha@demo.example") if e in people]
        analysis = services.case_analysis_create(
            case=case,
            by=people.get("facilitator@demo.example", by),
            members=group,
            question="What let the school keep its teachers after the donor left?",
        )
        for statement, themes in LESSONS:
            services.lesson_record(
                by=analysis.opened_by,
                statement=statement,
                themes=list(FocusArea.objects.filter(slug__in=themes)),
                cases=[case],
                analysis=analysis,
            )
