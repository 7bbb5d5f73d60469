"""Deadline reminders for funding opportunities: a week before and the day before.

Each goes to the people who follow the opportunity and to the people of the organisations in a consortium
still preparing its application, once per person, opportunity, deadline and stage: the occasion in the
delivery ledger says so, so a sweep run twice, or two sweeps at once, send nobody a second copy, and a
moved deadline is a new occasion.
"""

from collections import defaultdict
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, deliver, register_kind, render_for
from members.models import Affiliation, User

from ..enums import ConsortiumOutcome, PartnerStatus
from ..models import ConsortiumPartner, FundingOpportunity, OpportunityFollow
from ..models.funding import today


def _resend(ids: list[int]) -> None:
    from ..tasks import funding_reminders_task

    funding_reminders_task.delay()  # it works out every reminder again; the due rows are taken up


FUNDING_DEADLINE = register_kind("funding_deadline", label=_("Funding deadline coming"), resend=_resend)

# Days before the deadline each reminder is for, nearest last: a stage is due once the deadline is this near.
STAGES = (7, 1)


def stage_for(days_left: int) -> int | None:
    """The nearest stage a deadline `days_left` days away has reached (7 or 1), or None when it is further
    or already past. No side effects."""
    if days_left < 0:
        return None
    reached = [stage for stage in STAGES if days_left <= stage]
    return min(reached) if reached else None


def reminder_recipients(opportunity_ids: list[int]) -> dict[int, dict[int, list]]:
    """Per opportunity, per person: the consortia (still preparing) that bring them in; a follower with no
    consortium has an empty list. Three queries for any number of opportunities. A read."""
    recipients: dict[int, dict[int, list]] = defaultdict(dict)
    for opportunity_id, person_id in OpportunityFollow.objects.filter(opportunity_id__in=opportunity_ids).values_list(
        "opportunity_id", "person_id"
    ):
        recipients[opportunity_id].setdefault(person_id, [])
    places = ConsortiumPartner.objects.filter(
        consortium__opportunity_id__in=opportunity_ids,
        consortium__outcome=ConsortiumOutcome.PREPARING,
        status=PartnerStatus.ACCEPTED,
    ).select_related("consortium__lead")
    consortia_of_organisation = defaultdict(list)
    for place in places:
        consortia_of_organisation[place.organisation_id].append(place.consortium)
    for person_id, organisation_id in Affiliation.objects.filter(
        organisation_id__in=consortia_of_organisation
    ).values_list("person_id", "organisation_id"):
        for consortium in consortia_of_organisation[organisation_id]:
            mine = recipients[consortium.opportunity_id].setdefault(person_id, [])
            if consortium not in mine:
                mine.append(consortium)
    return recipients


def send_funding_deadline_reminders(*, claim: str, on=None) -> BatchResult:
    """Remind followers and consortium members of deadlines a week or a day away (see the module).

    Side effects through deliver: a Delivery row of kind funding deadline and one e-mail per person and stage.
    """
    on = on or today()
    result = BatchResult()
    opportunities = list(
        FundingOpportunity.objects.filter(deadline__gte=on, deadline__lte=on + timedelta(days=max(STAGES))).defer(
            "summary", "how_to_apply"
        )
    )
    if not opportunities:
        return result
    recipients = reminder_recipients([opportunity.pk for opportunity in opportunities])
    for opportunity in opportunities:
        stage = stage_for((opportunity.deadline - on).days)
        people_consortia = recipients.get(opportunity.pk)
        if stage is None or not people_consortia:
            continue
        days = max((opportunity.deadline - on).days, 1)
        part = deliver(
            recipients=User.objects.network_members().filter(pk__in=people_consortia),
            occasion=f"opportunity:{opportunity.pk}:deadline:{opportunity.deadline:%Y%m%d}:{stage}d",
            kind=FUNDING_DEADLINE,
            topic=("network.fundingopportunity", opportunity.pk),
            claim=claim,
            build=lambda person, opportunity=opportunity, people_consortia=people_consortia, days=days: render_for(
                person,
                "funding_deadline",
                context={"opportunity": opportunity, "consortia": people_consortia[person.pk], "days": days},
            ),
        )
        result.add(part)
    return result
