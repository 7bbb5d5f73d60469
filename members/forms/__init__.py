from datetime import date

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.validators import bound_past_day_field
from common.widgets import DateInput, NamesSelect
from common.zones import time_zone_choices

from .. import services
from ..enums import AffiliationRole, OrganisationKind, OrganisationStatus, Role
from ..models import ContactPerson, Interaction, Invitation, JoinRequest, Organisation, User
from ..services.organisations import PROFILE_FIELDS
from ..validators import validate_logo


class OrganisationRoleField(forms.ChoiceField):
    """Leader or staff; staff when nothing is chosen."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Role in the organisation"))
        super().__init__(choices=AffiliationRole.choices, initial=AffiliationRole.STAFF, required=False, **kwargs)

    def clean(self, value):
        return super().clean(value) or AffiliationRole.STAFF


class InvitationForm(ServiceForm):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Optional. The invitee can change it.")
    )
    role = forms.ChoiceField(
        label=_("Role in the network"), choices=Invitation._meta.get_field("role").choices, initial=Role.MEMBER
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None for now"),
        help_text=_("Optional. The person is listed there when they accept the invitation, not before."),
    )
    organisation_role = OrganisationRoleField()
    position = forms.CharField(
        label=_("Position"), max_length=120, required=False, help_text=_("For example: Executive director")
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Added to the invitation e-mail."),
    )

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        self.fields["organisation"].queryset = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)

    def call_service(self) -> Invitation:
        return services.invitation_create(by=self.by, **self.cleaned_data)


class InvitationAcceptForm(ServiceForm):
    display_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    join_organisation = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["display_name"].initial = invitation.display_name
        if invitation.organisation_id:
            self.fields["join_organisation"].label = _("List me at %(organisation)s as %(role)s") % {
                "organisation": invitation.organisation.name,
                "role": invitation.get_organisation_role_display().lower(),
            }
            self.fields["join_organisation"].help_text = _(
                "Untick to create your account without being listed there; you can be added later."
            )
        else:
            del self.fields["join_organisation"]

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        candidate = User(email=self.invitation.email, display_name=self.data.get("display_name", ""))
        validate_password(password, candidate)
        return password

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    def call_service(self) -> User:
        return services.invitation_accept(
            invitation=self.invitation,
            password=self.cleaned_data["password1"],
            display_name=self.cleaned_data["display_name"],
            join_organisation=self.cleaned_data.get("join_organisation", False),
        )


class PreferencesForm(ServiceModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, widget=NamesSelect)

    class Meta:
        model = User
        fields = ["display_name", "language", "time_zone", "digest_frequency"]

    def call_service(self) -> User:
        return services.user_update_preferences(
            user=self.instance,
            display_name=self.cleaned_data["display_name"],
            language=self.cleaned_data["language"],
            time_zone=self.cleaned_data["time_zone"],
            digest_frequency=self.cleaned_data["digest_frequency"],
        )


class SignupForm(forms.Form):
    """The questions of open sign-up besides e-mail and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS):
    what a coordinator needs to decide on the account."""

    display_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    organisation_name = forms.CharField(
        label=_("Your organisation"),
        max_length=200,
        required=False,
        help_text=_("The NGO or other organisation you work for, if any."),
    )
    position = forms.CharField(label=_("Your position there"), max_length=120, required=False)
    reason = forms.CharField(
        label=_("Why you want to join"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words help the coordinator approve you sooner."),
    )

    def signup(self, request, user):
        answers = {name: self.cleaned_data.get(name, "") for name in SignupForm.base_fields}
        services.signup_note_save(person=user, **answers)


class ApprovalForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.filter(role=Role.PENDING, is_active=True))
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])


class OrganisationForm(ServiceModelForm):
    """The profile form. Leaders see the public profile; coordinators also kind, status and dates."""

    COORDINATOR_ONLY = ["kind", "stakeholder_type", "joined_on", "status", "left_on"]

    class Meta:
        model = Organisation
        # The profile as the history keeps it; the relationship notes have a page of their own.
        fields = [field for field in PROFILE_FIELDS if field != "relationship_notes"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 5}),
            "focus_areas": forms.CheckboxSelectMultiple,
            "rightsholder_groups": forms.CheckboxSelectMultiple,
            "regions": forms.SelectMultiple(attrs={"size": 8}),
            "joined_on": DateInput,
            "left_on": DateInput,
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {"logo": _("PNG, JPEG, WebP or GIF, at most 2 MB.")}

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        if not by.is_coordinator:
            for name in self.COORDINATOR_ONLY:
                del self.fields[name]
        self.fields["year_founded"].widget.attrs.update(min=1800, max=date.today().year)
        for name in ("joined_on", "left_on"):
            if name in self.fields:
                bound_past_day_field(self.fields[name])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            validate_logo(logo)
        return logo

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year and year > date.today().year:
            raise ValidationError(_("The year founded cannot be in the future."))
        return year

    def clean(self):
        # The service's own checks, run early so that a taken name or a stakeholder type on another kind
        # is refused on its field in the service's words, not by the model's constraint on top of the form.
        cleaned = super().clean()
        if "name" in cleaned:
            self.service_check(services.organisation_name_check, cleaned["name"], exclude_pk=self.instance.pk)
        if "kind" in cleaned and "stakeholder_type" in cleaned:
            self.service_check(services.organisation_kind_check, cleaned["kind"], cleaned["stakeholder_type"])
        return cleaned

    def _service_fields(self):
        data = dict(self.cleaned_data)
        logo = data.pop("logo", None)
        if logo is False:
            data["logo"] = ""
        elif logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            data["logo"] = logo
        return data

    def call_service(self) -> Organisation:
        if self.instance.pk:
            return services.organisation_update(organisation=self.instance, by=self.by, **self._service_fields())
        return services.organisation_create(by=self.by, **self._service_fields())


class StakeholderForm(OrganisationForm):
    """A new stakeholder for the register: the public profile and the type of stakeholder."""

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, by=by, **kwargs)
        for name in self.COORDINATOR_ONLY:
            if name != "stakeholder_type":
                self.fields.pop(name, None)
        self.fields["stakeholder_type"] = Organisation._meta.get_field("stakeholder_type").formfield(required=True)
        self.order_fields(["name", "acronym", "stakeholder_type"])
        self.instance.kind = OrganisationKind.STAKEHOLDER

    def call_service(self) -> Organisation:
        fields = self._service_fields()
        fields.pop("kind", None)
        return services.stakeholder_create(by=self.by, **fields)


class ProfileForm(ServiceForm):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    bio = forms.CharField(
        label=_("Short bio"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    languages = forms.CharField(
        label=_("Languages you speak"),
        required=False,
        max_length=200,
        help_text=_("Separate with commas: Khmer, English"),
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        max_length=500,
        help_text=_("Separate with commas: fundraising, child protection, social enterprise"),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)

    def __init__(self, *args, person: User, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "display_name": person.display_name,
                "bio": person.bio,
                "languages": person.languages,
                "expertise": ", ".join(tag.name for tag in person.expertise.all()),
                "phone": person.phone,
            },
        )
        super().__init__(*args, **kwargs)
        self.person = person

    def call_service(self) -> User:
        person = services.user_update_preferences(
            user=self.person,
            display_name=self.cleaned_data["display_name"],
            language=self.person.language,
            time_zone=self.person.time_zone,
        )
        return services.person_update_profile(
            person=person,
            bio=self.cleaned_data["bio"],
            languages=self.cleaned_data["languages"],
            phone=self.cleaned_data["phone"],
            expertise=self.cleaned_data["expertise"].split(","),
        )


class StaffInvitationForm(ServiceForm):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    organisation_role = OrganisationRoleField()

    def __init__(self, *args, organisation: Organisation, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.by = by

    def call_service(self) -> Invitation:
        return services.invitation_create(
            email=self.cleaned_data["email"],
            display_name=self.cleaned_data["display_name"],
            position=self.cleaned_data["position"],
            organisation=self.organisation,
            organisation_role=self.cleaned_data["organisation_role"],
            role=Role.MEMBER,
            by=self.by,
        )


class AffiliationForm(ServiceForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.network_members(),
        help_text=_("Someone who already has an account. Invite new people by e-mail instead."),
    )
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=AffiliationRole.choices, initial=AffiliationRole.STAFF)

    def __init__(self, *args, organisation: Organisation, by: User, direct: bool = False, **kwargs):
        """With direct (coordinators), the person is listed at once; otherwise they are invited and
        listed when they accept."""
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.by = by
        self.direct = direct
        self.fields["person"].queryset = self.fields["person"].queryset.exclude(affiliations__organisation=organisation)

    def call_service(self):
        service = services.affiliation_add if self.direct else services.affiliation_invite
        return service(organisation=self.organisation, by=self.by, **self.cleaned_data)


class AffiliationUpdateForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=AffiliationRole.choices)


class JoinRequestForm(ServiceModelForm):
    class Meta:
        model = JoinRequest
        fields = ["organisation_name", "acronym", "website", "mission", "focus_areas", "position", "message"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 4}),
            "message": forms.Textarea(attrs={"rows": 3}),
            "focus_areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by

    def call_service(self) -> JoinRequest:
        return services.join_request_create(by=self.by, **self.cleaned_data)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    note = forms.CharField(label=_("Note to the requester"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ContactPersonForm(ServiceModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "position", "email", "phone", "notes", "account"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation: Organisation, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.by = by
        self.fields["account"].required = False
        self.fields["account"].queryset = User.objects.filter(is_active=True)

    def call_service(self) -> ContactPerson:
        return services.contact_person_save(
            organisation=self.organisation,
            by=self.by,
            contact=self.instance if self.instance.pk else None,
            **self.cleaned_data,
        )


class InteractionForm(ServiceModelForm):
    class Meta:
        model = Interaction
        fields = ["happened_on", "kind", "contact", "summary"]
        widgets = {
            "happened_on": DateInput,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation: Organisation, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.by = by
        self.fields["contact"].queryset = organisation.contact_people.all()
        self.fields["contact"].required = False
        bound_past_day_field(self.fields["happened_on"])

    def call_service(self) -> Interaction:
        return services.interaction_record(organisation=self.organisation, by=self.by, **self.cleaned_data)


class RelationshipNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes on the relationship"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
