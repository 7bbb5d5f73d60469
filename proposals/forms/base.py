import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..enums import Currency

MONEY = forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"})
RATE = forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})


def currency_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Currency"),
        choices=Currency.choices,
        error_messages={"invalid_choice": _("%(value)s is not a currency we know. Choose one from the list.")},
        **kwargs,
    )


# 14 digits, 2 after the point: the money columns, up to MAX_AMOUNT. The services refuse a zero or negative
# amount, and a rate out of bounds, in their own words.
def money_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, widget=MONEY, **kwargs)


def rate_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=18, decimal_places=6, widget=RATE, **kwargs)


def combine(day, time, zone_name: str):
    """A date and time typed in a time zone, as an aware datetime (stored in UTC)."""
    try:
        zone = zoneinfo.ZoneInfo(zone_name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return datetime.combine(day, time, tzinfo=zone)
