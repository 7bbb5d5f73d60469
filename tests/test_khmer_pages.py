"""The second Khmer gate: the main pages, shown in Khmer, hold no English interface text.

Each page is rendered for the role that uses it, with content written partly in Khmer and partly in English,
as members write it. What a reader meets as interface is collected from the HTML: text, the page title, and
the attributes that are read out or shown (title, aria-label, alt, placeholder, an option group's label, a
button's value). Left out: scripts, styles and icons; form fields' values (what a person typed); and every
element marked with a language other than Khmer, with all it holds, which is how user text in English is
marked (`lang_attr`, `lang_span`). What remains may hold no word in Latin letters, except a short list of
names written the same in Khmer, e-mail addresses and links.
"""

import re
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from events.enums import MeetingKind, RsvpResponse
from events.services.participation import rsvp_set
from members.enums import AffiliationRole
from members.models import Region
from members.services import offer_create
from network.services import enquiry_reply, enquiry_send
from network.services.board import challenge_create, reply_create
from proposals.enums import BudgetCategory, Currency
from tests.factories import (
    PASSWORD,
    AffiliationFactory,
    AgendaItemFactory,
    BudgetLineFactory,
    CallFactory,
    CommunityFactory,
    CommunityOrganisationFactory,
    CoordinatorFactory,
    ExchangeRateFactory,
    FacilitatorMembershipFactory,
    KeyActivityFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    ResourceFactory,
    StakeholderFactory,
    StakeholderLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Names and codes written the same way in a Khmer sentence. Keep this list short: a word belongs here only
# when a Khmer writer would leave it in Latin letters too. Currency codes are ISO 4217's, as the budget shows them.
SAME_IN_KHMER = ("CSV", ".xlsx", ".ics", "Facebook", "LinkedIn", *Currency.values)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(r"(https?://|www\.)\S+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

SKIPPED = {"script", "style", "svg", "textarea", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_OUT = ("title", "aria-label", "alt", "placeholder", "label")


class InterfaceText(HTMLParser):
    """Collects the text a reader meets on a page as (where, text), where is "text" or "attribute".

    The attribute texts and the page title cannot mark part of themselves with a language, so user text
    inside them (a meeting's title in the page title) is taken out by the caller.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, left out)
        self.found = []

    def _left_out(self):
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        left_out = self._left_out() or tag in SKIPPED or attrs.get("lang", "km") != "km"
        if not left_out:
            self.found += [("attribute", attrs[name]) for name in READ_OUT if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
                self.found.append(("attribute", attrs["value"]))
        if tag not in VOID:
            self.open.append((tag, left_out))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if data.strip() and not self._left_out():
            where = "attribute" if self.open and self.open[-1][0] == "title" else "text"
            self.found.append((where, data))


def english_left(html: str, user_text_in_attributes=()) -> list[str]:
    """The fragments of the page's interface that still hold a word in Latin letters."""
    parser = InterfaceText()
    parser.feed(html)
    parser.close()
    left = []
    for where, text in parser.found:
        text = " ".join(text.split())
        rest = URL.sub(" ", EMAIL.sub(" ", text))
        names = SAME_IN_KHMER
        if where == "attribute":
            names += (settings.NETWORK_NAME, *user_text_in_attributes)
        for name in sorted(names, key=len, reverse=True):
            rest = rest.replace(name, " ")
        if LATIN_WORD.search(rest):
            left.append(text)
    return list(dict.fromkeys(left))


@pytest.fixture(autouse=True)
def _language_left_as_found():
    """A request in Khmer leaves Khmer active on the test's thread; the tests after these must not inherit it."""
    language = translation.get_language()
    yield
    translation.activate(language)


# --- the network, half in Khmer and half in English ------------------------------------------------------


class World:
    """What the pages show; user_text lists what members wrote, for the attributes that quote it."""

    def __init__(self):
        now = timezone.now()
        self.agef = OrganisationFactory(
            name="Angkor Girls' Education Fund",
            facebook_url="https://facebook.example/agef",
            slug="agef",
            acronym="AGEF",
            mission="Scholarships and mentoring for girls in Siem Reap.",
            website="https://agef.example",
            focus_areas=["education", "women"],
            regions=["kh-siem-reap"],
        )
        self.kco = OrganisationFactory(
            name="អង្គការកុមារកម្ពុជា",
            slug="kco",
            acronym="",
            mission="ការអប់រំ និងសុខុមាលភាពកុមារនៅតាមជនបទ។",
            focus_areas=["child-wellbeing"],
            regions=["kh-phnom-penh", "kh-kandal"],
        )
        self.member = UserFactory(
            display_name="Dara Kim", email="dara@agef.example", language="km", languages="Khmer, English"
        )
        AffiliationFactory(person=self.member, organisation=self.agef, position="Programme officer")
        self.leader = UserFactory(display_name="សុខា ចាន់", email="sokha@kco.example", language="km")
        AffiliationFactory(
            person=self.leader, organisation=self.kco, position="នាយកប្រតិបត្តិ", role=AffiliationRole.LEADER
        )
        self.coordinator = CoordinatorFactory(display_name="Channa Coordinator", language="km")

        self.community = CommunityFactory(
            name="Community of Practice on Disability",
            short_name="CoP-PwD",
            slug="cop-pwd",
            purpose="ដើម្បីរៀនពីគ្នា អំពីការបញ្ចូលជនពិការ។",
            themes=["disability"],
            rightsholder_groups=["people-with-disabilities"],
        )
        MembershipFactory(community=self.community, person=self.member)
        FacilitatorMembershipFactory(community=self.community, person=self.leader)
        CommunityOrganisationFactory(community=self.community, organisation=self.agef)
        CommunityOrganisationFactory(community=self.community, organisation=self.kco)
        self.unicef = StakeholderFactory(name="UNICEF Cambodia", slug="unicef", acronym="UNICEF")
        StakeholderLinkFactory(community=self.community, organisation=self.unicef, note="Funds the sports days.")
        CommunityFactory(name="សហគមន៍អនុវត្តន៍ស្តីពីយុវជន", short_name="CoP-Youth", slug="cop-youth", themes=["youth"])

        series = MeetingSeriesFactory(title="Monthly network meeting", slug="monthly")
        self.meeting = MeetingFactory(
            title="Monthly network meeting",
            series=series,
            kind=MeetingKind.MEETING,
            community=self.community,
            starts_at=now + timedelta(days=3),
            ends_at=now + timedelta(days=3, hours=2),
            venue="Live & Learn office, Phnom Penh",
            description="Bring your questions about inclusive sports days.",
            capacity=30,
        )
        AgendaItemFactory(meeting=self.meeting, title="ការស្វាគមន៍ និងការណែនាំ", duration_minutes=15, presenter=self.leader)
        AgendaItemFactory(
            meeting=self.meeting,
            title="Sports days that include everyone",
            description="What worked in Siem Reap.",
            duration_minutes=45,
            presenter=self.member,
            presenter_organisation=self.agef,
        )
        MeetingFactory(title="វគ្គបណ្តុះបណ្តាលស្តីពីថវិកា", kind=MeetingKind.TRAINING, starts_at=now + timedelta(days=20))
        rsvp_set(meeting=self.meeting, person=self.leader, response=RsvpResponse.YES)

        self.challenge, _ = challenge_create(
            author=self.member,
            title="Keeping good teachers in rural schools",
            body="We lose **two teachers** a year. How do others keep them?",
            organisation=self.agef,
        )
        reply_create(challenge=self.challenge, author=self.leader, body="យើងបង់ប្រាក់ខែទាន់ពេល ហើយបណ្តុះបណ្តាលគ្រូរៀងរាល់ឆមាស។")
        reply_create(challenge=self.challenge, author=self.coordinator, body="See the guide in the resource centre.")
        challenge_create(author=self.leader, title="ការរក្សាបុគ្គលិកស្ម័គ្រចិត្ត", body="តើអង្គការដទៃធ្វើដូចម្តេច?")
        ResourceFactory(title="Guide to inclusive meetings", summary="Checklists for venues and captions.")
        ResourceFactory(title="សៀវភៅណែនាំអំពីថវិកា", summary="របៀបរៀបចំថវិកាសម្រាប់សំណើ។")

        call = CallFactory(
            title="Small grants 2026",
            description="Grants for activities that communities run together.",
            eligible_communities=[self.community],
            sections=["How will rightsholders lead the work?"],
        )
        self.proposal = ProposalFactory(
            call=call,
            community=self.community,
            title="Inclusive sports days",
            summary="Two sports days in Siem Reap, planned by young people with disabilities.",
            authors=[self.member],
        )
        KeyActivityFactory(proposal=self.proposal, title="ទិវាកីឡា", place="Siem Reap")
        BudgetLineFactory(
            proposal=self.proposal,
            category=BudgetCategory.VENUE,
            description="Stadium hire",
            unit="day",
            quantity=Decimal("2"),
            unit_cost=Decimal("150.00"),
        )
        BudgetLineFactory(
            proposal=self.proposal,
            category=BudgetCategory.MEALS,
            description="អាហារថ្ងៃត្រង់",
            unit="នាក់",
            quantity=Decimal("60"),
            unit_cost=Decimal("12000"),
            currency=Currency.KHR,
        )
        ExchangeRateFactory(proposal=self.proposal, currency=Currency.KHR, rate=Decimal("4100"))

        # A listing of KCO's social enterprise, asked about by Dara and answered by its leader.
        self.offer = offer_create(
            organisation=self.kco,
            by=self.leader,
            kind="offer",
            title="កន្សែងយួរដៃត្បាញដោយដៃ",
            category="handicrafts",
            description="កន្សែងកប្បាស ត្បាញដោយស្ត្រីនៅខេត្តព្រះវិហារ។",
            price_min=Decimal("4"),
            price_max=Decimal("35"),
            currency="USD",
            price_note="ក្នុងមួយដុំ",
            languages=["km", "kdt"],
            regions=list(Region.objects.filter(slug="kh-preah-vihear")),
        )
        self.enquiry = enquiry_send(
            offer=self.offer, by=self.member, from_organisation=self.agef, body="តើអាចកុម្ម៉ង់ ៤០ ដុំបានទេ?"
        )
        enquiry_reply(enquiry=self.enquiry, by=self.leader, body="បាន! តម្លៃ ៩ ដុល្លារក្នុងមួយដុំ។")

        self.user_text = [
            self.member.name,
            self.leader.name,
            self.coordinator.name,
            self.agef.name,
            self.agef.acronym,
            self.community.name,
            self.meeting.title,
            self.challenge.title,
            self.proposal.title,
            self.unicef.name,
        ]


@pytest.fixture
def world():
    return World()


# The main pages: who looks at them (a co-author for the proposal, a community member for its meeting, the
# coordinator where they see more), and where.
PAGES = {
    "dashboard": ("member", lambda w: reverse("dashboard_detail")),
    "dashboard (coordinator)": ("coordinator", lambda w: reverse("dashboard_detail")),
    "calendar month": ("member", lambda w: reverse("events:meeting_calendar") + f"?month={w.meeting.starts_at:%Y-%m}"),
    "upcoming meetings": ("member", lambda w: reverse("events:meeting_list_upcoming")),
    "meeting with agenda and RSVP": ("member", lambda w: w.meeting.get_absolute_url()),
    "meeting (coordinator)": ("coordinator", lambda w: w.meeting.get_absolute_url()),
    "challenge list": ("member", lambda w: reverse("network:challenge_list")),
    "challenge with replies": ("member", lambda w: w.challenge.get_absolute_url()),
    "resource centre": ("member", lambda w: reverse("network:resource_list")),
    "directory: organisations": ("member", lambda w: reverse("members:organisation_list")),
    "directory: people": ("member", lambda w: reverse("members:person_list")),
    "organisation": ("member", lambda w: w.agef.get_absolute_url()),
    "communities": ("member", lambda w: reverse("communities:community_list")),
    "community": ("member", lambda w: w.community.get_absolute_url()),
    "proposals": ("member", lambda w: reverse("proposals:proposal_list")),
    "proposal": ("member", lambda w: reverse("proposals:proposal_detail", args=[w.proposal.pk])),
    "proposal budget": ("member", lambda w: reverse("proposals:budget_detail", args=[w.proposal.pk])),
    "proposal budget (coordinator)": (
        "coordinator",
        lambda w: reverse("proposals:budget_detail", args=[w.proposal.pk]),
    ),
    "marketplace": ("member", lambda w: reverse("members:offer_list")),
    "offer": ("member", lambda w: w.offer.get_absolute_url()),
    "enquiry form": ("member", lambda w: reverse("network:enquiry_create", args=[w.offer.pk])),
    "enquiry thread": ("member", lambda w: w.enquiry.get_absolute_url()),
    "enquiries": ("member", lambda w: reverse("network:enquiry_list")),
    "enquiries each quarter (coordinator)": ("coordinator", lambda w: reverse("network:enquiry_report")),
    "preferences": ("member", lambda w: reverse("members:preferences_update")),
    "sign-in": ("anonymous", lambda w: reverse("account_login")),
}


@pytest.mark.parametrize("name", PAGES)
def test_main_page_shows_no_english_interface_text_in_khmer(client, world, name):
    role, url_of = PAGES[name]
    if role != "anonymous":
        client.force_login(getattr(world, role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    response = client.get(url_of(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    left = english_left(html, world.user_text)
    assert left == [], f"{name}: {len(left)} fragments left in English:\n" + "\n".join(left)


def test_a_failed_sign_in_explains_itself_in_khmer(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    response = client.post(reverse("account_login"), {"login": world.member.email, "password": PASSWORD + "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert english_left(html) == []


# --- the gate itself can fail ---------------------------------------------------------------------------


def test_the_gate_finds_english_interface_text():
    html = (
        '<html lang="km"><head><title>ផ្ទាំងគ្រប់គ្រង · Leadership Learning Network</title></head><body>'
        '<h1>Upcoming meetings</h1><a href="/" aria-label="Next month">›</a>'
        '<input type="submit" value="Save"><input type="text" value="typed by someone">'
        "</body></html>"
    )
    assert english_left(html) == ["Upcoming meetings", "Next month", "Save"]


def test_the_gate_leaves_out_marked_user_text_code_and_names_written_alike():
    html = (
        '<html lang="km"><head><title>Sports days · ទំព័រ</title><style>body { color: red }</style></head><body>'
        '<h1 lang="en">Sports days <em>that include everyone</em></h1>'
        '<p>ថវិកា 5,000.00 USD · <a href="mailto:dara@agef.example">dara@agef.example</a> https://agef.example</p>'
        '<select><option lang="en" value="en">English</option></select><textarea>My notes</textarea>'
        "<script>let x = 'hello';</script><svg><text>Icon</text></svg>"
        "</body></html>"
    )
    assert english_left(html, user_text_in_attributes=["Sports days"]) == []


def test_user_text_in_english_is_marked_english_on_a_khmer_page(client, world):
    """The exclusion above relies on this: English user text carries lang="en" even inside a Khmer page."""
    client.force_login(world.member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    html = client.get(world.challenge.get_absolute_url()).content.decode()
    assert f'<h1 id="challenge-title" lang="en">{world.challenge.title}</h1>' in html
