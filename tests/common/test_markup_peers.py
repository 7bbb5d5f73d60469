"""Board text is written the way people write: a list right after a line of text, and @mentions."""

from common.markup import render_markdown

PEOPLE = {"dara-kim": "/members/people/3/", "sok": "/members/people/4/"}


def test_dash_lines_after_a_line_of_text_are_a_list():
    html = render_markdown("What we tried:\n- monthly giving\n- a second donor")
    assert html == "<p>What we tried:</p>\n<ul>\n<li>monthly giving</li>\n<li>a second donor</li>\n</ul>"


def test_numbered_lines_after_a_line_of_text_are_a_list():
    assert render_markdown("Steps:\n1. ask\n2. wait") == "<p>Steps:</p>\n<ol>\n<li>ask</li>\n<li>wait</li>\n</ol>"


def test_a_dash_inside_a_sentence_or_a_code_block_is_left_alone():
    assert render_markdown("Costs - as we saw - rose") == "<p>Costs - as we saw - rose</p>"
    assert render_markdown("```\nsteps:\n- one\n```") == "<pre><code>steps:\n- one\n</code></pre>"


def test_a_list_item_that_runs_on_stays_one_list():
    html = render_markdown("- first\ncontinued\n- second")
    assert html == "<ul>\n<li>first<br>\ncontinued</li>\n<li>second</li>\n</ul>"


def test_a_mention_of_a_known_person_links_to_their_page():
    html = render_markdown("Thanks @dara-kim and @Sok.", PEOPLE)
    assert html == (
        '<p>Thanks <a href="/members/people/3/" rel="noopener noreferrer nofollow">@dara-kim</a> and '
        '<a href="/members/people/4/" rel="noopener noreferrer nofollow">@Sok</a>.</p>'
    )


def test_unknown_handles_addresses_code_and_links_stay_text():
    html = render_markdown("@nobody, dara@example.org, `@dara-kim`, [@dara-kim](https://example.org)", PEOPLE)
    assert html == (
        "<p>@nobody, dara@example.org, <code>@dara-kim</code>, "
        '<a href="https://example.org" rel="noopener noreferrer nofollow">@dara-kim</a></p>'
    )


def test_hostile_text_around_a_mention_is_escaped():
    html = render_markdown('@dara-kim<img src=x onerror="alert(1)"> <script>alert(2)</script>', PEOPLE)
    assert "onerror" not in html and "<script" not in html and "<img" not in html
    assert '<a href="/members/people/3/" rel="noopener noreferrer nofollow">@dara-kim</a>' in html


def test_without_a_mapping_no_mention_is_linked():
    assert render_markdown("Hi @dara-kim") == "<p>Hi @dara-kim</p>"
