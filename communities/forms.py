import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.validators import bound_past_day_field
from common.widgets import DateInput, NamesSelect
from members.enums import OrganisationStatus
from members.models import Organisation, User

from . import selectors, services
from .enums import MembershipRole, StandardPrinciple
from .models import Community, StakeholderLink
from .services.partnerships import REVIEW_ANSWER_DAYS


class CommunityForm(ServiceModelForm):
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=User.objects.network_members(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("They manage its members and stakeholder links. More can be named later on the people page."),
    )

    class Meta:
        model = Community
        fields = ["name", "short_name", "purpose", "themes", "rightsholder_groups", "is_active"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
            "rightsholder_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        if self.instance.pk:
            # Facilitators of an existing community are named from its people page, where the last one is kept.
            del self.fields["facilitators"]
        else:
            del self.fields["is_active"]

    def clean(self):
        # The service's check, so that a taken name is refused in its words (in any case) before the model's.
        cleaned = super().clean()
        if "name" in cleaned:
            self.service_check(services.community_name_check, cleaned["name"], exclude_pk=self.instance.pk)
        return cleaned

    def call_service(self) -> Community:
        if self.instance.pk:
            return services.community_update(community=self.instance, by=self.by, **self.cleaned_data)
        return services.community_create(by=self.by, **self.cleaned_data)


class JoinForm(ServiceForm):
    message = forms.CharField(
        label=_("Message to the facilitators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. What you hope to share and learn here."),
    )

    def __init__(self, *args, community: Community, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.person = person

    def call_service(self):
        return services.membership_request(
            community=self.community, person=self.person, message=self.cleaned_data["message"]
        )


class InviteForm(ServiceForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        help_text=_("Someone who already has an account. They accept or decline on the community's page."),
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Added to the invitation e-mail."),
    )

    def __init__(self, *args, community: Community, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.by = by
        self.fields["person"].queryset = selectors.members_to_invite(community=community)

    def call_service(self):
        return services.membership_invite(
            community=self.community,
            person=self.cleaned_data["person"],
            message=self.cleaned_data["message"],
            by=self.by,
        )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)


class OrganisationAddForm(ServiceForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    joined_on = forms.DateField(
        label=_("Joined on"), required=False, widget=DateInput, help_text=_("Leave empty for today.")
    )

    def __init__(self, *args, community: Community, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.by = by
        self.fields["organisation"].queryset = selectors.organisations_to_add(community=community)
        bound_past_day_field(self.fields["joined_on"])

    def call_service(self):
        return services.organisation_add(community=self.community, by=self.by, **self.cleaned_data)


class StakeholderLinkForm(ServiceModelForm):
    """Link a stakeholder, or, with an instance, change the role, note and date of a link."""

    class Meta:
        model = StakeholderLink
        fields = ["organisation", "role", "started_on", "note"]
        labels = {"organisation": _("Stakeholder"), "started_on": _("Since")}
        widgets = {"started_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "organisation": {"invalid_choice": _("Choose an organisation from the stakeholder register.")}
        }

    def __init__(self, *args, community: Community, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.by = by
        bound_past_day_field(self.fields["started_on"])
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = selectors.stakeholders()
            self.fields["organisation"].help_text = _("Organisations of the kind stakeholder in the register.")

    # The one-link-per-stakeholder rule is the service's, with a message that names both: the model's
    # constraint is not checked here, as the form has no community field.

    def call_service(self) -> StakeholderLink:
        if self.instance.pk:
            return services.stakeholder_link_update(link=self.instance, by=self.by, **self.cleaned_data)
        return services.stakeholder_link_create(community=self.community, by=self.by, **self.cleaned_data)


# --- partnerships ------------------------------------------------------------------------

MAX_LISTED = 12


def _lines(text: str, *, limit: int, longest: int) -> list[str]:
    """The non-empty lines of a box where each line is one entry; refuses too many or too long lines."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > limit:
        raise forms.ValidationError(_("Write at most %(n)d, one per line.") % {"n": limit})
    if any(len(line) > longest for line in lines):
        raise forms.ValidationError(_("Keep each line under %(n)d characters.") % {"n": longest})
    return lines


class PartnershipForm(ServiceForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        required=False,
        widget=NamesSelect,
        help_text=_("Its facilitators look after the partnership with the coordinators."),
    )
    goal = forms.CharField(label=_("Shared goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    standard_principles = forms.MultipleChoiceField(
        label=_("Principles the partners agreed"),
        choices=StandardPrinciple.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    custom_principles = forms.CharField(
        label=_("Principles of your own"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example: Decisions are taken together."),
    )
    measures = forms.CharField(
        label=_("How you will measure success"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example: Joint activities held as planned."),
    )
    review_every_months = forms.IntegerField(label=_("Review every (months)"), min_value=1, max_value=24, initial=6)
    next_review_on = forms.DateField(label=_("First review on"), required=False, widget=DateInput)

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        communities = Community.objects.filter(is_active=True)
        if not by.is_coordinator:
            communities = communities.facilitated_by(by)
            self.fields["community"].required = True
        self.fields["community"].queryset = communities
        self.fields["standard_principles"].initial = list(StandardPrinciple.values)

    def clean_custom_principles(self):
        return _lines(self.cleaned_data["custom_principles"], limit=MAX_LISTED, longest=150)

    def clean_measures(self):
        return _lines(self.cleaned_data["measures"], limit=MAX_LISTED, longest=200)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("standard_principles") and not cleaned.get("custom_principles") and not self.errors:
            self.add_error("standard_principles", _("Choose or write at least one principle."))
        return cleaned

    def call_service(self):
        data = dict(self.cleaned_data)
        data["measures"] = [(title, "") for title in data["measures"]]
        return services.partnership_create(by=self.by, **data)


class PartnershipUpdateForm(ServiceForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    goal = forms.CharField(label=_("Shared goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    review_every_months = forms.IntegerField(label=_("Review every (months)"), min_value=1, max_value=24)
    next_review_on = forms.DateField(label=_("Next review on"), required=False, widget=DateInput)

    def __init__(self, *args, partnership, by: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": partnership.name,
                "goal": partnership.goal,
                "review_every_months": partnership.review_every_months,
                "next_review_on": partnership.next_review_on,
            },
        )
        super().__init__(*args, **kwargs)
        self.partnership, self.by = partnership, by

    def call_service(self):
        return services.partnership_update(partnership=self.partnership, by=self.by, **self.cleaned_data)


class PartnerForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=NamesSelect
    )
    role = forms.CharField(label=_("Role in the partnership"), max_length=200, required=False)
    contribution = forms.CharField(
        label=_("What it contributes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    representative_email = forms.EmailField(
        label=_("Representative's e-mail"),
        required=False,
        help_text=_("A person with an account who answers the health reviews for this partner."),
    )

    def __init__(self, *args, partnership, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.by = partnership, by
        taken = partnership.partners.values("organisation_id")
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(status=OrganisationStatus.ACTIVE).exclude(pk__in=taken).order_by("name")
        )

    def clean_representative_email(self):
        email = self.cleaned_data["representative_email"]
        if not email:
            return None
        person = User.objects.network_members().filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(_("Nobody in the network has this e-mail address."))
        return person

    def call_service(self):
        data = dict(self.cleaned_data)
        data["representative"] = data.pop("representative_email")
        return services.partner_add(partnership=self.partnership, by=self.by, **data)


class PrincipleForm(ServiceForm):
    standard = forms.ChoiceField(
        label=_("A usual principle"), choices=[("", "—"), *StandardPrinciple.choices], required=False
    )
    title = forms.CharField(label=_("Or one of your own"), max_length=150, required=False)
    meaning = forms.CharField(
        label=_("What it means"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, partnership, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.by = partnership, by

    def call_service(self):
        return services.principle_add(partnership=self.partnership, by=self.by, **self.cleaned_data)


class MeasureForm(ServiceForm):
    title = forms.CharField(label=_("Measure of success"), max_length=200)
    how = forms.CharField(
        label=_("How it is measured"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, partnership, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.by = partnership, by

    def call_service(self):
        return services.measure_add(partnership=self.partnership, by=self.by, **self.cleaned_data)


class ReviewOpenForm(ServiceForm):
    closes_on = forms.DateField(label=_("Answers close on"), widget=DateInput)

    def __init__(self, *args, partnership, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.by = partnership, by
        self.fields["closes_on"].initial = timezone.localdate() + datetime.timedelta(days=REVIEW_ANSWER_DAYS)

    def call_service(self):
        return services.review_open(partnership=self.partnership, by=self.by, **self.cleaned_data)


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class ReviewAnswerForm(ServiceForm):
    """A score from 1 to 5 and a comment for each principle and each measure of success."""

    def __init__(self, *args, review, partner, by: User, items, answer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review, self.partner, self.by = review, partner, by
        given = {}
        if answer is not None:
            for score in answer.scores.all():
                kind = "principle" if score.principle_id else "measure"
                given[(kind, score.principle_id or score.measure_id)] = score
        self.items = []
        for (kind, pk), title in items:
            name = f"{kind}_{pk}"
            before = given.get((kind, pk))
            self.fields[f"{name}_score"] = forms.TypedChoiceField(
                label=title,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                initial=str(before.score) if before else None,
                help_text=_("1: not at all · 5: fully"),
            )
            self.fields[f"{name}_comment"] = forms.CharField(
                label=_("Comment on %(item)s") % {"item": title},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=before.comment if before else "",
            )
            self.items.append((kind, pk))

    def call_service(self):
        chosen = {"principle": {}, "measure": {}}
        for kind, pk in self.items:
            name = f"{kind}_{pk}"
            chosen[kind][pk] = (self.cleaned_data[f"{name}_score"], self.cleaned_data[f"{name}_comment"])
        return services.review_answer(
            review=self.review,
            partner=self.partner,
            by=self.by,
            principle_scores=chosen["principle"],
            measure_scores=chosen["measure"],
        )


class FollowUpActionForm(ServiceForm):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput)

    def __init__(self, *args, partnership, by: User, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.by, self.review = partnership, by, review
        self.fields["owner"].queryset = partnership.partners.select_related("organisation")

    def call_service(self):
        return services.action_add(partnership=self.partnership, by=self.by, review=self.review, **self.cleaned_data)
