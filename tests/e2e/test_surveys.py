"""A needs survey on a 390 px phone: a coordinator builds and opens it, a member answers (the error first),
the coordinator reads the results; axe-core and the Nu HTML checker on every page visited, and the results
seen in Khmer."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from members.models import FocusArea, User
from network.models import Response, Survey
from tests.e2e.test_directory import sign_in
from tests.factories import CoordinatorFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_needs_survey_from_building_to_results_on_a_phone(phone, checks):
    CoordinatorFactory(email="sokha@llc.example", display_name="Sokha Chan")
    UserFactory(email="dara@srclc.example", display_name="Dara Kim")
    assert FocusArea.objects.exists()

    sign_in(phone, "sokha@llc.example")
    phone.goto("/surveys/")
    phone.get_by_role("link", name="New survey").click()
    phone.get_by_label("Title").fill("What should we learn next year?")
    phone.get_by_role("group", name="Start from").get_by_label("A needs assessment", exact=False).check()
    phone.get_by_role("group", name="Who is asked").get_by_label("Everyone in the network").check()
    checks.check("survey-form")
    phone.get_by_role("button", name="Save the draft").click()
    phone.wait_for_url("**/surveys/*/**")
    survey = Survey.objects.get()
    assert survey.questions.count() == 3
    checks.check("survey-draft")
    phone.get_by_role("button", name="Open the survey").click()
    phone.wait_for_url(f"**/surveys/{survey.pk}/")

    phone.context.clear_cookies()
    sign_in(phone, "dara@srclc.example")
    phone.goto(f"/surveys/{survey.pk}/")
    phone.get_by_role("link", name="Answer the survey").click()
    phone.get_by_role("button", name="Send my answer").click()
    phone.wait_for_url("**#form-errors")
    screenshot(phone, "phone-survey-error")
    checks.check("survey-answer-error")
    groups = phone.locator("main form").get_by_role("group")
    groups.nth(0).get_by_role("checkbox").first.check()
    phone.get_by_label("What could you teach others?", exact=False).fill(
        "Keeping teachers in rural schools, fundraising"
    )
    groups.nth(1).get_by_label("Weekday morning").check()
    phone.get_by_role("button", name="Send my answer").click()
    phone.wait_for_url(f"**/surveys/{survey.pk}/**")
    assert Response.objects.get().respondent.email == "dara@srclc.example"
    # What Dara can teach is now in the directory, as her expertise.
    dara = User.objects.get(email="dara@srclc.example")
    assert sorted(dara.expertise.values_list("name", flat=True)) == ["Keeping teachers in rural schools", "fundraising"]

    phone.context.clear_cookies()
    sign_in(phone, "sokha@llc.example")
    phone.goto(f"/surveys/{survey.pk}/results/")
    assert "Keeping teachers in rural schools" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-survey-results")
    checks.check("survey-results")
    checks.validate()

    User.objects.filter(email="sokha@llc.example").update(language="km")
    phone.goto(f"/surveys/{survey.pk}/results/")
    with translation.override("km"):
        assert gettext("Download CSV") in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-survey-results-km")
