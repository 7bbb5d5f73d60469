"""Lessons learned from cases: a small group analyses a case study, records lessons by theme, the register
lists them across the network (never through a case the reader may not see), and an agenda item presents some."""

import pytest
from django.urls import reverse

from members.models import FocusArea
from network import services
from network.models import CaseAnalysis, Lesson
from tests.factories import (
    AgendaItemFactory,
    CommunityFactory,
    FacilitatorMembershipFactory,
    MeetingFactory,
    MembershipFactory,
    ResourceFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(person):
        client.force_login(person)
        return client

    return sign_in


@pytest.fixture
def theme(db):
    return FocusArea.objects.get_or_create(slug="education", defaults={"name": "Education"})[0]


@pytest.fixture
def case(db):
    return ResourceFactory(kind="case_study", title="Keeping teachers in rural schools", summary="What SRCLC did.")


@pytest.fixture
def facilitator(db):
    return FacilitatorMembershipFactory(person__display_name="Norah Lay").person


@pytest.fixture
def analysis(case, facilitator):
    colleague = UserFactory(email="bopha@agef.example", display_name="Bopha Ros")
    return services.case_analysis_create(case=case, by=facilitator, members=[colleague], question="Why do they stay?")


def test_a_facilitator_forms_a_group_members_may_not_and_only_case_studies_are_analysed(
    as_user, case, facilitator, member
):
    UserFactory(email="bopha@agef.example")
    url = reverse("network:case_analysis_create", args=[case.pk])
    assert as_user(member).get(url).status_code == 403
    response = as_user(facilitator).post(url, {"members": "BOPHA@agef.example\n", "question": "Why?"})
    assert response.status_code == 302
    analysis = CaseAnalysis.objects.get()
    assert sorted(p.email for p in analysis.members.all()) == sorted(["bopha@agef.example", facilitator.email])
    link = ResourceFactory(kind="link")
    assert as_user(facilitator).get(reverse("network:case_analysis_create", args=[link.pk])).status_code == 404


def test_unknown_addresses_and_big_groups_are_refused(as_user, case, facilitator):
    url = reverse("network:case_analysis_create", args=[case.pk])
    page = as_user(facilitator).post(url, {"members": "nobody@x.example"})
    assert page.status_code == 200 and "nobody@x.example" in page.text
    many = "\n".join(f"p{n}@x.example" for n in range(13))
    assert as_user(facilitator).post(url, {"members": many}).status_code == 200
    assert not CaseAnalysis.objects.exists()


def test_the_group_records_lessons_others_may_not(as_user, analysis, theme, member, facilitator):
    url = reverse("network:case_analysis_detail", args=[analysis.pk])
    data = {"statement": "Teachers stay where the community pays a share.", "themes": [theme.pk]}
    assert as_user(member).post(url, data).status_code == 403
    assert as_user(member).get(url).status_code == 403
    bopha = analysis.members.exclude(pk=facilitator.pk).get()
    assert as_user(bopha).post(url, {**data, "themes": []}).status_code == 200
    assert not Lesson.objects.exists()
    assert as_user(bopha).post(url, data).status_code == 302
    lesson = Lesson.objects.get()
    assert list(lesson.cases.all()) == [analysis.case] and list(lesson.themes.all()) == [theme]


def test_the_register_searches_and_never_shows_a_lesson_through_a_case_the_reader_may_not_see(
    as_user, analysis, theme, member, facilitator
):
    services.lesson_record(by=facilitator, statement="Pay a share together", themes=[theme], cases=[analysis.case])
    closed = CommunityFactory()
    hidden = ResourceFactory(kind="case_study", title="A community's own case", community=closed)
    services.lesson_record(by=facilitator, statement="Kept in the community", themes=[theme], cases=[hidden])
    page = as_user(member).get(reverse("network:lesson_list")).text
    assert "Pay a share together" in page and "Kept in the community" not in page
    MembershipFactory(community=closed, person=member)
    page = as_user(member).get(reverse("network:lesson_list"), {"text": "community"}).text
    assert "Kept in the community" in page and "Pay a share together" not in page
    assert as_user(member).get(reverse("network:lesson_list"), {"theme": "%00"}).status_code == 200


def test_the_register_makes_as_many_queries_with_many_lessons_as_with_few(client, analysis, theme, member, facilitator):
    client.force_login(member)
    url = reverse("network:lesson_list")
    services.lesson_record(by=facilitator, statement="First", themes=[theme], cases=[analysis.case])
    few = queries_for(client, url)
    for n in range(15):
        case = ResourceFactory(kind="case_study")
        services.lesson_record(by=facilitator, statement=f"Lesson {n}", themes=[theme], cases=[case, analysis.case])
    assert queries_for(client, url) == few


def test_those_who_run_a_meeting_choose_the_lessons_an_agenda_item_presents(
    as_user, analysis, theme, member, coordinator, facilitator
):
    lesson = services.lesson_record(by=facilitator, statement="Pay a share", themes=[theme], cases=[analysis.case])
    item = AgendaItemFactory(meeting=MeetingFactory())
    url = reverse("network:lesson_present", args=[item.pk])
    assert as_user(member).post(url, {"lesson": [lesson.pk]}).status_code == 403
    assert not item.lessons.exists()
    response = as_user(coordinator).post(url, {"lesson": [str(lesson.pk), "%00", "²", "9" * 40]})
    assert response.status_code == 302
    assert list(item.lessons.all()) == [lesson]
