import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from common.csv import csv_response, neutralise
from tests.factories import OrganisationFactory


def read(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+855 12 345 678", "'+855 12 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("ក្រុមកុមារ", "ក្រុមកុមារ"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_text_that_starts_like_a_formula_is_neutralised(cell, written):
    assert neutralise(cell) == written


def test_numbers_stay_numbers():
    assert neutralise(Decimal("-12.50")) == Decimal("-12.50")
    assert neutralise(-3) == -3


def test_the_response_is_an_attachment_with_a_bom_and_neutral_cells():
    response = csv_response("list.csv", [["Name", "Amount"], ["=1+1", Decimal("-5.00")], ["ខ្មែរ", 3]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="list.csv"'
    assert read(response) == [["Name", "Amount"], ["'=1+1", "-5.00"], ["ខ្មែរ", "3"]]


def test_the_directory_export_neutralises_an_organisation_named_like_a_formula(coordinator_client):
    OrganisationFactory(name='=HYPERLINK("http://evil.example","Click")')
    rows = read(coordinator_client.get(reverse("members:organisation_export")))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Click")'
