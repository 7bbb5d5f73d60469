"""Every CSV download is written one way: `csv_response()`.

It starts with the UTF-8 byte order mark, so spreadsheet programs read Khmer as UTF-8, and neutralises
formula cells: text that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first)
gets a leading apostrophe, so an organisation named "=HYPERLINK(...)" stays text (OWASP "CSV injection").
Numbers are written as they are, so a negative amount stays a number.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> object:
    """The cell as it is safe to write: numbers unchanged, text that starts like a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV attachment named `filename` holding `rows` (the header first), every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return response
