import pytest
from django.http import QueryDict
from django.test import RequestFactory, override_settings

from common.pagination import paginate, query_without_page

ROWS = list(range(95))


def page_for(query: str, per_page=None):
    return paginate(RequestFactory().get("/list/?" + query), ROWS, per_page=per_page)


@pytest.mark.parametrize(
    "query", ["", "page=abc", "page=%00", "page=%C2%B2", "page=1e3", "page=", "page=" + "9" * 5000]
)
def test_a_page_that_is_not_a_number_is_the_first(query):
    assert page_for(query).number == 1


@pytest.mark.parametrize("query", ["page=4", "page=999", "page=99999999999999999999999999999999", "page=-1"])
def test_a_page_past_the_end_is_the_last(query):
    assert page_for(query).number == 4


def test_khmer_digits_name_their_page():
    assert page_for("page=%E1%9F%A2").number == 2  # ២


@override_settings(PAGE_SIZE=30)
def test_the_page_size_comes_from_the_setting_unless_given():
    assert len(page_for("page=1")) == 30
    assert len(page_for("page=1", per_page=24)) == 24


def test_the_query_keeps_the_filters_and_drops_the_page():
    assert (
        query_without_page(QueryDict("focus_area=education&page=3&q=%E1%9E%80")) == "focus_area=education&q=%E1%9E%80"
    )
