"""A Khmer reader on a 390 px phone: the dashboard, answering a meeting's RSVP form and a proposal's
budget draw in Khmer, with the Khmer font, and nothing runs off the side of the screen."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.enums import RsvpResponse
from events.models import Rsvp
from members.models import FocusArea
from network import services as board
from proposals.enums import BudgetCategory, Currency
from tests.e2e.test_directory import sign_in
from tests.factories import (
    AffiliationFactory,
    AgendaItemFactory,
    BudgetLineFactory,
    CallFactory,
    ExchangeRateFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    UserFactory,
)
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 390
KHMER_FONTS = ["Khmer OS System", "Khmer UI", "Khmer Sangam MN", "Noto Sans Khmer"]


def khmer(text: str) -> str:
    with translation.override("km"):
        return gettext(text)


@pytest.fixture
def sokha(reference_data):
    """A programme officer who reads Khmer first: in a community, co-author of its proposal."""
    person = UserFactory(email="sokha@ngo.example", display_name="សុខា ចាន់", language="km")
    AffiliationFactory(
        person=person,
        organisation=OrganisationFactory(name="មជ្ឈមណ្ឌលសិក្សាកុមារសៀមរាប", acronym="SRCLC", focus_areas=["education"]),
        position="មន្ត្រីកម្មវិធី",
    )
    membership = MembershipFactory(person=person, community__name="សហគមន៍អនុវត្តស្តីពីជនជាតិដើមភាគតិច")
    proposal = ProposalFactory(
        call=CallFactory(title="ជំនួយតូចៗសម្រាប់សហគមន៍អនុវត្ត ឆ្នាំ២០២៦", eligible_communities=[membership.community]),
        community=membership.community,
        title="សំឡេងជនជាតិកួយ៖ ការសម្តែង និងពិព័រណ៍វប្បធម៌",
        summary="ការសម្តែងមួយថ្ងៃ និងពិព័រណ៍អំពីវប្បធម៌កួយ នៅខេត្តព្រះវិហារ។",
        authors=[person],
    )
    lines = [
        (BudgetCategory.VENUE, "ជួលទីលាន និងតង់សម្រាប់ការសម្តែង", "ថ្ងៃ", "2", "150.00", Currency.USD),
        (BudgetCategory.MATERIALS, "បោះពុម្ពផ្ទាំងពិព័រណ៍ជាភាសាខ្មែរ និងភាសាកួយ", "ផ្ទាំង", "12", "85000", Currency.KHR),
        (BudgetCategory.TRAVEL, "ថ្លៃធ្វើដំណើររបស់ចាស់ទុំពីភូមិ", "នាក់", "20", "20000", Currency.KHR),
    ]
    for category, description, unit, quantity, unit_cost, currency in lines:
        BudgetLineFactory(
            proposal=proposal,
            category=category,
            description=description,
            unit=unit,
            quantity=Decimal(quantity),
            unit_cost=Decimal(unit_cost),
            currency=currency,
        )
    ExchangeRateFactory(proposal=proposal, currency=Currency.KHR, rate=Decimal("4100"))
    person.proposal = proposal
    return person


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(
        title="កិច្ចប្រជុំសិក្សាប្រចាំខែរបស់បណ្តាញ",
        description="ព័ត៌មានពីសមាជិក បទបង្ហាញ និងការពិភាក្សា។",
        starts_at=timezone.now() + timedelta(days=4),
    )
    for title, minutes in [
        ("ស្វាគមន៍ និងព័ត៌មានថ្មីៗពីអង្គការសមាជិក", 15),
        ("គោលនយោបាយការពារកុមារ៖ ពីឯកសារលើក្រដាស ទៅការអនុវត្តប្រចាំថ្ងៃ", 40),
        ("ពិភាក្សាជាក្រុមតូចៗ៖ តើអ្វីជាឧបសគ្គក្នុងការអនុវត្តគោលនយោបាយនៅអង្គការរបស់យើង?", 25),
    ]:
        AgendaItemFactory(meeting=meeting, title=title, duration_minutes=minutes)
    return meeting


@pytest.fixture
def phone(browser, live_server, sokha):
    context = browser.new_context(base_url=live_server.url, viewport={"width": WIDTH, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, sokha.email)
    yield page
    context.close()


def assert_drawn_in_khmer_on_the_phone(page, name):
    """The page says it is Khmer, draws with a Khmer font, and scrolls only up and down.

    Where no Khmer font is installed, Chromium 156 keeps a few words it laid out before the vendored font
    arrived (the name in the header, the footer's label) in its fallback font, as boxes in the screenshot,
    though the font has loaded; so this checks the page's fonts, not every word's.
    """
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "km"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert any(font in family for font in KHMER_FONTS), family
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Khmer Web\"', 'ក')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Noto Sans Khmer') && f.status === 'loaded').length"
    )
    assert loaded >= 1, "the vendored Khmer font was never loaded"
    path = screenshot(page, name)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .filter(e => !e.closest('.table-wrap'))
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' +
                 (e.textContent || '').trim().slice(0, 40))
            .slice(0, 10)"""
    )
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= WIDTH, f"{name} scrolls sideways ({scroll_width} px): {wide} (see {path})"
    return path


