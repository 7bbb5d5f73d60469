"""Drafting a proposal together: starting it, saving the text with an optimistic lock and a version
per save, co-authors, and the key activities.

Every step an author takes is refused (require_author) unless `by` is a co-author still active in the
proposing community, so rights follow membership even for a form opened before someone was removed.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.markup import check_markdown_fields
from common.validators import check_date_range
from communities.models import Community, Membership
from members.enums import OrganisationKind
from members.models import Organisation, User

from ..domain.parts import ACTIVITY_FIELDS, values_of
from ..domain.versions import NARRATIVE_NAMES, form_values, merge, narrative, proposal_content
from ..enums import EDITABLE, ProposalStatus, VersionKind
from ..models import Call, KeyActivity, Proposal, ProposalVersion


class EditConflict(ValidationError):
    """A save based on an older version, after someone else changed the text.

    Carries the text as it was (base), as it is now (theirs) and as this person wrote it (yours),
    in the proposal form's terms, with a merge that keeps every change and names the fields both changed.
    """

    def __init__(self, *, proposal: Proposal, base: dict, theirs: dict, yours: dict, saved_by: User | None):
        super().__init__(
            _("Someone else saved this proposal while you were editing it. Nothing is lost: compare and save again."),
            code="conflict",
        )
        self.proposal = proposal
        self.base, self.theirs, self.yours = base, theirs, yours
        self.saved_by = saved_by
        self.merged, self.conflicts = merge(base=base, theirs=theirs, yours=yours)


class PartConflict(ValidationError):
    """A budget line or a key activity someone else changed after this person opened its form.

    Carries its values as they were when the form was opened (base), as they are now (theirs) and as this person
    sent them (yours), in the form's terms (domain.parts), with a merge that keeps every change and names the
    fields both changed. `part` is the line or activity as it is now.
    """

    def __init__(self, *, part, base: dict, theirs: dict, yours: dict):
        super().__init__(
            _("Someone else changed this while you were editing it. Nothing is lost: compare and save again."),
            code="conflict",
        )
        self.part = part
        self.base, self.theirs, self.yours = base, theirs, yours
        self.merged, self.conflicts = merge(base=base, theirs=theirs, yours=yours)


def check_unchanged_since(part, *, names: list[str], base: dict | None, yours: dict) -> None:
    """The optimistic lock of a budget line or an activity, as the proposal text has with its version number.

    Raises PartConflict when someone changed `part` since its form was opened with the values `base`, unless
    what was sent is what is saved now (the same person's second click on Save is not a conflict). No lock
    without `base` (a line being added, or a service called outside a form). No side effects.
    """
    if base is None:
        return
    theirs = values_of(names, part)
    if theirs != base and theirs != yours:
        raise PartConflict(part=part, base=base, theirs=theirs, yours=yours)


def lock_proposal(proposal: Proposal) -> Proposal:
    """The proposal re-read under a row lock, so its steps and saves take turns.

    Only the proposal's row is locked (of=self), until the transaction ends: saves of other proposals
    to the same call go on. Writes nothing.
    """
    return Proposal.objects.select_for_update(of=("self",)).select_related("call", "community").get(pk=proposal.pk)


def require_editable(proposal: Proposal) -> None:
    """Refuse changes to a proposal that is no longer a draft or sent back for revisions.

    Raises ValidationError saying when it was submitted and what it is now. No side effects.
    """
    if proposal.status in EDITABLE:
        return
    if proposal.submitted_at and proposal.status not in (ProposalStatus.WITHDRAWN,):
        raise ValidationError(
            _("This proposal was submitted on %(date)s and is now %(status)s; it can no longer be edited.")
            % {
                "date": formats.date_format(timezone.localtime(proposal.submitted_at), "j F Y, H:i"),
                "status": proposal.get_status_display().lower(),
            }
        )
    raise ValidationError(
        _("This proposal is %(status)s; it can no longer be edited.")
        % {"status": proposal.get_status_display().lower()}
    )


def content_of(proposal: Proposal) -> dict:
    """What a version of the proposal keeps, read fresh from the database. No side effects."""
    return proposal_content(
        proposal,
        sections=proposal.call.sections.all(),
        stakeholders=proposal.stakeholders.order_by("name"),
        activities=proposal.activities.select_related("responsible_organisation"),
        lines=proposal.budget_lines.select_related("activity"),
    )


def record_version(proposal: Proposal, *, by: User, kind: str = VersionKind.SAVED) -> ProposalVersion:
    """Keep the proposal as it reads now as the next version, and move the lock number on to it.

    Writes a ProposalVersion and Proposal.version.
    """
    number = (proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ProposalVersion.objects.create(
        proposal=proposal, number=number, kind=kind, content=content_of(proposal), saved_by=by
    )
    proposal.version = number
    proposal.save(update_fields=["version", "updated_at"])
    return version


def _is_active_member(person: User, community: Community) -> bool:
    return Membership.objects.active().filter(community=community, person=person).exists()


def require_author(proposal: Proposal, by: User, *, or_coordinator: bool = False) -> None:
    """Refuse anyone but a co-author who is still an active member of the proposing community.

    The same check as the rules, asked again inside the transaction: a co-author removed from the
    community loses every co-author right at once, even with a form opened before. With or_coordinator,
    coordinators pass too (steps both may take). Raises ValidationError with code "not_author". No side effects.
    """
    if or_coordinator and by.is_coordinator:
        return
    if (
        by.is_network_member
        and proposal.authors.filter(pk=by.pk).exists()
        and _is_active_member(by, proposal.community)
    ):
        return
    raise ValidationError(
        _("Only co-authors who are active members of %(community)s may do this.") % {"community": proposal.community},
        code="not_author",
    )


@transaction.atomic
def proposal_create(*, call: Call, community: Community, title: str, by: User) -> Proposal:
    """Start a draft for a community; the person who starts it is its first co-author.

    Writes the Proposal, its first co-author and its first ProposalVersion; no e-mail. Raises ValidationError
    when the call is not open, the community may not propose, the person is not its member, or no title.
    """
    errors = {}
    if not call.is_open:
        raise ValidationError(_("This call is not open for proposals."))
    if not call.eligible_communities.filter(pk=community.pk).exists():
        errors["community"] = _("%(community)s may not propose to this call.") % {"community": community}
    elif not _is_active_member(by, community):
        errors["community"] = _("Only members of %(community)s may start its proposals.") % {"community": community}
    if not (title or "").strip():
        errors["title"] = _("Give the proposal a title.")
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(call=call, community=community, title=title.strip(), created_by=by, version=0)
    proposal.authors.add(by)
    record_version(proposal, by=by)
    return proposal


def _narrative_of(proposal: Proposal, sections) -> dict:
    return narrative(
        title=proposal.title,
        fields=_fields(proposal),
        sections=[(s.pk, s.heading, proposal.section_answers.get(str(s.pk), "")) for s in sections],
        stakeholders=list(proposal.stakeholders.values_list("pk", "name")),
    )


def _fields(proposal: Proposal) -> dict:
    return {name: getattr(proposal, name) for name in NARRATIVE_NAMES}


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    by: User,
    base_version: int,
    title: str,
    summary: str,
    problem: str,
    objectives: str,
    rightsholders: str,
    expected_reach: int | None,
    risks: str,
    section_answers: dict[str, str],
    stakeholders,
) -> Proposal:
    """Save a co-author's edit of the text as a new version.

    A save based on an older version than the current one, after the text changed, raises
    EditConflict with both texts; nothing is saved, and nothing typed is lost. Otherwise writes the
    Proposal, its stakeholders and a ProposalVersion (only when something changed); no e-mail.
    Raises ValidationError when the proposal cannot be edited, the title is empty or a stakeholder is not one.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    stakeholders = list(stakeholders)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the proposal a title.")})
    not_stakeholders = [o.name for o in stakeholders if o.kind != OrganisationKind.STAKEHOLDER]
    if not_stakeholders:
        raise ValidationError(
            {"stakeholders": _("Not in the stakeholder register: %(names)s.") % {"names": ", ".join(not_stakeholders)}}
        )
    sections = list(proposal.call.sections.all())
    known = {str(section.pk) for section in sections}
    answers = {key: text for key, text in section_answers.items() if key in known}
    check_markdown_fields(
        summary=summary,
        problem=problem,
        objectives=objectives,
        rightsholders=rightsholders,
        risks=risks,
        **{section.field_name: answers.get(str(section.pk), "") for section in sections},
    )
    fields = {
        "summary": summary,
        "problem": problem,
        "objectives": objectives,
        "rightsholders": rightsholders,
        "expected_reach": expected_reach,
        "risks": risks,
    }
    yours = narrative(
        title=title,
        fields=fields,
        sections=[(s.pk, s.heading, answers.get(str(s.pk), "")) for s in sections],
        stakeholders=[(o.pk, o.name) for o in stakeholders],
    )
    theirs = _narrative_of(proposal, sections)
    if base_version != proposal.version and yours != theirs:
        # A save based on an older version is a conflict, unless it says what the text says now: the same
        # person clicking Save twice, or two co-authors making the same change.
        base_version_row = proposal.versions.filter(number=base_version).first()
        if base_version_row is None:
            raise ValidationError(_("This form belongs to a version that does not exist. Open the proposal again."))
        base = form_values(base_version_row.content)
        if form_values(theirs) != base:
            latest = proposal.versions.select_related("saved_by").order_by("-number").first()
            raise EditConflict(
                proposal=proposal,
                base=base,
                theirs=form_values(theirs),
                yours=form_values(yours),
                saved_by=latest.saved_by if latest else None,
            )
    if yours == theirs:
        return proposal
    proposal.title = yours["title"]
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.section_answers = {**proposal.section_answers, **answers}
    proposal.save()
    proposal.stakeholders.set(stakeholders)
    record_version(proposal, by=by)
    return proposal


@transaction.atomic
def proposal_add_author(*, proposal: Proposal, person: User, by: User) -> Proposal:
    """Add a co-author from the proposing community's active members.

    Writes the proposal's authors; no e-mail. Raises ValidationError when the proposal cannot be edited,
    or the person is already a co-author or not an active member of the community.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    if proposal.authors.filter(pk=person.pk).exists():
        raise ValidationError({"person": _("%(name)s is already a co-author.") % {"name": person.name}})
    if not _is_active_member(person, proposal.community):
        raise ValidationError(
            {
                "person": _("Co-authors come from %(community)s; %(name)s is not an active member of it.")
                % {"community": proposal.community, "name": person.name}
            }
        )
    proposal.authors.add(person)
    return proposal


@transaction.atomic
def proposal_remove_author(*, proposal: Proposal, person: User, by: User) -> Proposal:
    """Take a co-author off a proposal that may still be edited.

    Writes the proposal's authors; no e-mail. Raises ValidationError when the proposal cannot be edited,
    the person is not a co-author, or they are the last one.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    if not proposal.authors.filter(pk=person.pk).exists():
        raise ValidationError(_("%(name)s is not a co-author.") % {"name": person.name})
    if proposal.authors.count() == 1:
        raise ValidationError(_("A proposal needs at least one co-author. Add another before leaving."))
    proposal.authors.remove(person)
    return proposal


# A call funds activities from the day it opens until ACTIVITY_YEARS_AFTER_CALL years after its deadline, each
# lasting at most a year.
ACTIVITY_YEARS_AFTER_CALL = 3
ACTIVITY_MAX_DAYS = 366


def activity_window(call) -> tuple[datetime.date, datetime.date]:
    """The first and last day a key activity of a proposal to `call` may fall on. No side effects."""
    opens = timezone.localtime(call.opens_at, call.zone).date()
    closes = timezone.localtime(call.closes_at, call.zone).date()
    return opens, closes + relativedelta(years=ACTIVITY_YEARS_AFTER_CALL)


@transaction.atomic
def activity_save(
    *,
    proposal: Proposal,
    by: User,
    activity: KeyActivity | None = None,
    title: str,
    description: str,
    starts_on,
    ends_on,
    place: str,
    responsible_organisation: Organisation | None,
    expected_outputs: str,
    based_on: dict | None = None,
) -> KeyActivity:
    """Add a key activity, or change one.

    `based_on` holds the activity's values when its form was opened (domain.parts): when someone else changed
    it since, PartConflict is raised and nothing is saved, unless the values sent are those saved already.
    Writes the KeyActivity and the proposal's updated_at; no e-mail, no version. Raises ValidationError
    when the proposal cannot be edited, the activity was deleted, the dates are reversed, outside the call's
    activity_window() or more than a year apart, or a field is invalid.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    earliest, latest = activity_window(proposal.call)
    check_date_range(starts_on, field="starts_on", earliest=earliest, latest=latest)
    check_date_range(ends_on, field="ends_on", earliest=earliest, latest=latest)
    check_markdown_fields(description=description, expected_outputs=expected_outputs)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The activity must end on or after the day it starts.")})
    if starts_on and ends_on and (ends_on - starts_on).days + 1 > ACTIVITY_MAX_DAYS:
        raise ValidationError({"ends_on": _("A key activity lasts at most a year; split a longer one into several.")})
    if activity is not None:
        if activity.proposal_id != proposal.pk:
            raise ValidationError(_("This activity belongs to another proposal."))
        activity = proposal.activities.filter(pk=activity.pk).first()
        if activity is None:
            raise ValidationError(_("Someone deleted this activity while you were editing it; nothing was saved."))
        yours = values_of(
            ACTIVITY_FIELDS,
            {
                "title": title,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "place": place,
                "responsible_organisation": responsible_organisation,
                "description": description,
                "expected_outputs": expected_outputs,
            },
        )
        check_unchanged_since(activity, names=ACTIVITY_FIELDS, base=based_on, yours=yours)
    activity = activity or KeyActivity(proposal=proposal)
    activity.title = title
    activity.description = description
    activity.starts_on = starts_on
    activity.ends_on = ends_on
    activity.place = place
    activity.responsible_organisation = responsible_organisation
    activity.expected_outputs = expected_outputs
    activity.full_clean()
    activity.save()
    proposal.save(update_fields=["updated_at"])
    return activity


def remove_from_draft(part, *, by: User) -> None:
    """Delete an activity or a budget line, while its proposal may still be edited.

    Deletes the row and writes the proposal's updated_at. Raises ValidationError when it cannot be edited
    or `by` is not a co-author in the proposing community.
    """
    proposal = lock_proposal(part.proposal)
    require_editable(proposal)
    require_author(proposal, by)
    part.delete()
    proposal.save(update_fields=["updated_at"])


@transaction.atomic
def activity_delete(*, activity: KeyActivity, by: User) -> None:
    """Remove an activity; its budget lines stay, no longer linked to an activity.

    Deletes the KeyActivity; no e-mail. Raises ValidationError when the proposal can no longer be edited.
    """
    remove_from_draft(activity, by=by)
