"""What every page shares: compression, a clean title, the error summary, machine-readable times."""

import gzip
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_html_is_sent_gzipped_and_under_30_kb(member_client):
    MeetingFactory.create_batch(6)
    for url in ("/dashboard/", "/calendar/", "/calendar/upcoming/"):
        response = member_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert len(response.content) < 30 * 1024
        assert b"</html>" in gzip.decompress(response.content)


def test_the_calendar_title_is_plain_text(member_client):
    html = member_client.get("/calendar/?month=2025-03").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and "&lt;" not in title
    assert title.startswith("Calendar · March 2025 · ")


def test_the_sign_in_page_offers_a_password_reset(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password/reset/">Forgot your password?</a>' in html


def test_a_failed_answer_lands_on_the_error_summary_that_links_the_question(member_client):
    meeting = MeetingFactory()
    page = member_client.get(meeting.get_absolute_url()).content.decode()
    assert f'action="/calendar/meetings/{meeting.pk}/rsvp/#form-errors"' in page
    response = member_client.post(f"/calendar/meetings/{meeting.pk}/rsvp/", {})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="form-errors"' in html
    assert '<a href="#id_response">Will you come?: This field is required.</a>' in html
    assert '<legend>Will you come? <span class="required" aria-hidden="true">*</span></legend>' in html
    assert 'for=""' not in html


def test_machine_times_have_no_microseconds():
    moment = datetime(2025, 3, 7, 1, 30, 5, 123456, tzinfo=UTC)
    rendered = Template("{% load times %}{{ moment|machine_time }}").render(Context({"moment": moment}))
    assert rendered == "2025-03-07T01:30:05Z"


def test_time_since_says_just_now_under_a_minute():
    template = Template("{% load times %}{{ moment|time_since }}")
    assert template.render(Context({"moment": timezone.now() - timedelta(seconds=20)})) == "just now"
    assert template.render(Context({"moment": timezone.now() - timedelta(minutes=5)})) == "5\xa0minutes"
