import pytest
from django.db import models
from django.template import Context, Template
from django.utils import translation

from common import badges
from common.badges import Tone, badge_for, tones
from network.enums import ChallengeStatus
from proposals.enums import ProposalStatus


def render(source: str, **context) -> str:
    return Template("{% load badges %}" + source).render(Context(context))


def test_badge_shows_the_enum_label_in_the_tone_declared_beside_the_enum():
    html = render('{% badge "ChallengeStatus" status %}', status=ChallengeStatus.ANSWERED)
    assert html == '<span class="status tone-ok">Answered</span>'


def test_badge_accepts_the_raw_value_stored_in_the_database():
    html = render('{% badge "ProposalStatus" status %}', status="revisions_requested")
    assert html == '<span class="status tone-warning">Revisions requested</span>'


def test_badge_label_is_translated():
    with translation.override("km"):
        expected = str(ProposalStatus.APPROVED.label)
        html = render('{% badge "ProposalStatus" "approved" %}')
    assert html == f'<span class="status tone-ok">{expected}</span>'


def test_badge_may_word_the_status_for_its_reader_and_keep_the_tone():
    html = render('{% badge "ChallengeStatus" "open" "Waiting for ideas" %}')
    assert html == '<span class="status tone-waiting">Waiting for ideas</span>'


def test_unknown_value_is_shown_neutral_without_error():
    html = render('{% badge "ChallengeStatus" "archived" %}')
    assert html == '<span class="status tone-neutral">archived</span>'


def test_unknown_enum_is_shown_neutral_without_error():
    html = render('{% badge "NoSuchStatus" "open" %}')
    assert html == '<span class="status tone-neutral">open</span>'


def test_badge_escapes_the_label():
    html = render('{% badge "ChallengeStatus" status %}', status="<b>")
    assert html == '<span class="status tone-neutral">&lt;b&gt;</span>'


def test_badge_tone_shows_a_fixed_tone_and_label():
    assert render('{% badge_tone "danger" "Hidden" %}') == '<span class="status tone-danger">Hidden</span>'


def test_badge_tone_with_an_unknown_tone_is_neutral():
    assert render('{% badge_tone "purple" "Hidden" %}') == '<span class="status tone-neutral">Hidden</span>'


def test_value_left_out_of_the_mapping_is_neutral(monkeypatch):
    monkeypatch.setattr(badges, "_registry", dict(badges._registry))

    class Colour(models.TextChoices):
        RED = "red", "Red"
        BLUE = "blue", "Blue"

    tones(Colour, {Colour.RED: Tone.DANGER})
    assert badge_for("Colour", "blue") == ("Blue", Tone.NEUTRAL)
    assert badge_for("Colour", "red") == ("Red", Tone.DANGER)


def test_a_second_enum_with_a_registered_name_is_refused():
    class ChallengeStatus(models.TextChoices):  # noqa: F811 - the clash is the point
        OPEN = "open", "Open"

    with pytest.raises(ValueError):
        tones(ChallengeStatus, {})
