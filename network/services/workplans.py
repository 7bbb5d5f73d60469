"""Joint work plans: plans, their objectives and actions, and progress reported by the owners."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.enums import OrganisationStatus

from ..enums import ActionStatus
from ..models import Action, Objective, WorkPlan

LINKS = ("meeting", "challenge", "proposal", "resource")


def _not_blank(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This cannot be empty.")})
    return value


@transaction.atomic
def workplan_create(*, community, title: str, summary: str = "", by) -> WorkPlan:
    """Start a work plan for a community, or for the whole network when community is None.

    Writes a WorkPlan; no e-mail. Raises ValidationError on an empty title.
    """
    plan = WorkPlan(community=community, title=_not_blank(title, "title"), summary=summary.strip(), created_by=by)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def workplan_update(*, plan: WorkPlan, title: str, summary: str = "") -> WorkPlan:
    """Rename a plan or change its summary. Writes the WorkPlan. Raises ValidationError on an empty title."""
    plan.title = _not_blank(title, "title")
    plan.summary = summary.strip()
    plan.full_clean()
    plan.save(update_fields=["title", "summary"])
    return plan


@transaction.atomic
def objective_save(*, plan: WorkPlan, title: str, objective: Objective | None = None) -> Objective:
    """Add an objective at the end of the plan, or rename one. Writes the Objective.

    Raises ValidationError on an empty title or an objective of another plan.
    """
    if objective is not None and objective.plan_id != plan.pk:
        raise ValidationError(_("This objective belongs to another plan."))
    if objective is None:
        last = plan.objectives.order_by("-position").values_list("position", flat=True).first()
        objective = Objective(plan=plan, position=(last or 0) + 1)
    objective.title = _not_blank(title, "title")
    objective.full_clean()
    objective.save()
    return objective


def _check_links(plan: WorkPlan, action: Action) -> None:
    """An action links only to what belongs to its plan's community or to the whole network: a meeting, a
    challenge nobody hid, a proposal of that community, a resource. Raises ValidationError on the field."""
    errors = {}
    community_id = plan.community_id
    if action.meeting_id and action.meeting.community_id not in (None, community_id):
        errors["meeting"] = _("Choose a meeting of this community or of the whole network.")
    if action.challenge_id and (
        action.challenge.is_hidden or action.challenge.community_id not in (None, community_id)
    ):
        errors["challenge"] = _("Choose a challenge of this community or of the whole network.")
    if action.proposal_id and community_id is not None and action.proposal.community_id != community_id:
        errors["proposal"] = _("Choose a proposal of this community.")
    if action.resource_id and action.resource.community_id not in (None, community_id):
        errors["resource"] = _("Choose a resource of this community or of the whole network.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_save(
    *,
    objective: Objective,
    by,
    title: str,
    owner,
    starts_on,
    ends_on,
    supporters=(),
    status: str = ActionStatus.PLANNED,
    action: Action | None = None,
    **links,
) -> Action:
    """Add an action to an objective or change one: its owner, supporters, dates, status and links.

    Writes the Action and its supporters; no e-mail. Raises ValidationError when the title is empty, the
    end comes before the start, the owner or a supporter has left the network, or a link points outside
    the plan's community.
    """
    action = action or Action(created_by=by)
    action.objective = objective
    action.title = _not_blank(title, "title")
    action.owner = owner
    action.starts_on, action.ends_on, action.status = starts_on, ends_on, status
    for name in LINKS:
        setattr(action, name, links.get(name))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    if owner is not None and owner.status != OrganisationStatus.ACTIVE:
        raise ValidationError({"owner": _("Choose an organisation that is still in the network.")})
    supporters = [organisation for organisation in supporters if organisation.pk != owner.pk]
    if any(organisation.status != OrganisationStatus.ACTIVE for organisation in supporters):
        raise ValidationError({"supporters": _("Choose organisations that are still in the network.")})
    _check_links(objective.plan, action)
    action.full_clean(exclude=["objective", "created_by", "progress_by"])
    action.save()
    action.supporters.set(supporters)
    return action


@transaction.atomic
def action_record_progress(*, action: Action, by, status: str, progress_note: str) -> Action:
    """Say how an action is going: its status and a short note, stamped with who and when.

    Writes the Action's status and progress fields; no e-mail. Raises ValidationError on an unknown status
    or a note longer than the limit.
    """
    action.status = status
    action.progress_note = (progress_note or "").strip()
    action.progress_at, action.progress_by = timezone.now(), by
    action.full_clean(exclude=["objective", "owner", "created_by", "progress_by"] + list(LINKS))
    action.save(update_fields=["status", "progress_note", "progress_at", "progress_by"])
    return action
