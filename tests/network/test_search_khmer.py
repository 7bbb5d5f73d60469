"""Khmer search: words inside unspaced Khmer text are found, ranked and marked, on PostgreSQL and on SQLite."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from common.text import highlight, segment_khmer
from network import search, services
from network.models import Challenge, Reply, Resource
from tests.factories import ChallengeFactory, ReplyFactory, ResourceFactory

pytestmark = pytest.mark.django_db

LIST = reverse("network:challenge_list")
RESOURCES = reverse("network:resource_list")

# "We need a budget to train teachers" / "Our community set up a social enterprise to earn income" /
# "This document explains child protection in the organisation", each written as Khmer is: without spaces.
BUDGET_SENTENCE = "យើងត្រូវការថវិកាសម្រាប់បណ្តុះបណ្តាលគ្រូបង្រៀន"
ENTERPRISE_SENTENCE = "សហគមន៍របស់យើងបានបង្កើតសហគ្រាសសង្គមដើម្បីរកចំណូល"
CHILD_SENTENCE = "ឯកសារនេះពន្យល់ពីការការពារកុមារនៅក្នុងអង្គការ"
BUDGET = "ថវិកា"
TEACHERS = "គ្រូបង្រៀន"
ENTERPRISE = "សហគ្រាស"
CHILD = "កុមារ"
HEALTH = "សុខភាព"  # in none of the texts


def found(client, url, q):
    return [obj.title for obj in client.get(url, {"q": q}).context["page"].object_list]


def test_segment_khmer_spaces_khmer_words_and_leaves_latin_text_alone():
    assert segment_khmer(BUDGET_SENTENCE) == "យើង ត្រូវការ ថវិកា សម្រាប់ បណ្តុះបណ្តាល គ្រូបង្រៀន"
    assert segment_khmer("Funding ថវិកាសម្រាប់គ្រូបង្រៀន, 2025!") == "Funding ថវិកា សម្រាប់ គ្រូបង្រៀន, 2025!"
    assert segment_khmer("Staff are tired.  Really.") == "Staff are tired.  Really."
    assert segment_khmer("ថវិកា\u200bគ្រូបង្រៀន") == "ថវិកា គ្រូបង្រៀន"


def test_the_spaced_copies_are_kept_only_for_khmer_text():
    challenge = ChallengeFactory(title=f"{BUDGET_SENTENCE}", body="Plain English.")
    assert challenge.title_words == segment_khmer(BUDGET_SENTENCE)
    assert challenge.body_words == ""


def test_a_khmer_word_inside_a_challenge_title_body_or_reply_is_found_and_ranked(member_client):
    ChallengeFactory(title="In the body", body=BUDGET_SENTENCE)
    ChallengeFactory(title=BUDGET_SENTENCE, body="Where to start?")
    ReplyFactory(challenge=ChallengeFactory(title="In a reply"), body=f"{ENTERPRISE_SENTENCE}។ {BUDGET_SENTENCE}។")
    ChallengeFactory(title="Elsewhere", body=ENTERPRISE_SENTENCE)
    assert found(member_client, LIST, BUDGET) == [BUDGET_SENTENCE, "In the body", "In a reply"]
    assert found(member_client, LIST, ENTERPRISE) == ["Elsewhere", "In a reply"]
    assert found(member_client, LIST, TEACHERS) == [BUDGET_SENTENCE, "In the body", "In a reply"]


def test_a_khmer_word_not_in_the_text_is_not_found(member_client):
    ChallengeFactory(title=BUDGET_SENTENCE, body=ENTERPRISE_SENTENCE)
    ReplyFactory(body=CHILD_SENTENCE)
    ResourceFactory(title=CHILD_SENTENCE, summary=BUDGET_SENTENCE)
    assert found(member_client, LIST, HEALTH) == []
    assert found(member_client, RESOURCES, HEALTH) == []
    # Two words, each in the text, but not both in one challenge.
    assert found(member_client, LIST, f"{BUDGET}{CHILD}") == []


def test_a_khmer_word_in_a_hidden_reply_is_not_found(member_client, coordinator):
    reply = ReplyFactory(challenge=ChallengeFactory(title="Hidden answer"), body=CHILD_SENTENCE)
    assert found(member_client, LIST, CHILD) == ["Hidden answer"]
    services.post_hide(post=reply, by=coordinator, reason="Off topic")
    assert found(member_client, LIST, CHILD) == []


def test_a_khmer_word_inside_a_resource_is_found_ranked_and_marked(member_client):
    ResourceFactory(title="Child protection policy", summary=CHILD_SENTENCE)
    ResourceFactory(title=f"គោលនយោបាយការពារ{CHILD}", summary="A template.")
    ResourceFactory(title="Budget template", summary=BUDGET_SENTENCE)
    assert found(member_client, RESOURCES, CHILD) == [f"គោលនយោបាយការពារ{CHILD}", "Child protection policy"]
    page = member_client.get(RESOURCES, {"q": CHILD}).content.decode()
    assert f"គោលនយោបាយការពារ<mark>{CHILD}</mark>" in page
    assert f"ឯកសារនេះពន្យល់ពីការការពារ<mark>{CHILD}</mark>នៅក្នុងអង្គការ" in page


def test_the_highlight_shows_the_text_as_written(member_client):
    ChallengeFactory(title=BUDGET_SENTENCE, body="**Bold** <script>x</script>")
    ReplyFactory(challenge=ChallengeFactory(title="Training"), body=f"Staff first. {ENTERPRISE_SENTENCE}")
    page = member_client.get(LIST, {"q": BUDGET}).content.decode()
    assert f"យើងត្រូវការ<mark>{BUDGET}</mark>សម្រាប់បណ្តុះបណ្តាលគ្រូបង្រៀន</a>" in page
    assert segment_khmer(BUDGET_SENTENCE) not in page
    page = member_client.get(LIST, {"q": ENTERPRISE}).content.decode()
    assert f'<p class="excerpt">Staff first. សហគមន៍របស់យើងបានបង្កើត<mark>{ENTERPRISE}</mark>សង្គមដើម្បីរកចំណូល</p>' in page


def test_highlight_escapes_the_text_and_cuts_an_excerpt_around_the_first_match():
    assert highlight("<b>Funding</b> ថវិកា", ["funding", BUDGET]) == (
        f"&lt;b&gt;<mark>Funding</mark>&lt;/b&gt; <mark>{BUDGET}</mark>"
    )
    assert highlight("one two three four five six seven", ["four"], around=1) == "…three <mark>four</mark> five…"
    assert highlight("one two three", ["zzz"], around=1) == "one two…"


def test_mixed_khmer_and_english_text_and_queries(member_client):
    ChallengeFactory(title="Funding for teachers", body=f"Our donors left. {BUDGET_SENTENCE}")
    ChallengeFactory(title="Volunteers", body=ENTERPRISE_SENTENCE)
    assert found(member_client, LIST, f"donor {TEACHERS}") == ["Funding for teachers"]
    assert found(member_client, LIST, f"volunteer {ENTERPRISE}") == ["Volunteers"]
    assert found(member_client, LIST, f"funding {ENTERPRISE}") == []
    page = member_client.get(LIST, {"q": f"donor {BUDGET}"}).content.decode()
    assert f"Our <mark>donors</mark> left. យើងត្រូវការ<mark>{BUDGET}</mark>សម្រាប់" in page


def test_editing_a_post_reindexes_its_khmer_words(member_client):
    challenge = ChallengeFactory(title="Budget", body=BUDGET_SENTENCE)
    reply = ReplyFactory(challenge=challenge, body="Thanks.")
    services.challenge_update(challenge=challenge, by=challenge.author, title="Budget", body=CHILD_SENTENCE)
    assert found(member_client, LIST, CHILD) == ["Budget"]
    assert found(member_client, LIST, TEACHERS) == []
    services.reply_update(reply=reply, by=reply.author, body=ENTERPRISE_SENTENCE)
    assert found(member_client, LIST, ENTERPRISE) == ["Budget"]


def test_a_copy_left_stale_by_a_bulk_update_gives_way_to_the_text(member_client):
    challenge = ChallengeFactory(title=BUDGET_SENTENCE, body="First.")
    Challenge.objects.filter(pk=challenge.pk).update(title="Water and sanitation")
    assert found(member_client, LIST, "water") == ["Water and sanitation"]
    assert found(member_client, LIST, BUDGET) == []


def test_the_migration_spaces_existing_rows_and_rebuilds_their_vectors(member_client):
    challenge = ChallengeFactory(title="Old challenge", body=BUDGET_SENTENCE)
    ReplyFactory(challenge=challenge, body=ENTERPRISE_SENTENCE)
    ResourceFactory(title="Old resource", summary=CHILD_SENTENCE)
    # As rows written before the copies existed.
    Challenge.objects.update(body_words="")
    Reply.objects.update(body_words="")
    Resource.objects.update(summary_words="")
    assert found(member_client, LIST, BUDGET) == found(member_client, LIST, ENTERPRISE) == []
    assert found(member_client, RESOURCES, CHILD) == []
    migration = importlib.import_module("network.migrations.0005_khmer_search_words")
    with connection.schema_editor() as schema_editor:
        migration.fill_copies(apps, schema_editor)
    assert found(member_client, LIST, BUDGET) == found(member_client, LIST, ENTERPRISE) == ["Old challenge"]
    assert found(member_client, RESOURCES, CHILD) == ["Old resource"]


def test_the_plain_fallback_finds_khmer_words_too(member_client, monkeypatch):
    monkeypatch.setattr(search, "uses_postgres", lambda: False)
    ChallengeFactory(title="Budget", body=BUDGET_SENTENCE)
    ReplyFactory(challenge=ChallengeFactory(title="Enterprise"), body=ENTERPRISE_SENTENCE)
    ResourceFactory(title="Protection", summary=CHILD_SENTENCE)
    assert found(member_client, LIST, f"{TEACHERS}{BUDGET}") == ["Budget"]
    assert found(member_client, LIST, ENTERPRISE) == ["Enterprise"]
    assert found(member_client, LIST, HEALTH) == []
    assert found(member_client, RESOURCES, CHILD) == ["Protection"]
    assert f"ការពារ<mark>{CHILD}</mark>" in member_client.get(RESOURCES, {"q": CHILD}).content.decode()


def test_the_sqlite_quick_start_migrates_and_finds_a_khmer_word(tmp_path):
    script = f"""
from network.models import Challenge
from network.search import search
from tests.factories import ChallengeFactory
ChallengeFactory(title="Budget", body="{BUDGET_SENTENCE}")
ChallengeFactory(title="Other", body="{ENTERPRISE_SENTENCE}")
hits = lambda q: list(search(Challenge.objects.all(), q, plain_fields=["title", "body"]).values_list("title", flat=True))
print(hits("{BUDGET}"), hits("{HEALTH}"))
"""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'quick.sqlite3'}"}
    env["DJANGO_SETTINGS_MODULE"] = "network.settings.base"
    root = Path(__file__).resolve().parents[2]
    manage = [sys.executable, str(root / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, cwd=root, check=True, timeout=300)
    result = subprocess.run(
        [*manage, "shell", "-v", "0", "-c", script],
        env=env,
        cwd=root,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "['Budget'] []"
