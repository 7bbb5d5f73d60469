"""The forms of a social enterprise's listings: an offer (or need) and its photos."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceModelForm

from .. import services
from ..enums import OFFER_LANGUAGES
from ..models import Offer, OfferPhoto, Organisation, User
from ..validators import validate_offer_photo

# Khmer digits are read as the number they write; any other script's digits (Arabic-Indic, full-width,
# superscripts) are refused in words, never turned silently into a price.
KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
PRICE_CHARACTERS = set("0123456789.,")


class PriceField(forms.DecimalField):
    """A price in plain digits (0–9 or Khmer digits), with an optional decimal point; commas between thousands
    are dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().translate(KHMER_DIGITS)
        if not text or any(char not in PRICE_CHARACTERS for char in text):
            raise ValidationError(_("Write the price with the digits 0–9, for example 12.50."), code="invalid")
        text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ValidationError(
                _("Write the price with the digits 0–9, for example 12.50."), code="invalid"
            ) from error
        if not number.is_finite():
            raise ValidationError(_("Write the price with the digits 0–9, for example 12.50."), code="invalid")
        return number


class OfferForm(ServiceModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=OFFER_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    price_min = PriceField(label=_("Lowest price"), required=False)
    price_max = PriceField(label=_("Highest price"), required=False)

    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "category",
            "description",
            "price_min",
            "price_max",
            "currency",
            "price_note",
            "languages",
            "serves_whole_country",
            "regions",
            "rightsholder_groups",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "regions": forms.SelectMultiple(attrs={"size": 8}),
            "rightsholder_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "description": _("What it is, how it is made or done, how to order, how long it takes."),
            "regions": _("Hold Ctrl (or ⌘) to choose more than one."),
        }

    def __init__(self, *args, organisation: Organisation, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.by = by

    def clean(self):
        cleaned = super().clean()
        if "price_min" in cleaned and "price_max" in cleaned:
            self.service_check(
                services.offer_price_check, price_min=cleaned["price_min"], price_max=cleaned["price_max"]
            )
        return cleaned

    def call_service(self) -> Offer:
        data = dict(self.cleaned_data)
        if self.instance.pk:
            return services.offer_update(offer=self.instance, by=self.by, **data)
        return services.offer_create(organisation=self.organisation, by=self.by, **data)


class OfferPhotoForm(ServiceModelForm):
    class Meta:
        model = OfferPhoto
        fields = ["image", "description", "is_public"]
        widgets = {"image": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"})}
        help_texts = {"image": _("PNG, JPEG, WebP or GIF, at most 5 MB.")}

    def __init__(self, *args, offer: Offer, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.by = by

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image:
            validate_offer_photo(image)
        return image

    def call_service(self) -> OfferPhoto:
        return services.offer_photo_add(offer=self.offer, by=self.by, **self.cleaned_data)
