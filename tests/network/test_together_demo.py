"""The demo's joint work plan and campaign statement, from the network's story, loaded once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from network.enums import StatementStatus
from network.models import Action, Signature, Statement, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_demo_has_cop_pwds_work_plan_and_its_published_statement(client):
    call_command("seed_demo")
    plan = WorkPlan.objects.get()
    assert (plan.community.short_name, plan.title) == ("CoP-PwD", "CoP-PwD joint work plan")
    assert list(plan.objectives.values_list("title", flat=True)) == [
        "Joint events: bring youth with disabilities, employers and officials together",
        "Public statements and joint campaigns under joint coordination",
    ]
    actions = Action.objects.filter(objective__plan=plan)
    assert actions.count() == 5
    assert [action.title for action in actions if action.is_overdue()] == ["Meeting with employers in Phnom Penh"]
    assert actions.filter(proposal__isnull=False).count() == 1

    statement = Statement.objects.get()
    assert (statement.status, statement.signature_count, statement.versions.count()) == (
        StatementStatus.PUBLISHED,
        3,
        2,
    )
    assert list(Signature.objects.values_list("organisation__acronym", flat=True)) == ["IDEA", "CFSWF", "AUA"]
    page = client.get(reverse("network:statement_detail_public", args=[statement.pk])).content.decode()
    assert "Signed by 3 organisations" in page


def test_running_the_demo_again_adds_no_second_plan_or_statement():
    call_command("seed_demo")
    call_command("seed_demo")
    assert (WorkPlan.objects.count(), Action.objects.count(), Statement.objects.count(), Signature.objects.count()) == (
        1,
        5,
        1,
        3,
    )
