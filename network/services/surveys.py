"""Writes about surveys: building one (or one from a template: a needs assessment, a meeting's feedback),
opening and closing it, answering it once (changing the answer until it closes), and its e-mails: the
invitation when it opens and one reminder before it closes, through the delivery ledger."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.mail import BatchResult, Fragments, deliver, register_kind
from communities.enums import MembershipStatus
from events.enums import MeetingStatus, RsvpResponse
from members.models import User
from members.services import expertise_tags_for

from ..enums import QuestionKind, SurveyAudience, SurveyPurpose, SurveyState
from ..models import Answer, Choice, Participation, Question, Response, Survey
from ..models.surveys import SCALE_MAX, SCALE_MIN


def _resend(ids: list[int]) -> None:
    from ..tasks import surveys_mail_task

    surveys_mail_task.delay()  # it works the invitations and reminders out again; due rows are taken up


SURVEY_INVITATION = register_kind("survey_invitation", label=gettext_lazy("Survey"), resend=_resend)
SURVEY_REMINDER = register_kind("survey_reminder", label=gettext_lazy("Survey reminder"), resend=_resend)

LONGEST_OPEN = datetime.timedelta(days=92)
REMIND_DAYS_BEFORE = 2
# Invitations go to those in the audience when the survey opens, for this long (later joiners find it listed).
INVITE_FOR = datetime.timedelta(days=3)
MAX_QUESTIONS, MAX_CHOICES = 40, 20
SHORT_TEXT, LONG_TEXT = 300, 4000
FEEDBACK_AFTER = datetime.timedelta(hours=2)
FEEDBACK_OPEN_DAYS = 7


# --- the audience ------------------------------------------------------------------------------


def survey_audience(survey: Survey) -> QuerySet:
    """The people a survey asks: every approved member, a community's active members, or a meeting's attendees
    (those recorded as present, or, before attendance is taken, those who said they would come)."""
    people = User.objects.network_members()
    if survey.audience == SurveyAudience.COMMUNITY:
        return people.filter(
            community_memberships__community_id=survey.community_id,
            community_memberships__status=MembershipStatus.ACTIVE,
        )
    if survey.audience == SurveyAudience.MEETING:
        meeting = survey.meeting
        if meeting.attendances.exists():
            return people.filter(attendances__meeting=meeting)
        return people.filter(rsvps__meeting=meeting, rsvps__response=RsvpResponse.YES, rsvps__waitlisted=False)
    return people


def in_audience(survey: Survey, person) -> bool:
    """Whether the survey asks this person today. No side effects."""
    return survey_audience(survey).filter(pk=person.pk).exists()


# --- building ------------------------------------------------------------------------------------


def _check_closes_on(closes_on: datetime.date) -> None:
    today = timezone.localdate()
    if not today <= closes_on <= today + LONGEST_OPEN:
        raise ValidationError({"closes_on": _("Choose a closing date from today to three months ahead.")})


def _template_questions(purpose: str) -> list[dict]:
    """The questions a needs assessment or a meeting's feedback starts with, in English and Khmer."""
    if purpose == SurveyPurpose.NEEDS:
        from members.models import FocusArea

        with translation.override("km"):
            themes = [(area.name, str(area)) for area in FocusArea.objects.order_by("position", "name")]
        return [
            {
                "kind": QuestionKind.MULTIPLE,
                "text": "Which themes do you want to learn about with other members?",
                "text_km": "តើអ្នកចង់រៀនអំពីប្រធានបទណាខ្លះ ជាមួយសមាជិកផ្សេងទៀត?",
                "choices": themes,
            },
            {
                "kind": QuestionKind.SHORT,
                "text": "What could you teach others? Name your skills, separated by commas.",
                "text_km": "តើអ្នកអាចបង្រៀនអ្វីដល់អ្នកដទៃ? សូមរៀបរាប់ជំនាញរបស់អ្នក ដោយបំបែកដោយសញ្ញាក្បៀស។",
                "required": False,
                "adds_to_expertise": True,
            },
            {
                "kind": QuestionKind.MULTIPLE,
                "text": "When can you best join a meeting?",
                "text_km": "តើពេលណាដែលអ្នកអាចចូលរួមកិច្ចប្រជុំបានល្អបំផុត?",
                "choices": [
                    ("Weekday morning", "ព្រឹកថ្ងៃធ្វើការ"),
                    ("Weekday afternoon", "រសៀលថ្ងៃធ្វើការ"),
                    ("Weekday evening", "ល្ងាចថ្ងៃធ្វើការ"),
                    ("Weekend", "ចុងសប្តាហ៍"),
                ],
            },
        ]
    if purpose == SurveyPurpose.FEEDBACK:
        return [
            {
                "kind": QuestionKind.SCALE,
                "text": "How useful was the meeting for your work? (1: not at all, 5: very)",
                "text_km": "តើកិច្ចប្រជុំមានប្រយោជន៍សម្រាប់ការងាររបស់អ្នកកម្រិតណា? (1៖ មិនសោះ 5៖ ខ្លាំងណាស់)",
            },
            {
                "kind": QuestionKind.LONG,
                "text": "What should we keep?",
                "text_km": "តើយើងគួររក្សាអ្វីខ្លះ?",
                "required": False,
            },
            {
                "kind": QuestionKind.LONG,
                "text": "What should we change?",
                "text_km": "តើយើងគួរផ្លាស់ប្តូរអ្វីខ្លះ?",
                "required": False,
            },
            {
                "kind": QuestionKind.SHORT,
                "text": "Topics for next time",
                "text_km": "ប្រធានបទសម្រាប់លើកក្រោយ",
                "required": False,
            },
        ]
    return []


