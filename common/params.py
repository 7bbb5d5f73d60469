"""Query parameters (and other text from the address bar) read strictly, one way: a value that is not what the
page expects is left out, never a 500.

    person = User.objects.filter(pk=id_param(request.GET, "person")).first()   # None when absent or bad
    month = month_param(request.GET, "month", earliest=..., latest=...)         # None when absent or bad

Digits are ASCII digits only: `str.isdigit()` also says yes to "²" and "១", which `int()` then refuses or
reads as another number. Text with a NUL character is refused too, since PostgreSQL cannot hold or compare it.
"""

import re
from datetime import date

# The largest value of a BigAutoField (PostgreSQL's bigint): a larger id names nothing.
MAX_ID = 2**63 - 1
# The largest value of an IntegerField or PositiveIntegerField (PostgreSQL's integer).
MAX_INT = 2**31 - 1

ASCII_INTEGER = re.compile(r"-?[0-9]{1,19}", re.ASCII)
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,255}", re.ASCII)
TOKEN = re.compile(r"[-a-zA-Z0-9_=.:]{1,255}", re.ASCII)
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)


def int_value(raw, *, min_value: int | None = None, max_value: int | None = None) -> int | None:
    """The integer `raw` writes in ASCII digits (an optional minus sign first), within the bounds; else None."""
    if not isinstance(raw, str) or not ASCII_INTEGER.fullmatch(raw):
        return None
    value = int(raw)
    if (min_value is not None and value < min_value) or (max_value is not None and value > max_value):
        return None
    return value


def int_param(data, name: str, *, min_value: int | None = None, max_value: int | None = None) -> int | None:
    """The integer parameter `name` of `data` (a QueryDict or dict), or None when it is absent or not one."""
    return int_value(data.get(name), min_value=min_value, max_value=max_value)


def id_param(data, name: str) -> int | None:
    """A primary key: a positive integer a bigint column can hold, or None."""
    return int_param(data, name, min_value=1, max_value=MAX_ID)


def slug_param(data, name: str) -> str | None:
    """A slug (ASCII letters, digits, hyphens, underscores), or None."""
    raw = data.get(name)
    return raw if isinstance(raw, str) and SLUG.fullmatch(raw) else None


def is_token(value) -> bool:
    """Whether `value` can be a secret token of this site (URL-safe base64 or a signed value), of sane length."""
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None


def token_param(data, name: str) -> str | None:
    """A token parameter, or None when it is absent or could not be one."""
    raw = data.get(name)
    return raw if is_token(raw) else None


def month_param(data, name: str, *, earliest: date, latest: date) -> date | None:
    """The first day of the month `name` writes as YYYY-MM, between the months of earliest and latest; else None."""
    match = MONTH.fullmatch(data.get(name) or "")
    if match is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1 or not 1 <= month <= 12:
        return None
    value = date(year, month, 1)
    if not earliest.replace(day=1) <= value <= latest.replace(day=1):
        return None
    return value
