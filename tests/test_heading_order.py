"""No page skips a heading level (an h1 followed by an h3): a screen reader's list of headings is the page's
outline, and a gap in it reads as something missing.

The pages are found as people find them: the demo network is loaded and, for each kind of person, every
link from the dashboard is followed (same site, GET, a few of each kind of address). Headings inside user
text (`.prose`, rendered Markdown) are the writer's, not the page's, and are left out.
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import User

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"^h([1-6])$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_PAGES = re.compile(r"(\.csv|\.ics|\.xlsx|\.pdf|/download|/files?/|/feed|/logout|/admin/|/attachments?/)", re.I)
PER_KIND_OF_ADDRESS = 3
PAGES_PER_PERSON = 120
# A coordinator, a facilitator, an organisation's leader, a proposal's co-author, someone waiting for approval
# and someone signed out: between them, every kind of page.
PEOPLE = [
    "coordinator@demo.example",
    "facilitator@demo.example",
    "leader@demo.example",
    "srey@demo.example",
    "newcomer@demo.example",
    None,
]


class Outline(HTMLParser):
    """The page's heading levels in order, leaving out those inside `.prose` (user text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.levels: list[tuple[int, str]] = []
        self.stack: list[bool] = []  # for each open element: is it (or an ancestor) user text?
        self.current: int | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        inside_prose = (self.stack[-1] if self.stack else False) or "prose" in (dict(attrs).get("class") or "").split()
        if tag not in VOID:
            self.stack.append(inside_prose)
        match = HEADING.match(tag)
        if match and not inside_prose:
            self.current, self.text = int(match.group(1)), ""

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()
        if HEADING.match(tag) and self.current is not None:
            self.levels.append((self.current, " ".join(self.text.split())[:60]))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.text += data


def skipped_levels(html: str) -> list[str]:
    """Each heading that comes more than one level below the one before it (or a page that starts below h1)."""
    parser = Outline()
    parser.feed(html)
    problems, previous = [], 0
    for level, text in parser.levels:
        if level > previous + 1:
            problems.append(f"h{previous or '-'} → h{level} “{text}”")
        previous = level
    return problems


def test_the_check_finds_a_skipped_level_and_ignores_user_text():
    assert skipped_levels("<h1>A</h1><h3>B</h3>") == ["h1 → h3 “B”"]
    assert skipped_levels("<h2>Alone</h2>") == ["h- → h2 “Alone”"]
    assert skipped_levels("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2><h2>E</h2>") == []
    assert skipped_levels('<h1>A</h1><div class="card prose"><h4>written</h4><br><p>x</p></div><h2>B</h2>') == []


def kind_of_address(path: str) -> str:
    return re.sub(r"\d+", "N", re.sub(r"/[\w-]*-[\w-]*/", "/S/", path))


def crawl(client, start: str) -> dict[str, list[str]]:
    """Follow the site's links from `start`; the skipped levels of every HTML page reached."""
    queue, seen, kinds, found = deque([start]), {start}, Counter(), {}
    while queue and len(found) < PAGES_PER_PERSON:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        problems = skipped_levels(html)
        if problems:
            found[url] = problems
        else:
            found.setdefault(url, [])
        for href in re.findall(r'href="(/[^"#]*)', html):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            if href in seen or NOT_PAGES.search(parts.path) or parts.path.startswith("/static/"):
                continue
            kind = kind_of_address(parts.path) + ("?" if parts.query else "")
            if kinds[kind] >= PER_KIND_OF_ADDRESS:
                continue
            kinds[kind] += 1
            seen.add(href)
            queue.append(href)
    return found


def test_no_page_skips_a_heading_level(client):
    call_command("seed_demo", stdout=StringIO())
    problems, pages = [], 0
    for email in PEOPLE:
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        found = crawl(client, reverse("dashboard_detail") if email else reverse("account_login"))
        pages += len(found)
        problems += [f"{email or 'anonymous'} {url}: {', '.join(skips)}" for url, skips in found.items() if skips]
    assert pages >= 200
    assert not problems, "\n".join(problems)
