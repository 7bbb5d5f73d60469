"""A community runs its joint work plan and publishes a statement signed by several organisations, on a
390 px phone, with axe-core and the Nu HTML checker on every page visited."""

import datetime

import pytest
from django.urls import reverse

from members.enums import AffiliationRole
from network.enums import ActionStatus, StatementStatus
from network.models import Action, Signature, Statement
from tests.e2e.checks import DESKTOP, PHONE
from tests.e2e.test_directory import sign_in
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    ObjectiveFactory,
    OrganisationFactory,
    UserFactory,
    WorkPlanFactory,
)
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    "We call on employers and the Ministry of Labour to make decent work open to people with disabilities.\n\n"
    "- the same contracts and wages as everyone else;\n- accessible workplaces."
)


@pytest.fixture
def cop_pwd():
    community = CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities", short_name="CoP-PwD", slug="cop-pwd"
    )
    norah = UserFactory(email="norah@llc.example", display_name="Norah Lay")
    FacilitatorMembershipFactory(community=community, person=norah)
    leaders = {}
    for acronym, name, email, person in [
        ("IDEA", "Independent Democracy of Informal Economy Association", "samphous@idea.example", "Von Samphous"),
        ("CFSWF", "Cambodian Food and Service Workers' Federation", "malay@cfswf.example", "Tim Malay"),
        ("HAC", "HelpAge Cambodia", "vuthy@hac.example", "Vuthy Sok"),
    ]:
        organisation = OrganisationFactory(name=name, acronym=acronym)
        CommunityOrganisationFactory(community=community, organisation=organisation)
        user = UserFactory(email=email, display_name=person)
        AffiliationFactory(person=user, organisation=organisation, role=AffiliationRole.LEADER)
        leaders[acronym] = organisation
    plan = WorkPlanFactory(community=community, title="CoP-PwD joint work plan")
    ObjectiveFactory(plan=plan, title="Joint events: youth with disabilities meet employers")
    return community, plan, leaders


def test_a_community_runs_its_work_plan_and_publishes_a_statement(phone, checks, cop_pwd):
    community, plan, organisations = cop_pwd

    # Norah, the facilitator, adds an action owned by IDEA with HAC supporting it.
    sign_in(phone, "norah@llc.example")
    phone.goto(plan.get_absolute_url())
    checks.check("workplan-empty")
    phone.get_by_role("link", name="Add an action").first.click()
    phone.get_by_label("Action").fill("Meeting with employers in Phnom Penh")
    phone.get_by_label("Owner").select_option(label=organisations["IDEA"].name)
    phone.get_by_role("group", name="Supporting organisations").get_by_label("HelpAge Cambodia").check()
    phone.get_by_label("Starts on").fill("2026-05-04")
    phone.get_by_label("Ends on").fill("2026-04-30")
    phone.get_by_role("button", name="Save").click()
    # The end before the start is refused on its field, and the page lands on the summary.
    assert phone.get_by_text("The end date cannot be before the start date.").first.is_visible()
    checks.check("action-form-error")
    phone.get_by_label("Ends on").fill("2026-06-30")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url(f"**{plan.get_absolute_url()}#action-*")
    action = Action.objects.get()
    assert [s.acronym for s in action.supporters.all()] == ["HAC"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # Von Samphous, IDEA's leader, reports progress on IDEA's action.
    phone.context.clear_cookies()
    sign_in(phone, "samphous@idea.example")
    phone.goto(plan.get_absolute_url())
    phone.get_by_role("link", name="Report progress on Meeting with employers in Phnom Penh").click()
    phone.get_by_label("Status").select_option(label="In progress")
    phone.get_by_label("Progress").fill("Four employers said yes; the venue is still to be found.")
    phone.get_by_role("button", name="Save the progress").click()
    phone.wait_for_url(f"**{plan.get_absolute_url()}#action-{action.pk}")
    card = phone.locator(f"#action-{action.pk}")
    assert "Four employers said yes" in card.inner_text()
    assert "In progress" in card.inner_text()
    screenshot(phone, "phone-workplan")
    checks.check("workplan")
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "desk-workplan")
    phone.set_viewport_size(PHONE)
    phone.get_by_role("link", name="Timeline").click()
    assert phone.locator("svg.timeline-track rect.row-bar").count() == 1
    screenshot(phone, "phone-workplan-timeline")
    checks.check("workplan-timeline")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS

    # Norah drafts a statement and opens it for signatures.
    phone.context.clear_cookies()
    sign_in(phone, "norah@llc.example")
    phone.goto("/statements/")
    phone.get_by_role("link", name="Draft a statement").click()
    phone.get_by_label("Community").select_option(label="CoP-PwD")
    phone.get_by_label("Title").fill("Decent work for people with disabilities")
    phone.get_by_label("Text").fill(TEXT)
    phone.get_by_role("button", name="Save").click()
    statement = Statement.objects.get()
    phone.wait_for_url(f"**{statement.get_absolute_url()}")
    phone.get_by_role("button", name="Open for signatures").click()
    assert "The statement is open for signatures." in phone.locator(".messages").inner_text()

    # Two leaders sign for their organisations; one with a comment.
    for email, comment in (
        ("samphous@idea.example", "For the informal economy workers we represent."),
        ("malay@cfswf.example", ""),
    ):
        phone.context.clear_cookies()
        sign_in(phone, email)
        phone.goto(statement.get_absolute_url())
        if comment:
            phone.get_by_label("Comment").fill(comment)
            checks.check("statement-sign")
            screenshot(phone, "phone-statement-sign")
        phone.get_by_role("button", name="Sign", exact=True).click()
        assert "signs this statement." in phone.locator(".messages").inner_text()
    assert sorted(Signature.objects.values_list("organisation__acronym", flat=True)) == ["CFSWF", "IDEA"]

    # Norah closes sign-on and publishes.
    phone.context.clear_cookies()
    sign_in(phone, "norah@llc.example")
    phone.goto(statement.get_absolute_url())
    phone.get_by_role("button", name="Close signatures").click()
    phone.get_by_role("button", name="Publish").click()
    assert "The statement is published." in phone.locator(".messages").inner_text()
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PUBLISHED

    # Anyone reads it without signing in, with the organisations that signed.
    phone.context.clear_cookies()
    phone.goto(statement.get_public_url())
    assert phone.get_by_role("heading", name="Signed by 2 organisations").is_visible()
    signatories = phone.locator(".signatories").inner_text()
    assert "Independent Democracy of Informal Economy Association" in signatories
    assert "Cambodian Food and Service Workers' Federation" in signatories
    screenshot(phone, "phone-statement-public")
    checks.check("statement-public")
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "desk-statement-public")
    phone.set_viewport_size(PHONE)
    # Printed, the menus and the hint are left out.
    phone.emulate_media(media="print")
    assert not phone.locator(".site-header").is_visible()
    assert not phone.locator(".no-print").is_visible()
    screenshot(phone, "phone-statement-print")
    phone.emulate_media(media="screen")
    checks.validate()


