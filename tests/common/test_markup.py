import time

import pytest
from django.core.exceptions import ValidationError

from common.markup import (
    MARKDOWN_MAX_DEPTH,
    MARKDOWN_MAX_LENGTH,
    check_markdown,
    markdown_depth,
    render_markdown,
)

BRACKET_BOMB = "[" * 3000 + "x" + "]" * 3000
DEEP_LIST = "\n".join("  " * level + "- x" for level in range(2000))


def refusal(text) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        check_markdown(text, field="body")
    return refused.value.message_dict["body"]


def test_ordinary_markdown_passes_and_renders():
    text = "Sick leave has **doubled** (since 2021).\n\n- a [link](https://example.org)\n  - nested\n\n> quoted"
    check_markdown(text, field="body")
    html = render_markdown(text)
    assert "<strong>doubled</strong>" in html and '<a href="https://example.org"' in html


def test_a_text_of_the_limit_passes_and_one_more_character_is_refused():
    check_markdown("x" * MARKDOWN_MAX_LENGTH, field="body")
    assert refusal("x" * (MARKDOWN_MAX_LENGTH + 1)) == ["Write at most 20,000 characters (this has 20,001)."]


def test_a_megabyte_is_refused_by_its_length():
    assert refusal("word " * 200_000) == ["Write at most 20,000 characters (this has 1,000,000)."]


@pytest.mark.parametrize(
    "text",
    [BRACKET_BOMB, "[" * 19_000, "[\n" * 9_000, "[a](" * 4_000, ">" * 5_000 + " x", "(" * 40],
    ids=["bracket bomb", "open brackets", "brackets over lines", "open links", "quotes", "parentheses"],
)
def test_deep_nesting_is_refused_in_words(text):
    assert refusal(text) == [
        "This text nests brackets, parentheses, quotes or lists more than 32 levels deep. Simplify it."
    ]


def test_a_list_nested_2000_deep_is_refused_without_recursion():
    assert refusal(DEEP_LIST)  # long and deep: refused, never rendered


def test_nesting_in_fenced_code_does_not_count_and_paragraphs_close_brackets():
    code = "```\n" + "[" * 100 + "\n" + " " * 200 + "x\n```"
    assert markdown_depth(code) == 0
    assert markdown_depth("[a\n\n" * 100) == 1
    assert markdown_depth("[" * MARKDOWN_MAX_DEPTH) == MARKDOWN_MAX_DEPTH


@pytest.mark.parametrize(
    "text", [BRACKET_BOMB, "[" * 19_000, "[a](" * 4_000, DEEP_LIST], ids=["bomb", "open", "links", "list"]
)
def test_text_written_before_the_bounds_is_shown_as_plain_paragraphs_at_once(text):
    started = time.monotonic()
    html = render_markdown(text + "<script>alert(1)</script>")
    assert time.monotonic() - started < 2
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_nul_character_is_refused():
    assert refusal("a\x00b") == ["Null characters are not allowed."]
