"""Joint statements: drafting in versions, sign-on by leaders, withdrawal, closing, publishing and the public page."""

import pytest
from django.conf import settings
from django.urls import reverse

from common.models import Delivery
from members.enums import AffiliationRole
from network import services
from network.enums import StatementStatus
from network.models import Signature, Statement, StatementVersion
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    CoordinatorFactory,
    FacilitatorMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    StatementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TEXT = "Employers should open decent jobs to people with disabilities."


@pytest.fixture
def cop():
    return CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities", short_name="CoP-PwD"
    )


@pytest.fixture
def cop_member(cop):
    return MembershipFactory(community=cop, person__display_name="Vuthy Sok").person


@pytest.fixture
def cop_facilitator(cop):
    return FacilitatorMembershipFactory(community=cop, person__display_name="Norah Lay").person


@pytest.fixture
def draft(cop):
    return StatementFactory(community=cop, title="Decent work for all", text=TEXT)


@pytest.fixture
def open_statement(cop):
    return StatementFactory(community=cop, title="Decent work for all", text=TEXT, status=StatementStatus.OPEN)


def leader_of(name, **person):
    organisation = OrganisationFactory(name=name)
    return organisation, AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER, **person).person


# --- drafting ------------------------------------------------------------------------------------------------


def test_a_community_member_drafts_a_statement_as_version_one(client_for, cop, cop_member):
    response = client_for(cop_member).post(
        reverse("network:statement_create"), {"community": cop.pk, "title": "Decent work for all", "text": TEXT}
    )
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert (statement.community, statement.status, statement.created_by) == (cop, StatementStatus.DRAFT, cop_member)
    assert list(statement.versions.values_list("number", "text")) == [(1, TEXT)]


def test_a_member_outside_the_community_may_not_draft_for_it(client_for, cop):
    outsider = MembershipFactory(community=CommunityFactory()).person
    response = client_for(outsider).post(
        reverse("network:statement_create"), {"community": cop.pk, "title": "Not ours", "text": TEXT}
    )
    assert response.status_code == 200
    assert "community" in response.context["form"].errors
    assert not Statement.objects.exists()


def test_a_member_in_no_community_may_not_open_the_draft_form(member_client):
    assert member_client.get(reverse("network:statement_create")).status_code == 403


def test_each_save_is_a_version_and_two_versions_compare_word_by_word(client_for, draft, cop_member):
    client = client_for(cop_member)
    url = reverse("network:statement_update", args=[draft.pk])
    changed = TEXT.replace("decent jobs", "fair and decent jobs")
    assert client.post(url, {"title": draft.title, "text": changed, "base_version": 1}).status_code == 302
    # A second click of Save with the same text adds no version and is not a conflict.
    assert client.post(url, {"title": draft.title, "text": changed, "base_version": 1}).status_code == 302
    assert list(draft.versions.values_list("number", flat=True)) == [1, 2]
    response = client.get(reverse("network:statement_version_compare", args=[draft.pk]) + "?from=1&to=2")
    assert response.context["changes"] == [
        (
            "Text",
            [
                ("equal", "Employers should open"),
                ("insert", " fair and"),
                ("equal", " decent jobs to people with disabilities."),
            ],
        )
    ]
    assert "<ins> fair and</ins>" in response.content.decode()


