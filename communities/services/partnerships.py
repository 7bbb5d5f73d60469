"""Writes about partnerships: the agreement (goal, principles, partners, measures of success), the health
reviews the partners answer on a schedule, and the follow-up actions they agree on."""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail.notices import mail_people
from members.enums import AffiliationRole

from ..enums import ReviewState, StandardPrinciple
from ..models import (
    Community,
    FollowUpAction,
    HealthReview,
    Partner,
    Partnership,
    Principle,
    ReviewAnswer,
    ReviewScore,
    SuccessMeasure,
)

# How long partners have to answer a review opened by the schedule.
REVIEW_ANSWER_DAYS = 21
# A review closes at the latest this long after it opened, so nobody can hold one open for years.
REVIEW_LONGEST_DAYS = 92


def _check_review_dates(*, opened_on: datetime.date, closes_on: datetime.date) -> None:
    if closes_on < opened_on:
        raise ValidationError({"closes_on": _("Answers cannot close before the review opens.")})
    if closes_on > opened_on + datetime.timedelta(days=REVIEW_LONGEST_DAYS):
        raise ValidationError(
            {"closes_on": _("Give partners at most %(days)d days to answer.") % {"days": REVIEW_LONGEST_DAYS}}
        )


def _check_next_review(next_review_on: datetime.date | None) -> None:
    today = timezone.localdate()
    if next_review_on is not None and not today <= next_review_on <= today + relativedelta(years=2):
        raise ValidationError({"next_review_on": _("Choose a date from today to two years ahead.")})


@transaction.atomic
def partnership_create(
    *,
    by,
    name: str,
    goal: str,
    community: Community | None = None,
    standard_principles: Iterable[str] = (),
    custom_principles: Iterable[str] = (),
    measures: Iterable[tuple[str, str]] = (),
    review_every_months: int = 6,
    next_review_on: datetime.date | None = None,
) -> Partnership:
    """Record a partnership's agreement: its goal, the principles agreed and how success is measured.

    Side effects: the partnership with its principles and measures of success, in one transaction.
    """
    _check_next_review(next_review_on)
    partnership = Partnership.objects.create(
        name=name,
        goal=goal,
        community=community,
        review_every_months=review_every_months,
        next_review_on=next_review_on or timezone.localdate() + relativedelta(months=review_every_months),
        created_by=by,
    )
    for key in dict.fromkeys(standard_principles):
        Principle.objects.create(partnership=partnership, standard=StandardPrinciple(key))
    for title in dict.fromkeys(t.strip() for t in custom_principles if t.strip()):
        Principle.objects.create(partnership=partnership, custom_title=title)
    for title, how in measures:
        SuccessMeasure.objects.create(partnership=partnership, title=title, how=how)
    if not partnership.principles.exists():
        raise ValidationError({"standard_principles": _("Choose or write at least one principle.")})
    return partnership


@transaction.atomic
def partnership_update(
    *, partnership: Partnership, by, name: str, goal: str, review_every_months: int, next_review_on
) -> Partnership:
    """Change the agreement's name, goal and review schedule. Side effects: the partnership saved."""
    _check_next_review(next_review_on)
    partnership.name, partnership.goal = name, goal
    partnership.review_every_months, partnership.next_review_on = review_every_months, next_review_on
    partnership.save(update_fields=["name", "goal", "review_every_months", "next_review_on"])
    return partnership


def partner_add(
    *, partnership: Partnership, by, organisation, role: str = "", contribution: str = "", representative=None
) -> Partner:
    """Add an organisation as a partner. Side effects: a Partner row; refused if it is one already."""
    try:
        with transaction.atomic():
            return Partner.objects.create(
                partnership=partnership,
                organisation=organisation,
                role=role,
                contribution=contribution,
                representative=representative,
            )
    except IntegrityError:
        raise ValidationError({"organisation": _("This organisation is a partner already.")}) from None


