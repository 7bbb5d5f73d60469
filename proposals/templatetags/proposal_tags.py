from django import template

from proposals.domain.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    """1,234.50 USD: an amount with its currency, two decimals, grouped thousands."""
    return format_money(amount, currency)


@register.filter
def amount(value, currency=""):
    """1,234.50: an amount in a table whose caption names the currency; riel without decimals."""
    return format_money(value, currency, with_code=False)