@transaction.atomic
def survey_create(
    *,
    by,
    title: str,
    audience: str,
    closes_on: datetime.date,
    intro: str = "",
    community=None,
    meeting=None,
    anonymous: bool = False,
    purpose: str = SurveyPurpose.GENERAL,
) -> Survey:
    """A draft survey for its audience, with the template's questions for a needs assessment or feedback.

    Side effects: the survey and its first questions.
    """
    _check_closes_on(closes_on)
    if audience == SurveyAudience.COMMUNITY and community is None:
        raise ValidationError({"community": _("Choose the community to ask.")})
    if audience == SurveyAudience.MEETING and meeting is None:
        raise ValidationError({"meeting": _("Choose the meeting whose attendees to ask.")})
    survey = Survey.objects.create(
        title=title,
        intro=intro,
        audience=audience,
        community=community if audience == SurveyAudience.COMMUNITY else None,
        meeting=meeting if audience == SurveyAudience.MEETING else None,
        anonymous=anonymous,
        closes_on=closes_on,
        purpose=purpose,
        created_by=by,
    )
    for question in _template_questions(purpose):
        question_add(survey=survey, by=by, **question)
    return survey


def _check_draft(survey: Survey) -> None:
    """Refuse unless the survey is a draft now (read from the database, not from a copy in memory)."""
    if not Survey.objects.filter(pk=survey.pk, state=SurveyState.DRAFT).exists():
        raise ValidationError(_("Questions can change only while the survey is a draft."))


def question_add(
    *,
    survey: Survey,
    by,
    kind: str,
    text: str,
    text_km: str = "",
    required: bool = True,
    choices: Iterable[tuple[str, str]] = (),
    adds_to_expertise: bool = False,
) -> Question:
    """Add a question at the end, with its choices for a choice question. Side effects: the rows."""
    _check_draft(survey)
    choices = [(label.strip(), km.strip()) for label, km in choices if label.strip()]
    kind = QuestionKind(kind)
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
        raise ValidationError({"choices": _("Give at least two choices, one per line.")})
    if len(choices) > MAX_CHOICES:
        raise ValidationError({"choices": _("Give at most %(n)d choices.") % {"n": MAX_CHOICES}})
    count = survey.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(_("A survey has at most %(n)d questions.") % {"n": MAX_QUESTIONS})
    with transaction.atomic():
        question = Question.objects.create(
            survey=survey,
            position=count,
            kind=kind,
            text=text,
            text_km=text_km,
            required=required,
            adds_to_expertise=adds_to_expertise,
        )
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            Choice.objects.bulk_create(
                [
                    Choice(question=question, position=i, label=label, label_km=km)
                    for i, (label, km) in enumerate(choices)
                ]
            )
    return question


def question_delete(*, question: Question, by) -> None:
    """Take a question out of a draft survey. Side effects: the question and its choices deleted."""
    _check_draft(question.survey)
    question.delete()