def partner_update(*, partner: Partner, by, role: str, contribution: str, representative) -> Partner:
    """Change a partner's role, contribution or representative. Side effects: the Partner saved."""
    partner.role, partner.contribution, partner.representative = role, contribution, representative
    partner.save(update_fields=["role", "contribution", "representative"])
    return partner


def partner_remove(*, partner: Partner, by) -> None:
    """Take a partner out of the agreement, unless it has answered a review (its answers are the record).

    Side effects: the Partner row deleted.
    """
    if partner.answers.exists():
        raise ValidationError(_("This partner has answered a review, so it stays on the record."))
    partner.delete()


def principle_add(*, partnership: Partnership, by, standard: str = "", title: str = "", meaning: str = "") -> Principle:
    """Add a standard principle, or one the partners wrote. Side effects: a Principle row."""
    if partnership.reviews.filter(state=ReviewState.OPEN).exists():
        raise ValidationError(_("Wait until the open review closes before changing what it asks."))
    if standard:
        if partnership.principles.filter(standard=standard).exists():
            raise ValidationError({"standard": _("The partnership keeps this principle already.")})
        return Principle.objects.create(partnership=partnership, standard=StandardPrinciple(standard))
    if not title.strip():
        raise ValidationError({"title": _("Choose a principle or write one.")})
    return Principle.objects.create(partnership=partnership, custom_title=title.strip(), custom_meaning=meaning)


def measure_add(*, partnership: Partnership, by, title: str, how: str = "") -> SuccessMeasure:
    """Add a measure of success. Side effects: a SuccessMeasure row."""
    if partnership.reviews.filter(state=ReviewState.OPEN).exists():
        raise ValidationError(_("Wait until the open review closes before changing what it asks."))
    return SuccessMeasure.objects.create(partnership=partnership, title=title, how=how)


def _answerers(partnership: Partnership) -> list:
    """Who answers for each partner: its representative, else its leaders who have an account."""
    people = {}
    for partner in partnership.partners.select_related("representative", "organisation"):
        if partner.representative_id:
            people[partner.representative_id] = partner.representative
        else:
            for affiliation in partner.organisation.affiliations.filter(role=AffiliationRole.LEADER).select_related(
                "person"
            ):
                people[affiliation.person_id] = affiliation.person
    return [person for person in people.values() if person.is_active]


