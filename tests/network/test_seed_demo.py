import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from members.enums import Role
from members.models import User
from network.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_photos_in_tmp(monkeypatch, tmp_path):
    """The demo's photo of a Kuy scarf is written under the test's own directory. (The storage is pointed
    there itself: overriding the settings would hide the settings module seed_demo checks.)"""
    from django.core.files.storage import storages

    monkeypatch.setattr(storages["private"], "base_location", tmp_path)
    monkeypatch.setattr(storages["private"], "location", str(tmp_path))


def test_seed_demo_twice_gives_the_same_network(capsys):
    call_command("seed_demo")
    first = sorted(User.objects.values_list("email", "role"))
    call_command("seed_demo")
    assert sorted(User.objects.values_list("email", "role")) == first
    assert ("coordinator@demo.example", Role.COORDINATOR) in first
    assert "coordinator@demo.example" in capsys.readouterr().out


def test_demo_coordinator_can_sign_in():
    call_command("seed_demo")
    assert authenticate(email="coordinator@demo.example", password=DEMO_PASSWORD) is not None


MAIN_MODELS = [
    "members.User",
    "members.Organisation",
    "members.Affiliation",
    "members.ContactPerson",
    "members.Interaction",
    "members.OrganisationChange",
    "communities.Community",
    "communities.Membership",
    "communities.CommunityOrganisation",
    "communities.StakeholderLink",
    "communities.Partnership",
    "communities.Partner",
    "communities.HealthReview",
    "communities.ReviewScore",
    "communities.FollowUpAction",
    "events.MeetingSeries",
    "events.Meeting",
    "events.AgendaItem",
    "events.Attendance",
    "events.Minutes",
    "events.Rsvp",
    "network.Challenge",
    "network.Reply",
    "network.Resource",
    "network.Notification",
    "network.FundingOpportunity",
    "network.Consortium",
    "network.ConsortiumPartner",
    "network.ConsortiumStep",
    "network.ConsortiumMessage",
    "network.Survey",
    "network.Response",
    "network.Lesson",
    "members.Offer",
    "members.OfferPhoto",
    "network.Enquiry",
    "network.EnquiryMessage",
    "proposals.Call",
    "proposals.Proposal",
    "proposals.ProposalVersion",
    "proposals.StatusChange",
    "proposals.KeyActivity",
    "proposals.BudgetLine",
    "proposals.ExchangeRate",
    "proposals.BaselineLine",
    "proposals.ReviewAssignment",
    "proposals.ReviewScore",
    "proposals.Expense",
    "proposals.ProgressReport",
    "proposals.ActivityProgress",
]


def row_counts():
    from django.apps import apps

    return {label: apps.get_model(label).objects.count() for label in MAIN_MODELS}


def test_seed_demo_run_again_creates_nothing_new():
    call_command("seed_demo")
    first = row_counts()
    call_command("seed_demo")
    assert row_counts() == first
    assert all(first.values())


def test_seed_demo_run_again_keeps_an_edit():
    call_command("seed_demo")
    User.objects.filter(email="member@demo.example").update(display_name="Vuthy Sok (HelpAge)")
    call_command("seed_demo")
    assert User.objects.get(email="member@demo.example").display_name == "Vuthy Sok (HelpAge)"


def test_seed_demo_sends_no_mail(reference_data, mailoutbox):
    # reference_data makes the test commit, so the services' e-mails queued on commit would go out.
    call_command("seed_demo")
    assert mailoutbox == []


