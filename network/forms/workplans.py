"""Forms of joint work plans: plans, objectives, actions and the progress their owners report."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.widgets import DateInput, NamesSelect
from communities.models import Community
from events.models import Meeting
from members.enums import OrganisationKind, OrganisationStatus
from members.models import Organisation
from proposals.models import Proposal

from .. import services
from ..enums import ActionStatus
from ..models import Action, Challenge, Resource
from ..models.workplans import NOTE_LENGTH

# A link's choices: the newest this many of the plan's community (or of the whole network).
LINK_CHOICES = 100


class WorkPlanForm(ServiceForm):
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        required=False,
        widget=NamesSelect,
        empty_label=_("The whole network"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, by, plan=None, **kwargs):
        """Coordinators start a plan for any community or the network; facilitators for their communities."""
        self.by, self.plan = by, plan
        initial = kwargs.setdefault("initial", {})
        if plan is not None:
            initial.update(title=plan.title, summary=plan.summary)
        super().__init__(*args, **kwargs)
        if plan is not None:
            del self.fields["community"]
        else:
            field = self.fields["community"]
            field.queryset = Community.objects.all() if by.is_coordinator else Community.objects.facilitated_by(by)
            field.required = not by.is_coordinator

    def clean_community(self):
        community = self.cleaned_data.get("community")
        if not self.by.has_perm("network.add_workplan", community):
            raise ValidationError(_("Choose a community you facilitate."))
        return community

    def call_service(self):
        data = self.cleaned_data
        if self.plan is not None:
            return services.workplan_update(plan=self.plan, title=data["title"], summary=data["summary"])
        return services.workplan_create(
            community=data["community"], title=data["title"], summary=data["summary"], by=self.by
        )


class ObjectiveForm(ServiceForm):
    title = forms.CharField(label=_("Objective"), max_length=200)

    def __init__(self, *args, plan, objective=None, **kwargs):
        self.plan, self.objective = plan, objective
        if objective is not None:
            kwargs.setdefault("initial", {"title": objective.title})
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.objective_save(plan=self.plan, objective=self.objective, title=self.cleaned_data["title"])


def _newest(queryset, order: str):
    """The newest LINK_CHOICES rows of a queryset, as a queryset a form field can still look a value up in."""
    return queryset.model.objects.filter(pk__in=queryset.order_by(order).values("pk")[:LINK_CHOICES]).order_by(order)


class ActionForm(ServiceModelForm):
    class Meta:
        model = Action
        fields = [
            "objective", "title", "owner", "supporters", "starts_on", "ends_on", "status",
            "meeting", "challenge", "proposal", "resource",
        ]  # fmt: skip
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "owner": NamesSelect,
            "supporters": forms.CheckboxSelectMultiple,
        }
        help_texts = {"supporters": _("Other organisations taking part.")}

    def __init__(self, *args, plan, by, **kwargs):
        """Choices come from the plan: its objectives, and links of its community or of the whole network
        (the service checks again)."""
        super().__init__(*args, **kwargs)
        self.plan, self.by = plan, by
        self.fields["objective"].queryset = plan.objectives.all()
        self.fields["objective"].empty_label = None
        active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        self.fields["owner"].queryset = active.exclude(kind=OrganisationKind.STAKEHOLDER)
        # A community's plan offers its member organisations (and those already chosen) as supporters: a
        # list a phone can scroll. The network's plan offers every organisation.
        supporters = active
        if plan.community_id:
            chosen = self.instance.supporters.values("pk") if self.instance.pk else Organisation.objects.none()
            supporters = active.filter(Q(community_links__community=plan.community_id) | Q(pk__in=chosen)).distinct()
        self.fields["supporters"].queryset = supporters
        community = plan.community_id
        near = Q(community__isnull=True) | Q(community=community) if community else Q(community__isnull=True)
        self.fields["meeting"].queryset = _newest(Meeting.objects.filter(near), "-starts_at")
        self.fields["meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%d %b %Y} · {m.title}"
        self.fields["challenge"].queryset = _newest(Challenge.objects.filter(near, is_hidden=False), "-created_at")
        proposals = Proposal.objects.filter(community=community) if community else Proposal.objects.all()
        self.fields["proposal"].queryset = _newest(proposals, "-pk")
        self.fields["resource"].queryset = _newest(Resource.objects.filter(near), "-created_at")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data

    def call_service(self) -> Action:
        data = dict(self.cleaned_data)
        return services.action_save(by=self.by, action=self.instance if self.instance.pk else None, **data)


class ProgressForm(ServiceForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress_note = forms.CharField(
        label=_("Progress"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few lines: what was done, what is next."),
    )

    def __init__(self, *args, action, by, **kwargs):
        self.action, self.by = action, by
        kwargs.setdefault("initial", {"status": action.status, "progress_note": action.progress_note})
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.action_record_progress(action=self.action, by=self.by, **self.cleaned_data)
