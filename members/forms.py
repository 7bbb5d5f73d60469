from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .enums import Role
from .models import Invitation, User, time_zone_choices


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Optional. The invitee can change it.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Invitation._meta.get_field("role").choices, initial=Role.MEMBER)
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Added to the invitation e-mail."),
    )

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by

    def save(self) -> Invitation | None:
        try:
            return services.invitation_create(
                email=self.cleaned_data["email"],
                display_name=self.cleaned_data["display_name"],
                role=self.cleaned_data["role"],
                message=self.cleaned_data["message"],
                by=self.by,
            )
        except ValidationError as error:
            self.add_error(None, error)
            return None


class InvitationAcceptForm(forms.Form):
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

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["display_name"].initial = invitation.display_name

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

    def save(self) -> User | None:
        try:
            return services.invitation_accept(
                invitation=self.invitation,
                password=self.cleaned_data["password1"],
                display_name=self.cleaned_data["display_name"],
            )
        except ValidationError as error:
            self.add_error(None, error)
            return None


class PreferencesForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["display_name", "language", "time_zone"]

    def save(self, commit=True):
        return services.user_update_preferences(
            user=self.instance,
            display_name=self.cleaned_data["display_name"],
            language=self.cleaned_data["language"],
            time_zone=self.cleaned_data["time_zone"],
        )


class ApprovalForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.filter(role=Role.PENDING, is_active=True))
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
