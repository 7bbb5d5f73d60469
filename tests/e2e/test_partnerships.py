"""A partnership on a 390 px phone: the facilitator records it and opens a review, each partner's
representative answers, and after a second review the page shows the change and where partners disagree.
axe-core and the Nu HTML checker run on every page visited; the pages are also seen in Khmer."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from communities import services
from communities.models import Partnership, ReviewAnswer
from members.enums import AffiliationRole
from tests.e2e.test_directory import sign_in
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    FacilitatorMembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    UserFactory,
)
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def answer_all(page, value: str, comment: str = ""):
    """Tick `value` in every score group of the answer form and write the comment in the first box."""
    for group in page.locator("main form").get_by_role("group").all():
        group.get_by_label(value, exact=True).check()
    if comment:
        page.locator("textarea").first.fill(comment)
    page.get_by_role("button", name="Save my answer").click()


def test_a_partnership_holds_two_reviews_and_sees_the_change_on_a_phone(phone, checks):
    community = CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities", short_name="CoP-PwD", slug="cop-pwd"
    )
    FacilitatorMembershipFactory(
        community=community, person=UserFactory(email="norah@llc.example", display_name="Norah Lay")
    )
    idea = OrganisationFactory(name="Independent Democracy of Informal Economy Association", acronym="IDEA")
    AffiliationFactory(
        organisation=idea,
        role=AffiliationRole.LEADER,
        person=UserFactory(email="pov@idea.example", display_name="Vorn Pov"),
    )
    StakeholderFactory(name="International Labour Organization", acronym="ILO", slug="ilo")
    UserFactory(email="rithy@ilo.example", display_name="Rithy Heng")

    # Norah, the facilitator, records the partnership from her phone.
    sign_in(phone, "norah@llc.example")
    phone.goto("/partnerships/")
    phone.get_by_role("link", name="Record a partnership").click()
    phone.get_by_label("Name").fill("CoP-PwD and the ILO")
    phone.get_by_label("Community").select_option(label="CoP-PwD")
    phone.get_by_label("Shared goal").fill("Decent work for people with disabilities.")
    phone.get_by_label("How you will measure success").fill("Joint activities held as planned")
    checks.check("partnership-form")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url("**/partners/new/**")
    partnership = Partnership.objects.get()
    phone.get_by_label("Organisation").select_option(label="International Labour Organization")
    phone.get_by_label("Role in the partnership").fill("Technical adviser")
    phone.get_by_label("Representative's e-mail").fill("rithy@ilo.example")
    phone.get_by_role("button", name="Save and add another").click()
    phone.get_by_label("Organisation").select_option(label=idea.name)
    phone.get_by_role("button", name="Save", exact=True).click()
    phone.wait_for_url(f"**/partnerships/{partnership.pk}/**")
    assert sorted(partnership.partners.values_list("organisation__acronym", flat=True)) == ["IDEA", "ILO"]
    phone.get_by_role("link", name="Open a health review now").click()
    phone.get_by_role("button", name="Open the review").click()
    phone.wait_for_url(f"**/partnerships/{partnership.pk}/reviews/1/**")
    checks.check("partnership-review")

    # Each representative answers: IDEA's leader low, the ILO high.
    for email, value, comment in [
        ("pov@idea.example", "2", "We learn of plans too late."),
        ("rithy@ilo.example", "5", ""),
    ]:
        phone.context.clear_cookies()
        sign_in(phone, email)
        phone.goto(f"/partnerships/{partnership.pk}/")
        phone.get_by_role("link", name="Answer for").first.click()
        checks.check(f"partnership-answer-{value}")
        answer_all(phone, value, comment)
        phone.wait_for_url(f"**/partnerships/{partnership.pk}/reviews/1/**")
    assert ReviewAnswer.objects.count() == 2
    screenshot(phone, "phone-partnership-review-answered")

    # A second review, answered alike by both: the page shows the change and no disagreement left.
    services.review_close(review=partnership.reviews.get())
    second = services.review_open(partnership=partnership)
    for partner in partnership.partners.all():
        items = [p.pk for p in partnership.principles.all()], [m.pk for m in partnership.measures.all()]
        services.review_answer(
            review=second,
            partner=partner,
            by=None,
            principle_scores=dict.fromkeys(items[0], (4, "")),
            measure_scores=dict.fromkeys(items[1], (4, "")),
        )
    phone.context.clear_cookies()
    sign_in(phone, "norah@llc.example")
    phone.goto(f"/partnerships/{partnership.pk}/")
    health = phone.get_by_role("region", name="Health over time")
    assert "up 0.5 since the first review" in health.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-partnership")
    checks.check("partnership")
    checks.validate()

    # The same page in Khmer.
    from members.models import User

    User.objects.filter(email="norah@llc.example").update(language="km")
    phone.goto(f"/partnerships/{partnership.pk}/")
    with translation.override("km"):
        assert gettext("Health over time") in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-partnership-km")