def review_open(*, partnership: Partnership, by=None, closes_on: datetime.date | None = None) -> HealthReview:
    """Open the next health review round and ask each partner's representative to answer.

    Side effects: a HealthReview; the next scheduled review moved on by the partnership's interval; an
    e-mail to each representative (or, for a partner without one, its leaders) queued after commit.
    """
    today = timezone.localdate()
    closes_on = closes_on or today + datetime.timedelta(days=REVIEW_ANSWER_DAYS)
    _check_review_dates(opened_on=today, closes_on=closes_on)
    try:
        with transaction.atomic():
            locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
            if not locked.principles.exists() and not locked.measures.exists():
                raise ValidationError(_("Agree on principles or measures of success before reviewing them."))
            number = (locked.reviews.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            review = HealthReview.objects.create(
                partnership=locked, number=number, opened_on=today, closes_on=closes_on
            )
            locked.next_review_on = today + relativedelta(months=locked.review_every_months)
            locked.save(update_fields=["next_review_on"])
            mail_people(
                _answerers(locked),
                template="partnership_review_open",
                context={
                    "partnership": locked,
                    "review": review,
                    "path": reverse("partnerships:review_answer", args=[locked.pk, review.number]),
                },
                topic=("partnership", locked.pk),
            )
    except IntegrityError:
        raise ValidationError(_("A review of this partnership is open already.")) from None
    partnership.next_review_on = locked.next_review_on
    return review


def review_close(*, review: HealthReview, by=None) -> HealthReview:
    """Close a review round: answers can no longer change. Side effects: the review saved."""
    with transaction.atomic():
        review = HealthReview.objects.select_for_update().get(pk=review.pk)
        if review.state == ReviewState.CLOSED:
            return review
        review.state, review.closed_at = ReviewState.CLOSED, timezone.now()
        review.save(update_fields=["state", "closed_at"])
    return review


def review_answer(
    *, review: HealthReview, partner: Partner, by, principle_scores: dict, measure_scores: dict
) -> ReviewAnswer:
    """Record (or replace) one partner's answer: {principle id: (score, comment)} and {measure id: (score, comment)}.

    Every principle and measure of the partnership gets a score from 1 to 5. Side effects: the answer and its
    scores, replaced as a whole in one transaction; refused once the review has closed.
    """
    with transaction.atomic():
        review = HealthReview.objects.select_for_update().get(pk=review.pk)
        if review.state != ReviewState.OPEN:
            raise ValidationError(_("This review has closed; answers can no longer change."))
        if partner.partnership_id != review.partnership_id:
            raise ValidationError(_("This organisation is not a partner in this partnership."))
        principles = set(review.partnership.principles.values_list("pk", flat=True))
        measures = set(review.partnership.measures.values_list("pk", flat=True))
        if set(principle_scores) != principles or set(measure_scores) != measures:
            raise ValidationError(_("Give a score to every principle and every measure of success."))
        scores = [*principle_scores.values(), *measure_scores.values()]
        if any(not 1 <= score <= 5 for score, _comment in scores):
            raise ValidationError(_("Scores go from 1 to 5."))
        answer, created = ReviewAnswer.objects.get_or_create(
            review=review, partner=partner, defaults={"answered_by": by}
        )
        if not created:
            answer.answered_by, answer.answered_at = by, timezone.now()
            answer.save(update_fields=["answered_by", "answered_at"])
            answer.scores.all().delete()
        ReviewScore.objects.bulk_create(
            [ReviewScore(answer=answer, principle_id=pk, score=s, comment=c) for pk, (s, c) in principle_scores.items()]
            + [ReviewScore(answer=answer, measure_id=pk, score=s, comment=c) for pk, (s, c) in measure_scores.items()]
        )
    return answer


def reviews_due(*, today: datetime.date | None = None) -> tuple[int, int]:
    """Close the rounds whose answering time is over, then open those the schedule says are due.

    Safe to run any number of times. Side effects: reviews closed and opened, with their e-mails.
    Returns (closed, opened).
    """
    today = today or timezone.localdate()
    closed = 0
    for review in HealthReview.objects.filter(state=ReviewState.OPEN, closes_on__lt=today):
        review_close(review=review)
        closed += 1
    opened = 0
    due = Partnership.objects.filter(next_review_on__lte=today).exclude(reviews__state=ReviewState.OPEN)
    for partnership in due:
        try:
            review_open(partnership=partnership)
        except ValidationError:
            continue
        opened += 1
    return closed, opened


def action_add(
    *, partnership: Partnership, by, description: str, owner: Partner | None = None, due_on=None, review=None
) -> FollowUpAction:
    """Agree on a follow-up action with an owner and a due date. Side effects: a FollowUpAction row."""
    if owner is not None and owner.partnership_id != partnership.pk:
        raise ValidationError({"owner": _("Choose one of this partnership's partners.")})
    today = timezone.localdate()
    if due_on is not None and not today - datetime.timedelta(days=366) <= due_on <= today + relativedelta(years=3):
        raise ValidationError({"due_on": _("Choose a date within a year before and three years after today.")})
    return FollowUpAction.objects.create(
        partnership=partnership, review=review, description=description, owner=owner, due_on=due_on, created_by=by
    )


def action_set_done(*, action: FollowUpAction, by, done: bool) -> FollowUpAction:
    """Mark a follow-up action done, or not done after all. Side effects: the action saved."""
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done_at"])
    return action
