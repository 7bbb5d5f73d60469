"""Funding opportunities members share, and the consortia that apply for them together."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail import mail_people
from common.markup import check_markdown, check_markdown_fields
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus
from members.models import Organisation, User
from proposals.models import Proposal

from ..enums import ConsortiumOutcome, PartnerStatus
from ..models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMessage,
    ConsortiumPartner,
    ConsortiumStep,
    FundingOpportunity,
    OpportunityFollow,
    OpportunityInterest,
)
from ..models.funding import today
from ..rules import consortium_organisation_ids
from ..selectors import proposals_to_link


def _leads(person, organisation) -> bool:
    return person.affiliations.filter(organisation=organisation, role=AffiliationRole.LEADER).exists()


def _check_amounts(amount_min: Decimal | None, amount_max: Decimal | None) -> None:
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        raise ValidationError({"amount_max": _("The largest grant cannot be smaller than the smallest.")})


@transaction.atomic
def opportunity_save(
    *, by, opportunity: FundingOpportunity | None = None, themes=(), regions=(), rightsholder_groups=(), **fields
) -> FundingOpportunity:
    """Post a funding opportunity, or change one. A new one (or a changed deadline) must not be past.

    Writes the FundingOpportunity and its themes, provinces and groups; the poster follows a new one. No
    e-mail now: it reaches the digests of people in its themes. Raises ValidationError when the donor or
    title is empty, the amounts are out of order, or the deadline is before today.
    """
    is_new = opportunity is None
    opportunity = opportunity or FundingOpportunity(posted_by=by)
    old_deadline = None if is_new else FundingOpportunity.objects.get(pk=opportunity.pk).deadline
    for field, value in fields.items():
        setattr(opportunity, field, value)
    errors = {}
    for field in ("donor", "title"):
        if not (getattr(opportunity, field) or "").strip():
            errors[field] = _("This cannot be empty.")
    if opportunity.deadline and opportunity.deadline != old_deadline and opportunity.deadline < today():
        errors["deadline"] = _("The deadline is already past. Enter a date from today on.")
    if errors:
        raise ValidationError(errors)
    _check_amounts(opportunity.amount_min, opportunity.amount_max)
    check_markdown_fields(summary=opportunity.summary, how_to_apply=opportunity.how_to_apply)
    opportunity.save()
    opportunity.themes.set(themes)
    opportunity.regions.set(regions)
    opportunity.rightsholder_groups.set(rightsholder_groups)
    if is_new:
        OpportunityFollow.objects.get_or_create(opportunity=opportunity, person=by)
    return opportunity


def opportunity_set_featured(*, opportunity: FundingOpportunity, featured: bool, by) -> FundingOpportunity:
    """A coordinator features an opportunity at the top of the list, or stops. Writes is_featured only."""
    opportunity.is_featured = featured
    opportunity.save(update_fields=["is_featured", "updated_at"])
    return opportunity


@transaction.atomic
def opportunity_toggle_follow(*, opportunity: FundingOpportunity, person) -> bool:
    """Follow an opportunity (deadline reminders), or stop. Returns whether the person follows it now.

    Writes or deletes one OpportunityFollow.
    """
    deleted, _rows = OpportunityFollow.objects.filter(opportunity=opportunity, person=person).delete()
    if deleted:
        return False
    OpportunityFollow.objects.get_or_create(opportunity=opportunity, person=person)
    return True


@transaction.atomic
def opportunity_express_interest(*, opportunity: FundingOpportunity, organisation: Organisation, by) -> bool:
    """A leader says their organisation means to apply, or takes it back. Returns whether it is interested now.

    Writes or deletes one OpportunityInterest; the leader follows the opportunity. Raises ValidationError when
    `by` does not lead the organisation or the deadline has passed.
    """
    if not _leads(by, organisation):
        raise ValidationError({"organisation": _("Choose an organisation you lead.")})
    deleted, _rows = OpportunityInterest.objects.filter(opportunity=opportunity, organisation=organisation).delete()
    if deleted:
        return False
    if not opportunity.is_open:
        raise ValidationError(_("The deadline has passed."))
    OpportunityInterest.objects.create(opportunity=opportunity, organisation=organisation, by=by)
    OpportunityFollow.objects.get_or_create(opportunity=opportunity, person=by)
    return True


def consortium_create(*, opportunity: FundingOpportunity, lead: Organisation, by) -> Consortium:
    """Start a consortium led by an organisation `by` leads, to apply for an open opportunity.

    Writes the Consortium, the lead's place in it (accepted) and the lead's interest in the opportunity.
    Raises ValidationError when `by` does not lead `lead`, the deadline has passed, or that organisation
    already leads a consortium for this opportunity.
    """
    if not _leads(by, lead):
        raise ValidationError({"lead": _("Choose an organisation you lead.")})
    if not opportunity.is_open:
        raise ValidationError(_("The deadline has passed."))
    try:
        with transaction.atomic():
            consortium = Consortium.objects.create(opportunity=opportunity, lead=lead, created_by=by)
            ConsortiumPartner.objects.create(
                consortium=consortium,
                organisation=lead,
                status=PartnerStatus.ACCEPTED,
                invited_by=by,
                answered_by=by,
                answered_at=timezone.now(),
            )
            OpportunityInterest.objects.get_or_create(opportunity=opportunity, organisation=lead, defaults={"by": by})
    except IntegrityError as error:
        raise ValidationError(
            {"lead": _("This organisation already leads a consortium for this opportunity.")}
        ) from error
    return consortium


def organisation_leaders(organisation: Organisation):
    """The active network members who lead an organisation. A read."""
    return User.objects.network_members().filter(
        affiliations__organisation=organisation, affiliations__role=AffiliationRole.LEADER
    )


@transaction.atomic
def consortium_invite(*, consortium: Consortium, organisation: Organisation, role: str, by) -> ConsortiumPartner:
    """Invite an organisation into a consortium with a role; one that declined may be invited again.

    Writes a ConsortiumPartner (invited) and queues an e-mail to the organisation's leaders, who accept or
    decline. Raises ValidationError when the organisation is already in or invited, is not an active member
    organisation, or the consortium has already applied.
    """
    if consortium.outcome != ConsortiumOutcome.PREPARING:
        raise ValidationError(_("The consortium has already applied."))
    if organisation.status != OrganisationStatus.ACTIVE or organisation.kind == OrganisationKind.STAKEHOLDER:
        raise ValidationError({"organisation": _("Choose an active organisation of the network.")})
    partner = (
        ConsortiumPartner.objects.select_for_update().filter(consortium=consortium, organisation=organisation).first()
    )
    if partner is not None and partner.status != PartnerStatus.DECLINED:
        raise ValidationError({"organisation": _("This organisation is already in the consortium or invited.")})
    partner = partner or ConsortiumPartner(consortium=consortium, organisation=organisation)
    partner.role = role.strip()
    partner.status = PartnerStatus.INVITED
    partner.invited_by, partner.invited_at = by, timezone.now()
    partner.answered_by, partner.answered_at = None, None
    partner.save()
    mail_people(
        organisation_leaders(organisation),
        template="consortium_invitation",
        context={"partner": partner, "consortium": consortium, "opportunity": consortium.opportunity, "by": by},
        topic=("network.consortium", consortium.pk),
    )
    return partner


@transaction.atomic
def consortium_partner_answer(*, partner: ConsortiumPartner, accept: bool, by) -> ConsortiumPartner:
    """A leader of the invited organisation accepts (it joins the consortium's space) or declines.

    Writes the ConsortiumPartner's status and who answered when. Raises ValidationError when the invitation
    was already answered or `by` does not lead the organisation.
    """
    partner = ConsortiumPartner.objects.select_for_update().get(pk=partner.pk)
    if partner.status != PartnerStatus.INVITED:
        raise ValidationError(_("This invitation was already answered."))
    if not _leads(by, partner.organisation):
        raise ValidationError(_("Only a leader of the invited organisation can answer."))
    partner.status = PartnerStatus.ACCEPTED if accept else PartnerStatus.DECLINED
    partner.answered_by, partner.answered_at = by, timezone.now()
    partner.save(update_fields=["status", "answered_by", "answered_at"])
    return partner


def consortium_message_post(*, consortium: Consortium, author, body: str) -> ConsortiumMessage:
    """Post to the consortium's private discussion. Writes one ConsortiumMessage; no e-mail.

    Raises ValidationError when the message is empty.
    """
    if not body.strip():
        raise ValidationError({"body": _("Write a message first.")})
    check_markdown(body, field="body")
    return ConsortiumMessage.objects.create(consortium=consortium, author=author, body=body)


def consortium_document_add(*, consortium: Consortium, file, by, name: str = "") -> ConsortiumDocument:
    """Keep a document in the consortium's private space (a private file, served after the rule).

    Writes a ConsortiumDocument and stores its file. Raises ValidationError when no file is given.
    """
    if not file:
        raise ValidationError({"file": _("Choose a file.")})
    return ConsortiumDocument.objects.create(
        consortium=consortium,
        file=file,
        name=(name.strip() or file.name)[:200],
        size=getattr(file, "size", 0) or 0,
        uploaded_by=by,
    )


def _check_owner(consortium: Consortium, owner) -> None:
    if owner is None:
        return
    ids = consortium_organisation_ids(consortium)
    if not owner.affiliations.filter(organisation_id__in=ids).exists():
        raise ValidationError({"owner": _("Choose someone from the consortium's organisations.")})


def consortium_step_add(*, consortium: Consortium, title: str, owner=None, due_on=None, by) -> ConsortiumStep:
    """Add a step of the application to the checklist. Writes one ConsortiumStep.

    Raises ValidationError when the title is empty or the owner works at none of the consortium's organisations.
    """
    if not title.strip():
        raise ValidationError({"title": _("This cannot be empty.")})
    _check_owner(consortium, owner)
    return ConsortiumStep.objects.create(consortium=consortium, title=title.strip(), owner=owner, due_on=due_on)


def consortium_step_set_done(*, step: ConsortiumStep, done: bool, by) -> ConsortiumStep:
    """Tick a checklist step as done, or open it again. Writes done_at."""
    step.done_at = timezone.now() if done else None
    step.save(update_fields=["done_at"])
    return step


@transaction.atomic
def consortium_record_outcome(
    *, consortium: Consortium, outcome: str, by, amount_won: Decimal | None = None, lessons: str = ""
) -> Consortium:
    """Record where the application stands: submitted, won (with the amount), or not funded, with lessons.

    Writes the Consortium's outcome, amount won, lessons and when; a result that is not a win unlinks the
    proposal that tracked the grant. Raises ValidationError when a win has no amount, a result that is not a
    win gives one, or the outcome is not one of these.
    """
    if outcome not in (ConsortiumOutcome.SUBMITTED, ConsortiumOutcome.WON, ConsortiumOutcome.LOST):
        raise ValidationError({"outcome": _("Choose submitted, won or not funded.")})
    if outcome == ConsortiumOutcome.WON and amount_won is None:
        raise ValidationError({"amount_won": _("Enter the amount won.")})
    if outcome != ConsortiumOutcome.WON and amount_won is not None:
        raise ValidationError({"amount_won": _("Give an amount only for a grant that was won.")})
    check_markdown_fields(lessons=lessons)
    consortium.outcome, consortium.amount_won, consortium.lessons = outcome, amount_won, lessons
    consortium.outcome_at = timezone.now()
    if outcome != ConsortiumOutcome.WON:
        consortium.proposal = None
    consortium.save(update_fields=["outcome", "amount_won", "lessons", "lessons_html", "outcome_at", "proposal"])
    return consortium


@transaction.atomic
def consortium_link_proposal(*, consortium: Consortium, proposal: Proposal | None, by) -> Consortium:
    """Link a won grant to the proposal in the portal whose budget and spending track it, or unlink it (None).

    Writes the Consortium's proposal. Raises ValidationError when the consortium has not won, or the proposal
    is not one `by` may link: a coordinator links any; others a proposal of a community they are an active
    member of.
    """
    consortium = Consortium.objects.select_for_update().get(pk=consortium.pk)
    if consortium.outcome != ConsortiumOutcome.WON:
        raise ValidationError(_("Only a won grant can be linked to a proposal."))
    if proposal is not None and not proposals_to_link(by).filter(pk=proposal.pk).exists():
        raise ValidationError({"proposal": _("Choose a proposal of one of your communities.")})
    consortium.proposal = proposal
    consortium.save(update_fields=["proposal"])
    return consortium
