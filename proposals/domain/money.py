"""Money is a Decimal with its currency: rounding to the cent, conversion by a rate set by hand."""

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from django.utils.formats import number_format

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The largest amount the money columns (14 digits, 2 after the point) hold: every line total, expense and
# amount converted to the call's currency must stay under it.
MAX_AMOUNT = Decimal("999999999999.99")
# An exchange rate between one millionth and a million: 1 USD = 4,100 KHR, or 0.000244 USD for 1 KHR.
MIN_RATE = Decimal("0.000001")
MAX_RATE = Decimal("1000000")
# Rounding to the cent with the default precision (28 digits) fails on a number of more than 26 digits
# before the point; sums and conversions of data written before the bounds are rounded with room to spare,
# so that a page shows them instead of failing.
ROOM = Context(prec=80, rounding=ROUND_HALF_UP)


def quantize(amount: Decimal) -> Decimal:
    """Round to the cent, halves away from zero, as an accountant does."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP, context=ROOM)


def fits(amount: Decimal) -> bool:
    """Whether an amount fits the money columns."""
    return abs(amount) <= MAX_AMOUNT


def line_total(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return quantize(quantity * unit_cost)


def convert(amount: Decimal, rate: Decimal) -> Decimal:
    """An amount in some currency, in the call's currency.

    The rate says how many units of the amount's currency make one unit of the call's
    currency (1 USD = 4,100 KHR has the rate 4100 for KHR), as people quote it in Cambodia.
    """
    return quantize(Decimal(amount) / Decimal(rate))


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part as a percentage of whole, to one decimal; None when whole is zero."""
    if not whole:
        return None
    try:
        return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


# Currencies written without decimals: riel amounts are whole, as on every price and bank slip.
WHOLE_UNIT_CURRENCIES = frozenset({"KHR"})


def format_money(amount: Decimal | None, currency: str = "", *, with_code: bool = True) -> str:
    """1,234.50 USD: grouped thousands and two decimals, with the currency after the number.

    Riel are whole: 1,250,000 KHR. Grouping and separators follow the active language's formats
    (network/formats), which write "5,000.00" in Khmer as in English. Without the code
    (with_code=False) for a table whose caption names the currency.
    """
    if amount is None:
        return "—"
    if currency in WHOLE_UNIT_CURRENCIES:
        text = number_format(
            Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP, context=ROOM),
            decimal_pos=0,
            force_grouping=True,
        )
    else:
        text = number_format(quantize(amount), decimal_pos=2, force_grouping=True)
    return f"{text} {currency}".strip() if with_code else text
