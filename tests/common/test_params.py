from datetime import date

import pytest
from django.http import QueryDict

from common.params import MAX_ID, id_param, int_param, is_token, month_param, slug_param, token_param

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 1)


@pytest.mark.parametrize(("raw", "expected"), [("7", 7), ("-3", -3), ("0", 0), ("0042", 42)])
def test_an_ascii_integer_is_read(raw, expected):
    assert int_param(QueryDict(f"n={raw}"), "n") == expected


@pytest.mark.parametrize("raw", ["", "²", "១", "٣", "1.5", "1e3", " 1", "a\x00b", "abc", "9" * 20, "--1"])
def test_anything_else_is_no_integer(raw):
    assert int_param({"n": raw}, "n") is None


def test_an_absent_parameter_is_none():
    assert int_param(QueryDict(""), "n") is None


def test_bounds_leave_out_what_is_past_them():
    assert int_param({"n": "0"}, "n", min_value=1) is None
    assert int_param({"n": "11"}, "n", max_value=10) is None
    assert int_param({"n": "10"}, "n", min_value=1, max_value=10) == 10


def test_an_id_is_positive_and_fits_a_bigint():
    assert id_param({"pk": str(MAX_ID)}, "pk") == MAX_ID
    assert id_param({"pk": str(MAX_ID + 1)}, "pk") is None
    assert id_param({"pk": "-1"}, "pk") is None


@pytest.mark.parametrize(("raw", "expected"), [("cop-ip", "cop-ip"), ("a\x00b", None), ("é", None), ("a" * 256, None)])
def test_a_slug_is_ascii_letters_digits_and_hyphens(raw, expected):
    assert slug_param({"s": raw}, "s") == expected


def test_a_token_has_the_characters_of_a_token():
    assert token_param({"token": "Ab-_9"}, "token") == "Ab-_9"
    assert token_param({"token": "a\x00b"}, "token") is None
    assert not is_token("a/b")
    assert not is_token("")


@pytest.mark.parametrize(
    ("raw", "expected"), [("2026-12", date(2026, 12, 1)), ("2000-01", EARLIEST), ("2100-12", LATEST)]
)
def test_a_month_within_the_bounds_is_read(raw, expected):
    assert month_param({"month": raw}, "month", earliest=EARLIEST, latest=LATEST) == expected


@pytest.mark.parametrize(
    "raw", ["0001-01", "9999-12", "1999-12", "2101-01", "2026-13", "2026-00", "0000-05", "2026-1", "²០២៦-01", ""]
)
def test_a_month_outside_the_bounds_or_misspelt_is_none(raw):
    assert month_param({"month": raw}, "month", earliest=EARLIEST, latest=LATEST) is None