def test_a_save_based_on_an_older_version_is_refused(client_for, draft, cop_member, cop_facilitator):
    services.statement_update(statement=draft, title=draft.title, text=TEXT + " Now.", base_version=1, by=cop_member)
    response = client_for(cop_facilitator).post(
        reverse("network:statement_update", args=[draft.pk]),
        {"title": draft.title, "text": TEXT + " Later.", "base_version": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone saved version 2 while you were writing. Open it, then make your change again."
    ]
    assert Statement.objects.get(pk=draft.pk).text == TEXT + " Now."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "Decent work", "text": "x" * 20_001}, "text"),
        ({"title": "x" * 201, "text": TEXT}, "title"),
        ({"title": "  ", "text": TEXT}, "title"),
        ({"title": "Decent\nwork", "text": TEXT}, "title"),
        ({"title": "Decent work", "text": TEXT, "base_version": "abc"}, "base_version"),
        ({"title": "Decent work", "text": TEXT, "base_version": "9" * 30}, "base_version"),
    ],
)
def test_bad_input_is_refused_on_its_field(client_for, draft, cop_member, data, field):
    response = client_for(cop_member).post(reverse("network:statement_update", args=[draft.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert draft.versions.count() == 1


def test_an_open_statement_can_no_longer_be_edited(client_for, open_statement, cop_member):
    url = reverse("network:statement_update", args=[open_statement.pk])
    assert client_for(cop_member).get(url).status_code == 403


def test_a_draft_is_seen_only_by_its_community_and_the_coordinators(client_for, draft, cop_member, member_client):
    assert client_for(cop_member).get(draft.get_absolute_url()).status_code == 200
    assert client_for(CoordinatorFactory()).get(draft.get_absolute_url()).status_code == 200
    assert member_client.get(draft.get_absolute_url()).status_code == 403
    assert draft.title not in member_client.get(reverse("network:statement_list")).content.decode()


# --- opening, signing, withdrawing ---------------------------------------------------------------------------


def test_only_the_communitys_facilitators_and_coordinators_open_it(client_for, draft, cop_member, cop_facilitator):
    url = reverse("network:statement_open", args=[draft.pk])
    assert client_for(cop_member).post(url).status_code == 403
    assert Statement.objects.get(pk=draft.pk).status == StatementStatus.DRAFT
    assert client_for(cop_facilitator).post(url).status_code == 302
    assert Statement.objects.get(pk=draft.pk).status == StatementStatus.OPEN


def test_a_leader_signs_for_their_organisation_once_even_when_clicking_twice(client_for, open_statement):
    idea, samphous = leader_of("IDEA")
    client = client_for(samphous)
    url = reverse("network:signature_create", args=[open_statement.pk])
    for _ in range(2):
        assert client.post(url, {"organisation": idea.pk, "comment": "For informal workers."}).status_code == 302
    assert list(Signature.objects.values_list("organisation__name", "signed_by", "comment")) == [
        ("IDEA", samphous.pk, "For informal workers.")
    ]
    assert Statement.objects.get(pk=open_statement.pk).signature_count == 1


def test_staff_who_do_not_lead_may_not_sign(client_for, open_statement):
    hac = OrganisationFactory(name="HelpAge Cambodia")
    staff = AffiliationFactory(organisation=hac, role=AffiliationRole.STAFF).person
    response = client_for(staff).post(
        reverse("network:signature_create", args=[open_statement.pk]), {"organisation": hac.pk}
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_a_leader_cannot_sign_for_an_organisation_they_do_not_lead(client_for, open_statement):
    idea, samphous = leader_of("IDEA")
    hac = OrganisationFactory(name="HelpAge Cambodia")
    client_for(samphous).post(reverse("network:signature_create", args=[open_statement.pk]), {"organisation": hac.pk})
    assert not Signature.objects.exists()
    with pytest.raises(Exception, match="Only a leader"):
        services.signature_create(statement=open_statement, organisation=hac, by=samphous)


def test_a_stakeholder_does_not_sign(open_statement):
    ilo = StakeholderFactory(name="International Labour Organization")
    person = AffiliationFactory(organisation=ilo, role=AffiliationRole.LEADER).person
    with pytest.raises(Exception, match="Only member organisations"):
        services.signature_create(statement=open_statement, organisation=ilo, by=person)


def test_a_base_version_in_khmer_digits_is_read_as_its_number_and_refused_as_stale(client_for, draft, cop_member):
    response = client_for(cop_member).post(
        reverse("network:statement_update", args=[draft.pk]),
        {"title": "Decent work", "text": TEXT, "base_version": "៣"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone saved version 1 while you were writing. Open it, then make your change again."
    ]
    assert draft.versions.count() == 1


def test_a_draft_cannot_be_signed(client_for, draft):
    idea, samphous = leader_of("IDEA")
    assert (
        client_for(samphous)
        .post(reverse("network:signature_create", args=[draft.pk]), {"organisation": idea.pk})
        .status_code
        == 403
    )
    with pytest.raises(Exception, match="not open for signatures"):
        services.signature_create(statement=draft, organisation=idea, by=samphous)


def test_a_huge_comment_is_refused_with_a_message(client_for, open_statement):
    idea, samphous = leader_of("IDEA")
    client = client_for(samphous)
    response = client.post(
        reverse("network:signature_create", args=[open_statement.pk]), {"organisation": idea.pk, "comment": "x" * 600}
    )
    assert response.status_code == 302
    assert not Signature.objects.exists()
    page = client.get(open_statement.get_absolute_url())
    assert "Ensure this value has at most 500 characters (it has 600)." in page.content.decode()


def test_a_leader_withdraws_while_open_and_may_sign_again(client_for, open_statement):
    idea, samphous = leader_of("IDEA")
    signature = services.signature_create(statement=open_statement, organisation=idea, by=samphous)
    url = reverse("network:signature_withdraw", args=[open_statement.pk, signature.pk])
    assert client_for(samphous).post(url).status_code == 302
    assert client_for(samphous).post(url).status_code == 302  # a second click changes nothing
    assert Statement.objects.get(pk=open_statement.pk).signature_count == 0
    again = services.signature_create(statement=open_statement, organisation=idea, by=samphous)
    assert again.pk != signature.pk
    assert Statement.objects.get(pk=open_statement.pk).signature_count == 1


def test_another_organisations_leader_may_not_withdraw_a_signature(client_for, open_statement):
    idea, samphous = leader_of("IDEA")
    _hac, other = leader_of("HelpAge Cambodia")
    signature = services.signature_create(statement=open_statement, organisation=idea, by=samphous)
    response = client_for(other).post(reverse("network:signature_withdraw", args=[open_statement.pk, signature.pk]))
    assert response.status_code == 403
    assert Signature.objects.get(pk=signature.pk).withdrawn_at is None


def test_no_withdrawal_after_closing(client_for, open_statement, cop_facilitator):
    idea, samphous = leader_of("IDEA")
    signature = services.signature_create(statement=open_statement, organisation=idea, by=samphous)
    services.statement_close(statement=open_statement, by=cop_facilitator)
    response = client_for(samphous).post(reverse("network:signature_withdraw", args=[open_statement.pk, signature.pk]))
    assert response.status_code == 403
    assert Signature.objects.get(pk=signature.pk).withdrawn_at is None


# --- publishing ----------------------------------------------------------------------------------------------


def test_publishing_emails_each_signing_leader_the_public_link_once(
    client_for, open_statement, cop_facilitator, django_capture_on_commit_callbacks, mailoutbox
):
    idea, samphous = leader_of("IDEA", person__email="samphous@idea.example")
    cfswf, malay = leader_of("CFSWF", person__email="malay@cfswf.example", person__language="km")
    hac, withdrawn = leader_of("HelpAge Cambodia", person__email="gone@hac.example")
    for organisation, person in ((idea, samphous), (cfswf, malay), (hac, withdrawn)):
        services.signature_create(statement=open_statement, organisation=organisation, by=person)
    services.signature_withdraw(signature=Signature.objects.get(organisation=hac), by=withdrawn)
    client = client_for(cop_facilitator)
    client.post(reverse("network:statement_close", args=[open_statement.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:statement_publish", args=[open_statement.pk]))
        client.post(reverse("network:statement_publish", args=[open_statement.pk]))  # a second click
    assert sorted(message.to[0] for message in mailoutbox) == ["malay@cfswf.example", "samphous@idea.example"]
    english = next(message for message in mailoutbox if message.to == ["samphous@idea.example"])
    assert english.subject == "Published: Decent work for all"
    assert f"{settings.SITE_URL}/statements/{open_statement.pk}/public/" in english.body
    assert "with 2 organisations signing it" in english.body
    assert Delivery.objects.filter(topic="statement", topic_id=open_statement.pk).count() == 2


def test_a_member_may_not_publish(client_for, cop_member, cop):
    closed = StatementFactory(community=cop, status=StatementStatus.CLOSED, signature_count=1)
    assert client_for(cop_member).post(reverse("network:statement_publish", args=[closed.pk])).status_code == 403
    assert Statement.objects.get(pk=closed.pk).status == StatementStatus.CLOSED


def test_a_statement_nobody_signed_is_not_published(client_for, cop, cop_facilitator):
    closed = StatementFactory(community=cop, status=StatementStatus.CLOSED)
    response = client_for(cop_facilitator).post(reverse("network:statement_publish", args=[closed.pk]), follow=True)
    assert "Nobody signed this statement" in response.content.decode()
    assert Statement.objects.get(pk=closed.pk).status == StatementStatus.CLOSED


def test_publishing_an_open_statement_is_refused(client_for, open_statement, cop_facilitator):
    client_for(cop_facilitator).post(reverse("network:statement_publish", args=[open_statement.pk]))
    assert Statement.objects.get(pk=open_statement.pk).status == StatementStatus.OPEN


def test_the_public_page_needs_no_sign_in_and_lists_the_signing_organisations(client, open_statement):
    idea, samphous = leader_of("IDEA")
    cfswf, malay = leader_of("CFSWF")
    services.signature_create(statement=open_statement, organisation=idea, by=samphous, comment="For informal workers.")
    services.signature_create(statement=open_statement, organisation=cfswf, by=malay)
    services.statement_close(statement=open_statement, by=None)
    services.statement_publish(statement=open_statement, by=None)
    response = client.get(reverse("network:statement_detail_public", args=[open_statement.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Signed by 2 organisations" in html
    assert html.index("IDEA") < html.index("CFSWF")
    assert "For informal workers." in html
    assert 'class="card print-view statement-public"' in html
    assert "Decent work for all" in client.get(reverse("network:statement_list")).content.decode()


@pytest.mark.parametrize("status", [StatementStatus.DRAFT, StatementStatus.OPEN, StatementStatus.CLOSED])
def test_only_a_published_statement_is_public(client, member_client, cop, status):
    statement = StatementFactory(community=cop, status=status, title="Not yet public")
    url = reverse("network:statement_detail_public", args=[statement.pk])
    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 404
    client.logout()
    assert "Not yet public" not in client.get(reverse("network:statement_list")).content.decode()
    assert client.get(statement.get_absolute_url()).status_code == 302  # members' page: sign in first


def test_print_css_leaves_out_the_menus():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".site-header, .main-nav, .site-footer" in print_rules[:200]
    assert ".no-print" in print_rules[:200]


# --- lists and pages stay flat -------------------------------------------------------------------------------


def test_the_statement_list_makes_as_many_queries_for_many_statements_as_for_one(member_client, cop):
    from tests.helpers import queries_for

    StatementFactory(community=cop, status=StatementStatus.OPEN)
    few = queries_for(member_client, reverse("network:statement_list"))
    for _ in range(35):
        StatementFactory(status=StatementStatus.PUBLISHED)
    assert queries_for(member_client, reverse("network:statement_list")) == few


@pytest.mark.parametrize("published", [False, True])
def test_statement_pages_make_as_many_queries_for_many_signatures_as_for_one(client_for, cop, published):
    from tests.helpers import queries_for

    statement = StatementFactory(community=cop, status=StatementStatus.OPEN)

    def sign():
        organisation, person = leader_of(f"Organisation {Signature.objects.count()}")
        services.signature_create(statement=statement, organisation=organisation, by=person)

    sign()
    viewer_org, viewer = leader_of("Viewer's organisation")
    client = client_for(viewer)
    if published:
        services.statement_close(statement=statement, by=None)
        services.statement_publish(statement=statement, by=None)
    url = statement.get_public_url() if published else statement.get_absolute_url()
    few = queries_for(client, url)
    Statement.objects.filter(pk=statement.pk).update(status=StatementStatus.OPEN)
    for _ in range(12):
        sign()
    Statement.objects.filter(pk=statement.pk).update(status=statement.status if not published else "published")
    assert queries_for(client, url) == few


def test_statement_versions_exist_for_each_save(draft, cop_member):
    services.statement_update(statement=draft, title="New title", text=TEXT, base_version=1, by=cop_member)
    assert list(StatementVersion.objects.filter(statement=draft).values_list("number", "title")) == [
        (1, "Decent work for all"),
        (2, "New title"),
    ]


def test_a_visitor_who_is_no_member_sees_nothing_but_the_public_list(client_for, open_statement):
    waiting = UserFactory(role="pending")
    assert client_for(waiting).get(open_statement.get_absolute_url()).status_code == 403


@pytest.mark.parametrize(
    "query", ["?from=abc&to=%00", "?from=99999999999999999999999&to=-1", "?from=២&to=១", "?page=x"]
)
def test_hostile_version_numbers_fall_back_to_real_versions(client_for, draft, cop_member, query):
    services.statement_update(statement=draft, title=draft.title, text=TEXT + " Now.", base_version=1, by=cop_member)
    response = client_for(cop_member).get(reverse("network:statement_version_compare", args=[draft.pk]) + query)
    assert response.status_code == 200
    assert {response.context["old"].number, response.context["new"].number} <= {1, 2}


def test_addresses_of_statements_that_do_not_exist_are_not_found(client, member_client):
    huge = "9" * 25
    assert client.get(f"/statements/{huge}/public/").status_code == 404
    assert member_client.get(f"/statements/{huge}/").status_code == 404
    assert member_client.get(f"/workplans/{huge}/").status_code == 404
    assert member_client.get(f"/workplans/{huge}/actions/{huge}/progress/").status_code == 404