def test_the_demo_speaks_khmer_on_the_board_and_in_the_next_meeting_agenda(client):
    from django.urls import reverse
    from django.utils import timezone

    from common.language import script_lang
    from events.models import Meeting
    from network.models import Challenge

    call_command("seed_demo")
    khmer = [c for c in Challenge.objects.prefetch_related("replies") if script_lang(c.title) == "km"]
    assert len(khmer) == 3
    teachers = next(c for c in khmer if "គ្រូស្ម័គ្រចិត្ត" in c.title)
    assert [script_lang(reply.body) for reply in teachers.replies.order_by("created_at")] == ["km", "km", "km"]
    assert teachers.replies.filter(is_accepted=True).count() == 1
    replies = [script_lang(reply.body) for c in khmer for reply in c.replies.all()]
    assert replies.count("en") == 1  # an English reply to a Khmer question, as members mix them

    next_meeting = (
        Meeting.objects.filter(series__slug="monthly-learning-meeting", starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    titles = list(next_meeting.agenda_items.values_list("title", flat=True))
    assert len(titles) == 4
    assert {script_lang(title) for title in titles} == {"km"}
    assert "គោលនយោបាយការពារកុមារ" in titles[1]

    # The Khmer text is searchable word by word: "volunteer" inside the unspaced title.
    client.force_login(User.objects.get(email="member@demo.example"))
    page = client.get(reverse("network:challenge_list"), {"q": "ស្ម័គ្រចិត្ត"}).context["page"]
    assert [c.title for c in page.object_list] == [teachers.title]


def test_seed_demo_again_after_people_worked_in_the_demo_neither_crashes_nor_overwrites(capsys):
    from communities.models import Community
    from members.models import Organisation
    from members.services import organisation_create
    from network.demo.calls import TITLE
    from proposals import services
    from proposals.models import Call, Proposal

    call_command("seed_demo")
    srey = User.objects.get(email="srey@demo.example")
    coordinator = User.objects.get(email="coordinator@demo.example")
    started = services.proposal_create(
        call=Call.objects.get(title=TITLE),
        community=Community.objects.get(slug="cop-ip"),
        title="Kuy songbook",
        by=srey,
    )
    # A second organisation with a demo acronym, and a demo organisation renamed.
    organisation_create(by=coordinator, name="Centre for Indigenous Performing Arts", acronym="CIPL", kind="member")
    Organisation.objects.filter(name="Voice").update(name="Voice (Hivos)")
    before = row_counts()
    capsys.readouterr()

    call_command("seed_demo")

    assert row_counts() == before
    assert Proposal.objects.get(pk=started.pk).title == "Kuy songbook"
    assert not Organisation.objects.filter(name="Voice").exists()
    assert "already loaded; nothing was changed" in capsys.readouterr().out


def test_seed_demo_prints_every_demo_login_with_its_role(capsys):
    from network.demo.people import PEOPLE

    call_command("seed_demo")
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if "@demo.example" in line}
    assert sorted(lines) == sorted(email for email, *_rest in PEOPLE)
    assert "Network coordinator" in lines["coordinator@demo.example"]
    assert "Waiting for approval" in lines["newcomer@demo.example"]
    assert "reviewer of CoP-PwD's proposal" in lines["bopha@demo.example"]
    assert "co-author of CoP-IP's approved proposal" in lines["srey@demo.example"]


def test_a_part_of_the_demo_that_came_later_is_added_once_to_a_demo_loaded_before_it(capsys):
    from communities.models import Partnership
    from network.models import DemoPart

    call_command("seed_demo")
    assert Partnership.objects.count() == 1
    # A demo loaded before partnerships existed: its part is missing and not recorded.
    Partnership.objects.all().delete()
    DemoPart.objects.filter(name="partnerships").delete()
    call_command("seed_demo")
    assert "added its new parts: partnerships" in capsys.readouterr().out
    assert Partnership.objects.count() == 1
    # Loaded once: deleting what it made does not bring it back.
    Partnership.objects.all().delete()
    call_command("seed_demo")
    assert not Partnership.objects.exists()


def test_a_new_part_that_peoples_edits_made_impossible_is_skipped_with_a_note(capsys):
    from communities.models import Community, Partnership
    from network.models import DemoPart

    call_command("seed_demo")
    Partnership.objects.all().delete()
    DemoPart.objects.filter(name="partnerships").delete()
    Community.objects.filter(short_name="CoP-PwD").update(short_name="CoP-Disability")
    call_command("seed_demo")
    captured = capsys.readouterr()
    assert "could not be added" in captured.err
    assert "Demo network ready" in captured.out
    assert not Partnership.objects.exists() and not DemoPart.objects.filter(name="partnerships").exists()


def test_the_demo_tells_of_members_trading_kuy_handicrafts():
    from members.models import Offer
    from network.models import Enquiry
    from network.selectors import enquiries_by_quarter

    call_command("seed_demo")
    handicrafts = Offer.objects.get(title__startswith="Kuy handicrafts")
    assert handicrafts.organisation.acronym == "CIPL"
    assert [(photo.is_public, photo.image.name.startswith("offers/")) for photo in handicrafts.photos.all()] == [
        (True, True)
    ]
    assert sorted(Offer.objects.values_list("kind", flat=True)) == ["need", "offer", "offer"]
    latest = Enquiry.objects.order_by("-created_at").first()
    assert [message.author.email for message in latest.messages.all()] == [
        "leader@demo.example",
        "srey@demo.example",
    ]
    assert sum(row["count"] for row in enquiries_by_quarter()) == 4


def test_the_demo_has_a_zoom_report_imported_into_the_last_monthly_meeting():
    from django.utils import timezone

    from events.attendance_report import parse_report
    from events.models import Attendance, GuestAttendance, Meeting
    from network.demo.attendance import ZOOM_REPORT

    call_command("seed_demo")
    meeting = (
        Meeting.objects.filter(series__slug="monthly-learning-meeting", ends_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    minutes = dict(
        Attendance.objects.filter(meeting=meeting, minutes_present__isnull=False).values_list(
            "person__display_name", "minutes_present"
        )
    )
    # Dara Kim rejoined (43 + 50); "Narom Chun" is Narom Chhun, confirmed as a coordinator would.
    assert minutes["Dara Kim"] == 93 and minutes["Narom Chhun"] == 75 and minutes["Tim Malay"] == 86
    guests = dict(GuestAttendance.objects.filter(meeting=meeting).values_list("name", "minutes_present"))
    assert guests["Sophea Lim"] == 60 and guests["Dara Chan"] == 75 and "Otter.ai" not in guests
    # The file a coordinator can upload themselves names people of the demo, guests, and one uncertain match.
    names = [row.name for row in parse_report(ZOOM_REPORT.read_bytes()).rows]
    assert {"Sokha Chan", "Narom Chun", "Sophea Lim", "Otter.ai"} <= set(names)
