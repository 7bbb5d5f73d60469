import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.xlsx import xlsx_response
from tests.factories import UserFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example","Click")',
    "+855 12 345 678",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def cells(response):
    workbook = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]


@pytest.mark.django_db
def test_text_that_starts_like_a_formula_is_written_as_text_never_as_a_formula():
    person = UserFactory(display_name='=HYPERLINK("http://evil.example","Click")')
    response = xlsx_response(
        "people.xlsx",
        [("People", ["Name", "Note", "Amount"], [[person.name, text, Decimal("-5.00")] for text in HOSTILE])],
    )

    written = cells(response)
    assert [cell.data_type for cell in written if cell.data_type == "f"] == []
    # XML reads a carriage return back as a line feed; the text is otherwise as written.
    assert [cell.value for cell in written if cell.column == 2][1:] == [text.replace("\r", "\n") for text in HOSTILE]
    names = [cell for cell in written if cell.column == 1][1:]
    assert {cell.value for cell in names} == {'=HYPERLINK("http://evil.example","Click")'}
    assert all(cell.quotePrefix for cell in names)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<x:f>" not in sheet


def test_numbers_stay_numbers_and_plain_text_has_no_quote_prefix():
    response = xlsx_response("n.xlsx", [("Sheet", ["Label", "Amount"], [["Hall", Decimal("-12.50")], ["ខ្មែរ", 3]])])
    written = cells(response)
    assert [(cell.value, cell.data_type) for cell in written if cell.column == 2][1:] == [(-12.5, "n"), (3, "n")]
    assert not any(cell.quotePrefix for cell in written)
    assert response["Content-Disposition"] == 'attachment; filename="n.xlsx"'
