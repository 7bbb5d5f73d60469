"""Joint work plans: who keeps them, who reports progress, what is refused, the timeline, the export and the
overdue actions in the owners' digests."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from members.enums import AffiliationRole
from network import services
from network.enums import ActionStatus
from network.models import Action, Objective, WorkPlan
from tests.factories import (
    ActionFactory,
    AffiliationFactory,
    ChallengeFactory,
    CommunityFactory,
    CommunityOrganisationFactory,
    CoordinatorFactory,
    FacilitatorMembershipFactory,
    MeetingFactory,
    MembershipFactory,
    ObjectiveFactory,
    OrganisationFactory,
    ResourceFactory,
    UserFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def cop():
    return CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities", short_name="CoP-PwD"
    )


@pytest.fixture
def plan(cop):
    return WorkPlanFactory(community=cop, title="CoP-PwD joint work plan 2026")


@pytest.fixture
def objective(plan):
    return ObjectiveFactory(plan=plan, title="Decent work for people with disabilities")


@pytest.fixture
def idea():
    return OrganisationFactory(name="Independent Democracy of Informal Economy Association", acronym="IDEA")


@pytest.fixture
def action(objective, idea):
    return ActionFactory(objective=objective, title="Visit three employers", owner=idea)


@pytest.fixture
def facilitator_of(cop):
    return FacilitatorMembershipFactory(community=cop, person__display_name="Norah Lay").person


@pytest.fixture
def idea_staff(idea):
    return AffiliationFactory(organisation=idea, person__display_name="Von Samphous").person


def action_data(objective, owner, **changes):
    data = {
        "objective": objective.pk,
        "title": "Meet the Ministry of Labour",
        "owner": owner.pk,
        "starts_on": "2026-02-01",
        "ends_on": "2026-02-28",
        "status": ActionStatus.PLANNED,
    }
    data.update(changes)
    return data


# --- who may -------------------------------------------------------------------------------------------------


def test_the_facilitator_adds_an_action_with_supporters_and_a_link(client_for, facilitator_of, objective, idea, cop):
    hac = OrganisationFactory(name="HelpAge Cambodia")
    CommunityOrganisationFactory(community=cop, organisation=hac)
    meeting = MeetingFactory(community=cop, title="CoP-PwD quarterly meeting")
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]),
        action_data(objective, idea, supporters=[hac.pk], meeting=meeting.pk),
    )
    action = Action.objects.get(title="Meet the Ministry of Labour")
    assert response.status_code == 302
    assert response.url == f"{objective.plan.get_absolute_url()}#action-{action.pk}"
    assert (action.owner, list(action.supporters.all()), action.meeting) == (idea, [hac], meeting)
    assert action.created_by == facilitator_of


def test_a_community_plan_offers_the_communitys_organisations_as_supporters(client_for, facilitator_of, objective, cop):
    hac = OrganisationFactory(name="HelpAge Cambodia")
    CommunityOrganisationFactory(community=cop, organisation=hac)
    OrganisationFactory(name="Tonle Sap Floating Schools")
    response = client_for(facilitator_of).get(reverse("network:action_create", args=[objective.plan.pk]))
    assert list(response.context["form"].fields["supporters"].queryset) == [hac]


def test_a_plain_community_member_may_not_add_an_action(client_for, cop, objective, idea):
    member = MembershipFactory(community=cop).person
    response = client_for(member).post(
        reverse("network:action_create", args=[objective.plan.pk]), action_data(objective, idea)
    )
    assert response.status_code == 403
    assert not Action.objects.filter(title="Meet the Ministry of Labour").exists()


def test_a_facilitator_of_another_community_may_not_edit_this_plan(client_for, plan):
    other = FacilitatorMembershipFactory(community=CommunityFactory()).person
    assert client_for(other).get(reverse("network:workplan_update", args=[plan.pk])).status_code == 403
    assert client_for(other).get(reverse("network:objective_create", args=[plan.pk])).status_code == 403


def test_staff_of_the_owner_report_progress(client_for, idea_staff, action):
    response = client_for(idea_staff).post(
        reverse("network:action_record_progress", args=[action.objective.plan.pk, action.pk]),
        {"status": ActionStatus.IN_PROGRESS, "progress_note": "Two employers visited; the third in March."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress_note, action.progress_by) == (
        ActionStatus.IN_PROGRESS,
        "Two employers visited; the third in March.",
        idea_staff,
    )
    assert action.progress_at is not None


def test_staff_of_the_owner_may_report_progress_but_not_edit_the_action(client_for, idea_staff, action):
    response = client_for(idea_staff).get(reverse("network:action_update", args=[action.objective.plan.pk, action.pk]))
    assert response.status_code == 403


def test_staff_of_a_supporting_organisation_may_not_report_progress(client_for, action):
    supporter = OrganisationFactory()
    action.supporters.add(supporter)
    person = AffiliationFactory(organisation=supporter).person
    url = reverse("network:action_record_progress", args=[action.objective.plan.pk, action.pk])
    response = client_for(person).post(url, {"status": ActionStatus.DONE, "progress_note": "Done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_an_action_is_not_reached_through_another_plan(client_for, facilitator_of, action):
    other_plan = WorkPlanFactory()
    url = reverse("network:action_update", args=[other_plan.pk, action.pk])
    assert client_for(CoordinatorFactory()).get(url).status_code == 404


def test_only_coordinators_keep_the_network_plan(client_for, facilitator_of):
    network_plan = WorkPlanFactory(community=None, title="Network plan 2026")
    url = reverse("network:objective_create", args=[network_plan.pk])
    assert client_for(facilitator_of).get(url).status_code == 403
    response = client_for(CoordinatorFactory()).post(url, {"title": "Joint events"})
    assert response.status_code == 302
    assert list(network_plan.objectives.values_list("title", flat=True)) == ["Joint events"]


def test_a_facilitator_starts_a_plan_for_their_community_only(client_for, facilitator_of, cop):
    other = CommunityFactory()
    url = reverse("network:workplan_create")
    refused = client_for(facilitator_of).post(url, {"community": other.pk, "title": "Not mine"})
    assert refused.status_code == 200
    assert not WorkPlan.objects.filter(title="Not mine").exists()
    accepted = client_for(facilitator_of).post(url, {"community": cop.pk, "title": "Ours"})
    plan = WorkPlan.objects.get(title="Ours")
    assert accepted.status_code == 302
    assert (plan.community, plan.created_by) == (cop, facilitator_of)


def test_a_member_without_a_community_to_facilitate_may_not_start_a_plan(member_client):
    assert member_client.get(reverse("network:workplan_create")).status_code == 403


def test_every_member_reads_a_plan_and_a_visitor_signs_in_first(member_client, client, plan):
    assert member_client.get(plan.get_absolute_url()).status_code == 200
    client.logout()
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- bad input -----------------------------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused_on_the_field(client_for, facilitator_of, objective, idea):
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]),
        action_data(objective, idea, starts_on="2026-03-01", ends_on="2026-02-01"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["The end date cannot be before the start date."]
    assert not Action.objects.exists()


def test_the_service_refuses_an_end_before_the_start(objective, idea):
    with pytest.raises(Exception, match="end date cannot be before"):
        services.action_save(
            objective=objective,
            by=None,
            title="Backwards",
            owner=idea,
            starts_on=datetime.date(2026, 3, 1),
            ends_on=datetime.date(2026, 2, 1),
        )


@pytest.mark.parametrize("value", ["២០២៦-០២-០១", "2026-02-30", "99999-01-01", "١٢٣"])
def test_dates_that_are_not_dates_are_refused_clearly(client_for, facilitator_of, objective, idea, value):
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]), action_data(objective, idea, starts_on=value)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_on"] == ["Enter a valid date."]


def test_a_huge_progress_note_is_refused(client_for, idea_staff, action):
    response = client_for(idea_staff).post(
        reverse("network:action_record_progress", args=[action.objective.plan.pk, action.pk]),
        {"status": ActionStatus.DONE, "progress_note": "x" * 5000},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["progress_note"] == [
        "Ensure this value has at most 1000 characters (it has 5000)."
    ]


def test_a_huge_title_and_an_unknown_status_are_refused(client_for, facilitator_of, objective, idea):
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]),
        action_data(objective, idea, title="x" * 100_000, status="finished"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "status"}


def test_a_link_outside_the_plans_community_is_refused(facilitator_of, objective, idea):
    elsewhere = ChallengeFactory(community=CommunityFactory())
    with pytest.raises(Exception, match="challenge of this community"):
        services.action_save(
            objective=objective,
            by=facilitator_of,
            title="Answer it",
            owner=idea,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 1, 2),
            challenge=elsewhere,
        )


def test_the_form_offers_no_link_outside_the_plans_community(client_for, facilitator_of, objective, idea):
    elsewhere = ResourceFactory(title="Elsewhere", community=CommunityFactory())
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]),
        action_data(objective, idea, resource=elsewhere.pk),
    )
    assert response.status_code == 200
    assert "resource" in response.context["form"].errors


def test_an_organisation_that_left_cannot_own_an_action(client_for, facilitator_of, objective):
    former = OrganisationFactory(status="former")
    response = client_for(facilitator_of).post(
        reverse("network:action_create", args=[objective.plan.pk]), action_data(objective, former)
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors


# --- pages ---------------------------------------------------------------------------------------------------


def test_an_overdue_action_is_flagged_on_the_plan(member_client, objective, idea):
    ActionFactory(
        objective=objective,
        owner=idea,
        title="Late one",
        starts_on=TODAY - datetime.timedelta(days=30),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    ActionFactory(
        objective=objective,
        owner=idea,
        title="Late but done",
        status=ActionStatus.DONE,
        starts_on=TODAY - datetime.timedelta(days=30),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    html = member_client.get(objective.plan.get_absolute_url()).content.decode()
    assert html.count(">Overdue<") == 1
    listing = member_client.get(reverse("network:workplan_list")).content.decode()
    assert "1 overdue" in listing


def test_the_timeline_draws_a_bar_per_action(member_client, objective, idea):
    ActionFactory(
        objective=objective, owner=idea, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 1, 31)
    )
    ActionFactory(
        objective=objective, owner=idea, starts_on=datetime.date(2026, 2, 1), ends_on=datetime.date(2026, 2, 28)
    )
    response = member_client.get(reverse("network:workplan_timeline", args=[objective.plan.pk]))
    html = response.content.decode()
    assert "Timeline of the actions" in html
    assert html.count('class="row-bar"') == 2
    assert [row.x for row in response.context["timeline"]["rows"]] == [0.0, 252.2]  # 31 of 59 days across 480 units


def test_the_export_lists_each_action_with_formulas_neutralised(member_client, objective, idea):
    hac = OrganisationFactory(name="HelpAge Cambodia")
    ActionFactory(objective=objective, owner=idea, title="=HYPERLINK(1)", supporters=[hac])
    response = member_client.get(reverse("network:workplan_export_csv", args=[objective.plan.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Objective", "Action", "Owner", "Supporting organisations"]
    assert rows[1][:7] == [
        "Decent work for people with disabilities",
        "'=HYPERLINK(1)",
        idea.name,
        "HelpAge Cambodia",
        "2026-01-05",
        "2026-03-31",
        "Planned",
    ]


def _plan_with(plan, objectives: int, actions_each: int):
    for _ in range(objectives):
        objective = ObjectiveFactory(plan=plan)
        for _ in range(actions_each):
            ActionFactory(objective=objective, supporters=[OrganisationFactory()], meeting=MeetingFactory())


@pytest.mark.parametrize("url_name", ["network:workplan_detail", "network:workplan_timeline"])
def test_plan_pages_make_as_many_queries_for_many_actions_as_for_one(
    member_client, plan, url_name, django_assert_num_queries
):
    from tests.helpers import queries_for

    _plan_with(plan, 1, 1)
    url = reverse(url_name, args=[plan.pk])
    few = queries_for(member_client, url)
    _plan_with(plan, 4, 6)
    assert queries_for(member_client, url) == few


def test_the_plan_list_makes_as_many_queries_for_many_plans_as_for_one(member_client, cop):
    from tests.helpers import queries_for

    WorkPlanFactory(community=cop)
    few = queries_for(member_client, reverse("network:workplan_list"))
    for _ in range(40):
        WorkPlanFactory()
    assert queries_for(member_client, reverse("network:workplan_list")) == few


def test_the_export_makes_as_many_queries_for_many_actions_as_for_one(member_client, plan):
    from tests.helpers import queries_for

    _plan_with(plan, 1, 1)
    few = queries_for(member_client, reverse("network:workplan_export_csv", args=[plan.pk]))
    _plan_with(plan, 3, 5)
    assert queries_for(member_client, reverse("network:workplan_export_csv", args=[plan.pk])) == few


def test_objectives_are_paginated(member_client, plan, settings):
    settings.PAGE_SIZE = 2
    for number in range(3):
        ObjectiveFactory(plan=plan, title=f"Objective number {number}", position=number)
    first = member_client.get(plan.get_absolute_url()).content.decode()
    second = member_client.get(plan.get_absolute_url() + "?page=២").content.decode()
    assert "Objective number 0" in first and "Objective number 2" not in first
    assert "Objective number 2" in second


def test_objectives_are_numbered_in_order(plan):
    first = services.objective_save(plan=plan, title="First")
    second = services.objective_save(plan=plan, title="Second")
    assert list(Objective.objects.filter(plan=plan).values_list("title", flat=True)) == ["First", "Second"]
    assert second.position == first.position + 1


# --- the digest ----------------------------------------------------------------------------------------------


def test_the_owners_leaders_see_their_overdue_actions_in_the_digest(objective, idea):
    from network.services.digests import content_for, load_activity, people_for_batch

    leader = AffiliationFactory(organisation=idea, role=AffiliationRole.LEADER).person
    staff_elsewhere = UserFactory()
    late = ActionFactory(
        objective=objective,
        owner=idea,
        title="Late one",
        starts_on=TODAY - datetime.timedelta(days=20),
        ends_on=TODAY - datetime.timedelta(days=2),
    )
    ActionFactory(objective=objective, owner=idea, title="Still on time", ends_on=TODAY + datetime.timedelta(days=5))
    ActionFactory(objective=objective, title="Someone else's", ends_on=TODAY - datetime.timedelta(days=2))
    now = timezone.now()
    people = people_for_batch([leader.pk, staff_elsewhere.pk])
    activity = load_activity(since=now - datetime.timedelta(days=7), until=now, people=people)
    by_pk = {person.pk: person for person in people}
    content = content_for(by_pk[leader.pk], activity, start=now - datetime.timedelta(days=7), end=now)
    assert [action.pk for action in content.overdue_actions] == [late.pk]
    assert not content.is_empty()
    other = content_for(by_pk[staff_elsewhere.pk], activity, start=now - datetime.timedelta(days=7), end=now)
    assert other.overdue_actions == []
    assert other.is_empty()


def test_the_digest_names_the_overdue_action_and_links_to_it(objective, idea, mailoutbox, settings):
    from network.services.digests import send_digests

    leader = AffiliationFactory(
        organisation=idea, role=AffiliationRole.LEADER, person__digest_frequency="weekly"
    ).person
    late = ActionFactory(
        objective=objective,
        owner=idea,
        title="Visit three employers",
        starts_on=TODAY - datetime.timedelta(days=20),
        ends_on=TODAY - datetime.timedelta(days=2),
    )
    send_digests(recipient_ids=[leader.pk], window_end_iso=timezone.now().isoformat(), claim="test")
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "Overdue actions of your organisation" in body
    assert "Visit three employers" in body
    assert f"{settings.SITE_URL}{objective.plan.get_absolute_url()}#action-{late.pk}" in body


@pytest.mark.parametrize("model", ["workplan", "statement"])
def test_coordinators_list_plans_and_statements_in_the_admin_and_members_do_not(
    coordinator_client, client_for, member, model
):
    from tests.factories import StatementFactory

    WorkPlanFactory()
    StatementFactory()
    url = reverse(f"admin:network_{model}_changelist")
    assert coordinator_client.get(url).status_code == 200
    assert client_for(member).get(url).status_code == 302


def test_plan_and_statement_pages_stay_within_the_query_budget_of_key_pages(client_for, plan, cop):
    from network.enums import StatementStatus
    from tests.factories import StatementFactory
    from tests.helpers import queries_for

    _plan_with(plan, 3, 4)
    statement = StatementFactory(community=cop, status=StatementStatus.PUBLISHED)
    leader = AffiliationFactory(role=AffiliationRole.LEADER).person
    client = client_for(leader)
    counts = {
        name: queries_for(client, url)
        for name, url in {
            "plan": plan.get_absolute_url(),
            "timeline": reverse("network:workplan_timeline", args=[plan.pk]),
            "plans": reverse("network:workplan_list"),
            "statement": statement.get_absolute_url(),
            "public": statement.get_public_url(),
            "statements": reverse("network:statement_list"),
        }.items()
    }
    assert max(counts.values()) <= 15, counts


def test_the_facilitator_renames_the_plan_and_an_objective(client_for, facilitator_of, objective):
    client = client_for(facilitator_of)
    plan = objective.plan
    assert (
        client.post(reverse("network:workplan_update", args=[plan.pk]), {"title": "Plan 2026–2027"}).status_code == 302
    )
    url = reverse("network:objective_update", args=[plan.pk, objective.pk])
    assert client.post(url, {"title": "Joint campaigns"}).status_code == 302
    assert (WorkPlan.objects.get(pk=plan.pk).title, Objective.objects.get(pk=objective.pk).title) == (
        "Plan 2026–2027",
        "Joint campaigns",
    )


def test_an_objective_is_not_reached_through_another_plan(coordinator_client, objective):
    other = WorkPlanFactory()
    url = reverse("network:objective_update", args=[other.pk, objective.pk])
    assert coordinator_client.post(url, {"title": "Moved"}).status_code == 404
    assert Objective.objects.get(pk=objective.pk).title == "Decent work for people with disabilities"


def test_a_plan_without_objectives_asks_for_one_before_an_action(client_for, facilitator_of, plan):
    response = client_for(facilitator_of).get(reverse("network:action_create", args=[plan.pk]))
    assert response.status_code == 302
    assert response.url == reverse("network:objective_create", args=[plan.pk])