def test_the_dashboard_on_a_phone_in_khmer(phone, sokha, meeting):
    author = UserFactory(display_name="បុប្ផា រស់")
    board.challenge_create(
        author=author,
        title="តើធ្វើដូចម្តេចដើម្បីរក្សាគ្រូស្ម័គ្រចិត្តឱ្យបន្តបង្រៀននៅសាលាជនបទ?",
        body="គ្រូស្ម័គ្រចិត្តបួននាក់បានឈប់ក្នុងឆ្នាំនេះ។",
        themes=list(FocusArea.objects.filter(slug="education")),
    )
    own, _created = board.challenge_create(
        author=sokha, title="ការសរសេររបាយការណ៍ជូនម្ចាស់ជំនួយជាភាសាអង់គ្លេស", body="តើអ្នករៀបចំយ៉ាងដូចម្តេច?"
    )
    board.reply_create(challenge=own, author=author, body="យើងសរសេរជាភាសាខ្មែរជាមុនសិន។")

    phone.goto("/dashboard/")
    assert phone.get_by_role("heading", name=khmer("Next meeting")).is_visible()
    assert phone.get_by_role("link", name=meeting.title).first.is_visible()
    assert phone.get_by_role("heading", name=khmer("Your notifications")).is_visible()
    assert phone.get_by_role("link", name=sokha.proposal.title).is_visible()
    assert_drawn_in_khmer_on_the_phone(phone, "khmer-phone-dashboard")


def test_a_meeting_answered_on_a_phone_in_khmer(phone, sokha, meeting):
    phone.goto(meeting.get_absolute_url())
    assert phone.get_by_role("heading", level=1).inner_text() == meeting.title
    assert phone.locator(".rsvp-form").get_by_text(khmer("Will you come?")).is_visible()
    assert_drawn_in_khmer_on_the_phone(phone, "khmer-phone-meeting")

    phone.get_by_label(khmer("Yes, I will come")).check()
    phone.get_by_label(khmer("Khmer to English interpretation")).check()
    phone.get_by_role("button", name=khmer("Send my answer")).click()
    assert khmer("Thank you, your answer was saved.") in phone.locator(".messages").inner_text()
    rsvp = Rsvp.objects.get(meeting=meeting, person=sokha)
    assert (rsvp.response, rsvp.needs) == (RsvpResponse.YES, ["interpret_km_en"])
    assert phone.get_by_role("button", name=khmer("Change my answer")).is_visible()
    assert_drawn_in_khmer_on_the_phone(phone, "khmer-phone-meeting-answered")


def lines_of(locator) -> int:
    """How many lines the element's text is drawn on."""
    return locator.evaluate(
        """e => { const range = document.createRange(); range.selectNodeContents(e);
                  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size }"""
    )


def test_a_proposal_budget_on_a_phone_in_khmer(phone, sokha):
    proposal = sokha.proposal
    phone.goto(f"/proposals/{proposal.pk}/budget/")
    assert phone.get_by_role("heading", level=1).inner_text().startswith(proposal.title)
    lines = phone.locator("table.budget-lines tbody tr")
    assert lines.count() == 3
    # Khmer has no spaces between words: a squeezed column would put each syllable on a line of its own.
    assert lines_of(lines.first.locator("td").first) == 1  # "ទីកន្លែង", the venue
    assert lines_of(lines.first.locator("td").nth(1)) <= 3  # "ជួលទីលាន និងតង់សម្រាប់ការសម្តែង"
    assert_drawn_in_khmer_on_the_phone(phone, "khmer-phone-budget")