def survey_open(*, survey: Survey, by) -> Survey:
    """Open a draft for answers and invite its audience by e-mail (after commit, through the ledger).

    Side effects: the survey's state; the mail task queued after commit.
    """
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.state != SurveyState.DRAFT:
            raise ValidationError(_("This survey is open or closed already."))
        if not survey.questions.exists():
            raise ValidationError(_("Add at least one question before opening the survey."))
        _check_closes_on(survey.closes_on)
        survey.state, survey.opened_at = SurveyState.OPEN, timezone.now()
        survey.save(update_fields=["state", "opened_at"])
        transaction.on_commit(_queue_mail)
    return survey


def _queue_mail() -> None:
    from ..tasks import surveys_mail_task

    surveys_mail_task.delay()


def survey_close(*, survey: Survey, by) -> Survey:
    """Close a survey: no more answers or changes. Side effects: the survey's state."""
    Survey.objects.filter(pk=survey.pk, state=SurveyState.OPEN).update(state=SurveyState.CLOSED)
    survey.refresh_from_db()
    return survey


def surveys_close_due(*, today: datetime.date | None = None) -> int:
    """Close the open surveys whose closing day has passed. Side effects: their state. Returns how many."""
    today = today or timezone.localdate()
    return Survey.objects.filter(state=SurveyState.OPEN, closes_on__lt=today).update(state=SurveyState.CLOSED)


# --- answering ------------------------------------------------------------------------------------


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class Answered:
    response: Response
    # The private link's secret of a new anonymous answer, shown once; None otherwise.
    secret: str | None = None


def _clean_answers(survey: Survey, values: dict) -> list[Answer]:
    """Answer rows (unsaved, without their response) for {question id: value}, each checked against its
    question. Raises ValidationError naming the question's field."""
    rows, errors = [], {}
    for question in survey.questions.prefetch_related("choices"):
        value = values.get(question.pk)
        field = f"q{question.pk}"
        empty = value in (None, "", [], ())
        if empty:
            if question.required:
                errors[field] = _("Please answer this question.")
            continue
        if question.kind == QuestionKind.SCALE:
            if not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
                errors[field] = _("Choose a number from 1 to 5.")
                continue
            rows.append(Answer(question=question, number=value))
        elif question.has_choices:
            ids = value if isinstance(value, list | tuple | set) else [value]
            allowed = {choice.pk for choice in question.choices.all()}
            if not set(ids) <= allowed or (question.kind == QuestionKind.SINGLE and len(ids) != 1):
                errors[field] = _("Choose among the answers given.")
                continue
            rows += [Answer(question=question, choice_id=pk) for pk in dict.fromkeys(ids)]
        else:
            limit = SHORT_TEXT if question.kind == QuestionKind.SHORT else LONG_TEXT
            text = str(value).strip()
            if len(text) > limit:
                errors[field] = _("Keep the answer under %(n)d characters.") % {"n": limit}
                continue
            rows.append(Answer(question=question, text=text))
    if errors:
        raise ValidationError(errors)
    return rows


def survey_answer(*, survey: Survey, person, values: dict, secret: str = "", organisation=None) -> Answered:
    """Record a person's answers, or replace the answers they gave while the survey is open.

    In an anonymous survey the answers keep no link to the person (see network.models.surveys): a first
    answer returns a secret for the private link with which the person may change it; without it, a person
    who has answered cannot answer again. Side effects: the response and its answers (replaced as a whole),
    the participation, in one transaction.
    """
    rows = _clean_answers(survey, values)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if not locked.is_open:
            raise ValidationError(_("This survey is closed; answers can no longer change."))
        new_secret = None
        if locked.anonymous:
            if secret:
                response = Response.objects.filter(survey=locked, secret_digest=_digest(secret)).first()
                if response is None:
                    raise ValidationError(_("This private link does not match an answer to this survey."))
            else:
                try:
                    with transaction.atomic():
                        Participation.objects.create(survey=locked, person=person)
                except IntegrityError:
                    raise ValidationError(
                        _("You have answered this survey. Use the private link you kept to change your answer.")
                    ) from None
                new_secret = secrets.token_urlsafe(24)
                response = Response.objects.create(survey=locked, secret_digest=_digest(new_secret))
        else:
            response, created = Response.objects.get_or_create(
                survey=locked,
                respondent=person,
                defaults={"organisation": organisation, "answered_at": timezone.now()},
            )
            if created:
                Participation.objects.get_or_create(survey=locked, person=person)
            else:
                response.organisation, response.answered_at = organisation, timezone.now()
                response.save(update_fields=["organisation", "answered_at"])
        response.answers.all().delete()
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
        if not locked.anonymous:
            skills = [part for row in rows if row.question.adds_to_expertise for part in row.text.split(",")]
            if skills:
                person.expertise.add(*expertise_tags_for(skills))
    return Answered(response=response, secret=new_secret)


