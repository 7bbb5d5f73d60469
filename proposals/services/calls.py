"""Calls for proposals: opening one, changing it, and extending its deadline."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields
from members.models import User

from ..enums import Currency
from ..models import Call, CallSection, ReviewCriterion, ReviewScore


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:200] or "call"
    slug, number = base, 2
    taken = Call.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check(*, title, opens_at, closes_at, budget_ceiling, currency, eligible_communities, criteria) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the call a title.")
    if closes_at <= opens_at:
        errors["closes_date"] = _("The call must close after it opens.")
    if budget_ceiling is None or budget_ceiling <= 0:
        errors["budget_ceiling"] = _("The budget ceiling must be more than zero.")
    if currency not in Currency.values:
        errors["currency"] = _("%(currency)s is not a currency we know.") % {"currency": currency}
    if not eligible_communities:
        errors["eligible_communities"] = _("Choose at least one community that may propose.")
    for title_, weight in criteria:
        if not title_.strip() or weight is None or weight <= 0:
            errors["criteria"] = _("Every criterion needs a name and a weight above zero.")
    if errors:
        raise ValidationError(errors)


def _set_sections(call: Call, headings: list[str]) -> None:
    """Keep each position's section (so answers stay attached), change its heading, drop the rest."""
    existing = list(call.sections.order_by("position", "pk"))
    for position, heading in enumerate(headings, start=1):
        if position <= len(existing):
            section = existing[position - 1]
            if section.heading != heading or section.position != position:
                section.heading, section.position = heading, position
                section.save(update_fields=["heading", "position"])
        else:
            CallSection.objects.create(call=call, position=position, heading=heading)
    CallSection.objects.filter(pk__in=[section.pk for section in existing[len(headings) :]]).delete()


def _set_criteria(call: Call, criteria: list[tuple[str, int]]) -> None:
    existing = list(call.criteria.order_by("position", "pk"))
    wanted = [(title, weight) for title, weight in criteria]
    if [(c.title, c.weight) for c in existing] == wanted:
        return
    if ReviewScore.objects.filter(criterion__call=call).exists():
        raise ValidationError(
            {"criteria": _("Reviewers have already scored against these criteria; they can no longer be changed.")}
        )
    call.criteria.all().delete()
    ReviewCriterion.objects.bulk_create(
        [
            ReviewCriterion(call=call, position=position, title=title, weight=weight)
            for position, (title, weight) in enumerate(wanted, start=1)
        ]
    )


@transaction.atomic
def call_save(
    *,
    call: Call | None = None,
    by: User,
    title: str,
    description: str,
    opens_at,
    closes_at,
    time_zone: str,
    eligible_communities,
    budget_ceiling: Decimal,
    currency: str,
    sections: list[str],
    criteria: list[tuple[str, int]],
    review_days: int | None = None,
    report_every_months: int | None = None,
    final_report_days: int | None = None,
) -> Call:
    """Open a call for proposals to some communities, with its sections and review criteria, or change one.

    A call's currency stays once it has proposals, since their exchange rates refer to it. Writes the Call,
    its eligible communities, CallSection and ReviewCriterion rows; no e-mail. Raises ValidationError on a
    wrong value, a currency change with proposals, or a criteria change after reviewers scored.
    The deadlines (days to review, months between progress reports, days for the final report) stay as
    they were, or the defaults, when not given.
    """
    if call is None:
        call = Call(slug=_unique_slug(title), created_by=by)
    else:
        call = Call.objects.select_for_update().get(pk=call.pk)
        if currency != call.currency and call.proposals.exists():
            raise ValidationError(
                {"currency": _("Proposals already count their budgets in %(currency)s.") % {"currency": call.currency}}
            )
    eligible_communities = list(eligible_communities)
    _check(
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        budget_ceiling=budget_ceiling,
        currency=currency,
        eligible_communities=eligible_communities,
        criteria=criteria,
    )
    call.title = title.strip()
    check_markdown_fields(description=description)
    call.description = description
    call.opens_at = opens_at
    call.closes_at = closes_at
    call.time_zone = time_zone
    call.budget_ceiling = budget_ceiling
    call.currency = currency
    deadlines = {
        "review_days": review_days,
        "report_every_months": report_every_months,
        "final_report_days": final_report_days,
    }
    errors = {}
    for name, value in deadlines.items():
        if value is None:
            continue
        try:
            Call._meta.get_field(name).run_validators(value)
        except ValidationError as error:
            errors[name] = error.messages
        setattr(call, name, value)
    if errors:
        raise ValidationError(errors)
    call.save()
    call.eligible_communities.set(eligible_communities)
    _set_sections(call, sections)
    _set_criteria(call, criteria)
    return call


@transaction.atomic
def call_extend(*, call: Call, closes_at, by: User) -> Call:
    """Move the deadline later. The first deadline is kept and shown beside the new one.

    Writes the Call's closes_at and original_closes_at; no e-mail. Raises ValidationError when the new
    deadline is not later than the current one or not in the future.
    """
    call = Call.objects.select_for_update().get(pk=call.pk)
    if closes_at <= call.closes_at:
        raise ValidationError(
            {
                "closes_date": _("The new deadline must be later than the current one, %(date)s.")
                % {"date": formats.date_format(timezone.localtime(call.closes_at, call.zone), "j F Y, H:i")}
            }
        )
    if closes_at <= timezone.now():
        raise ValidationError({"closes_date": _("The new deadline must be in the future.")})
    if call.original_closes_at is None:
        call.original_closes_at = call.closes_at
    call.closes_at = closes_at
    call.save(update_fields=["closes_at", "original_closes_at", "updated_at"])
    return call
