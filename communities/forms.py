from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.validators import bound_past_day_field
from common.widgets import DateInput
from members.models import User

from . import selectors, services
from .enums import MembershipRole
from .models import Community, StakeholderLink


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