def test_a_khmer_reader_sees_the_plan_and_the_statement_on_a_phone_and_a_desk(phone, checks, cop_pwd):
    """The pages draw in Khmer without running off a 390 px screen, and at 1280 px."""
    from network import services

    community, plan, organisations = cop_pwd
    reader = UserFactory(email="sokha@ngo.example", display_name="សុខា ចាន់", language="km")
    AffiliationFactory(person=reader, organisation=organisations["HAC"], role=AffiliationRole.STAFF)
    objective = plan.objectives.get()
    services.action_save(
        objective=objective,
        by=None,
        title="កិច្ចប្រជុំជាមួយនិយោជកនៅភ្នំពេញ",
        owner=organisations["HAC"],
        supporters=[organisations["IDEA"]],
        starts_on=datetime.date(2026, 5, 4),
        ends_on=datetime.date(2026, 6, 30),
    )
    statement = services.statement_create(
        community=community, title="ការងារសមរម្យសម្រាប់ជនមានពិការភាព", text="យើងសូមអំពាវនាវដល់និយោជក។", by=None
    )
    services.statement_open(statement=statement, by=None)
    for acronym in ("IDEA", "CFSWF"):
        leader = organisations[acronym].affiliations.get().person
        services.signature_create(statement=statement, organisation=organisations[acronym], by=leader)
    services.statement_close(statement=statement, by=None)
    services.statement_publish(statement=statement, by=None)

    sign_in(phone, "sokha@ngo.example")
    for path, name in (
        (plan.get_absolute_url(), "workplan"),
        (reverse("network:workplan_timeline", args=[plan.pk]), "workplan-timeline"),
        (statement.get_public_url(), "statement-public"),
    ):
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == "km"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(phone, f"khmer-phone-{name}")
        checks.check(f"khmer-{name}")
        phone.set_viewport_size(DESKTOP)
        screenshot(phone, f"khmer-desk-{name}")
        phone.set_viewport_size(PHONE)
    checks.validate()
