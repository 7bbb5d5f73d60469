from django import template

from proposals.domain.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    """1,234.50 USD: an amount with its currency, two decimals, grouped thousands."""
    return format_money(amount, currency)
