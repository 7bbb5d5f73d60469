"""A budget line's or a key activity's values as plain text, under the names of its form's fields.

The edit forms carry these values as they were when the form was opened (its `based_on` field), so a save can
tell a change someone else made in the meantime from the change being sent, and merge the two like the
proposal's text (domain.versions.merge).
"""

import datetime
import json
from decimal import Decimal

LINE_FIELDS = [
    "category",
    "activity",
    "description",
    "unit",
    "quantity",
    "unit_cost",
    "currency",
    "co_funding",
    "co_funding_source",
]
ACTIVITY_FIELDS = [
    "title",
    "starts_on",
    "ends_on",
    "place",
    "responsible_organisation",
    "description",
    "expected_outputs",
]


def as_text(value) -> str:
    """One value as the form would send it back: a number without trailing zeros, a date in ISO, an object's id."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return "" if value.pk is None else str(value.pk)
    return str(value).replace("\r\n", "\n").strip()


def values_of(names: list[str], source) -> dict[str, str]:
    """The values of `names`, read from a dict or an object's attributes (a related object by its id), as text."""
    if isinstance(source, dict):
        return {name: as_text(source.get(name)) for name in names}
    return {
        name: as_text(getattr(source, f"{name}_id") if hasattr(source, f"{name}_id") else getattr(source, name))
        for name in names
    }


def encode(values: dict[str, str]) -> str:
    """The values for the form's hidden `based_on` field."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def decode(text: str, names: list[str]) -> dict[str, str] | None:
    """The values a form was opened with, or None when `text` is not what encode() wrote for these names."""
    try:
        values = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(values, dict) or set(values) != set(names):
        return None
    if not all(isinstance(value, str) for value in values.values()):
        return None
    return values
