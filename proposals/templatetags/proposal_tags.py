from django import template
from django.utils import formats, timezone

from proposals.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    """1,234.50 USD: an amount with its currency, two decimals, grouped thousands."""
    return format_money(amount, currency)


@register.filter
def amount(value, currency=""):
    """1,234.50: an amount in a table whose caption names the currency; riel without decimals."""
    return format_money(value, currency, with_code=False)


@register.filter
def in_my_zone(moment):
    """A moment in the viewer's time zone, with the zone named: deadlines are never a guess."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    local = timezone.localtime(moment, zone)
    return f"{formats.date_format(local, 'l j F Y, H:i')} ({getattr(zone, 'key', zone)})"