def answers_of(survey: Survey, *, person=None, secret: str = "") -> dict:
    """{question id: value} of the person's answer (or the anonymous answer the secret opens), for the form."""
    if survey.anonymous:
        response = Response.objects.filter(survey=survey, secret_digest=_digest(secret)).first() if secret else None
    else:
        response = Response.objects.filter(survey=survey, respondent=person).first() if person else None
    if response is None:
        return {}
    values: dict = {}
    for answer in response.answers.select_related("question"):
        question = answer.question
        if question.kind == QuestionKind.MULTIPLE:
            values.setdefault(question.pk, []).append(answer.choice_id)
        elif question.kind == QuestionKind.SINGLE:
            values[question.pk] = answer.choice_id
        elif question.kind == QuestionKind.SCALE:
            values[question.pk] = answer.number
        else:
            values[question.pk] = answer.text
    return values


# --- meeting feedback -------------------------------------------------------------------------


def meeting_feedback_open_due(*, now=None) -> int:
    """Open a feedback survey for each meeting that ended FEEDBACK_AFTER ago (within the last week), once.

    Side effects: a feedback survey per such meeting, opened (its invitations queued). Returns how many.
    """
    from events.models import Meeting

    now = now or timezone.now()
    ended = Meeting.objects.filter(
        ends_at__lte=now - FEEDBACK_AFTER, ends_at__gte=now - datetime.timedelta(days=FEEDBACK_OPEN_DAYS)
    ).exclude(status=MeetingStatus.CANCELLED)
    ended = ended.exclude(surveys__purpose=SurveyPurpose.FEEDBACK)
    opened = 0
    for meeting in ended:
        try:
            with transaction.atomic():
                survey = survey_create(
                    by=None,
                    title=_("Feedback on %(meeting)s") % {"meeting": meeting.title},
                    audience=SurveyAudience.MEETING,
                    meeting=meeting,
                    closes_on=timezone.localdate() + datetime.timedelta(days=FEEDBACK_OPEN_DAYS),
                    anonymous=True,
                    purpose=SurveyPurpose.FEEDBACK,
                )
                survey_open(survey=survey, by=None)
        except IntegrityError:
            continue  # another run made it first
        opened += 1
    return opened


# --- e-mail ---------------------------------------------------------------------------------------


def send_survey_mail(*, claim: str, now=None) -> BatchResult:
    """Invite the audience of surveys opened in the last days, and remind those who have not answered two
    days before a survey closes. Once per person and occasion (the ledger's unique rows).

    Side effects through deliver: Delivery rows of the two kinds and the e-mails.
    """
    now = now or timezone.now()
    today = timezone.localdate()
    result = BatchResult()
    fragments = Fragments()
    open_surveys = Survey.objects.filter(state=SurveyState.OPEN, closes_on__gte=today).select_related(
        "community", "meeting"
    )
    for survey in open_surveys.filter(opened_at__gte=now - INVITE_FOR):
        result.add(
            _send(
                survey, SURVEY_INVITATION, f"survey:{survey.pk}:invitation", survey_audience(survey), claim, fragments
            )
        )
    closing = open_surveys.filter(closes_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
    for survey in closing.filter(opened_at__lt=now - datetime.timedelta(days=1)):
        waiting = survey_audience(survey).exclude(pk__in=survey.participations.values("person_id"))
        result.add(_send(survey, SURVEY_REMINDER, f"survey:{survey.pk}:reminder", waiting, claim, fragments))
    return result


def _send(survey, kind, occasion, people, claim, fragments) -> BatchResult:
    path = survey.get_absolute_url()
    template = "survey_reminder" if kind == SURVEY_REMINDER else "survey_invitation"
    return deliver(
        recipients=people.distinct(),
        occasion=occasion,
        kind=kind,
        topic=("network.survey", survey.pk),
        claim=claim,
        build=lambda person: fragments.message(
            template,
            key=survey.pk,
            context={"survey": survey, "url": f"{settings.SITE_URL}{path}"},
            personal={},
            person=person,
        ),
    )
