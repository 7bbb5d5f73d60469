"""Forms whose save() hands the cleaned input to one service and shows the service's refusal on the form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What str.splitlines() breaks a line at: none of these belongs in a name or a title.
LINE_BREAKS = ("\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def validate_single_line(value) -> None:
    """Refuse a line break in text from a one-line box (a name, a title): a browser never sends one there,
    and a name with one breaks e-mail headers, lists and exports."""
    if isinstance(value, str) and any(mark in value for mark in LINE_BREAKS):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")


class SingleLineInputsMixin:
    """Every text field of the form shown as a one-line box refuses line breaks (validate_single_line),
    fields added in a subclass's __init__ included."""

    def full_clean(self):
        for field in self.fields.values():
            one_line = isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput)
            if one_line and validate_single_line not in field.validators:
                field.validators.append(validate_single_line)
        super().full_clean()


# A ValidationError with this code is not an input error but a state the view shows on a page of its own
# (two people editing the same proposal): it passes through save() untouched.
CONFLICT = "conflict"


class ServiceFormMixin(SingleLineInputsMixin):
    """save() calls call_service(); a ValidationError from the service lands on the form and save() returns None.

    An error naming a field the form has is shown on that field, any other on top of the form.
    An error with the code "conflict" is raised on for the view to handle. One-line text boxes (names,
    titles) refuse line breaks.
    """

    def call_service(self):
        """Call the service with self.cleaned_data and return what it saved. Subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement call_service()")

    def save(self, commit=True):
        """Save through call_service(): the saved object, or None when the service refused the input."""
        try:
            return self.call_service()
        except ValidationError as error:
            if getattr(error, "code", None) == CONFLICT:
                raise
            self.add_service_error(error)
            return None

    def service_check(self, check, *args, **kwargs) -> None:
        """Run one of the service's checks while cleaning, so that its refusal shows like any field error."""
        try:
            check(*args, **kwargs)
        except ValidationError as error:
            self.add_service_error(error)

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the form: on its field where the form has one, else on top."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error)


class ServiceForm(ServiceFormMixin, forms.Form):
    """A form whose save() calls one service through call_service(), showing the service's errors on the form."""


class ServiceModelForm(ServiceFormMixin, forms.ModelForm):
    """A model form that validates like any ModelForm, model field checks included, then saves through a service.

    Model validation always runs (never override _post_clean): it is what refuses a number or a text the
    database column cannot hold. Uniqueness or a constraint the service words better is checked in clean()
    with service_check(), so the field fails in the service's words before the model's generic message.
    The instance passed in holds the form's values after is_valid(), as with any ModelForm; services
    that compare old and new values load their own copy.
    """
