"""Every spreadsheet download is written one way: `xlsx_response()`.

Text is always written as text: a cell whose value starts like a formula (=, +, -, @, tab or carriage
return) would otherwise become a live formula in the workbook, so a budget line described as
"=HYPERLINK(...)" or a person named that way opens as a link (OWASP "CSV injection", which applies to .xlsx
too). Such a cell also carries Excel's quote prefix, so editing it keeps it text. Numbers stay numbers.
"""

import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .csv import FORMULA_STARTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_sheet(sheet, header: Iterable, rows: Iterable[Iterable]) -> None:
    """Fill an openpyxl sheet: the header in bold, then the rows, text as text and amounts with two decimals."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl takes any text starting with "=" for a formula; a string cell is never evaluated.
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            elif isinstance(cell.value, int | float | Decimal):
                cell.number_format = "#,##0.00"
    for column in sheet.columns:
        width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)


def xlsx_response(filename: str, sheets: Iterable[tuple[str, Iterable, Iterable[Iterable]]]) -> HttpResponse:
    """An .xlsx attachment named `filename`, one sheet per (title, header, rows), every text cell written as text."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        write_sheet(workbook.create_sheet(str(title)[:31]), header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
