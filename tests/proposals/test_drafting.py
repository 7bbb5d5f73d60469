"""Starting and writing a proposal together: the lock, versions, co-authors, activities and budget lines."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.cache import ATTRIBUTE as CACHE_ATTRIBUTE
from proposals import services
from proposals.enums import ProposalStatus
from proposals.models import BudgetLine, ExchangeRate, Proposal
from proposals.services.drafting import EditConflict
from tests.factories import (
    BudgetLineFactory,
    CallFactory,
    CommunityFactory,
    KeyActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def text(proposal, **changes):
    fields = {
        "title": proposal.title,
        "summary": proposal.summary,
        "problem": proposal.problem,
        "objectives": proposal.objectives,
        "rightsholders": proposal.rightsholders,
        "expected_reach": proposal.expected_reach,
        "risks": proposal.risks,
        "section_answers": dict(proposal.section_answers),
        "stakeholders": list(proposal.stakeholders.all()),
    }
    return fields | changes


class TestStart:
    def test_a_member_starts_a_draft_and_is_its_first_co_author(self, call, cop_ip, author):
        proposal = services.proposal_create(call=call, community=cop_ip, title=" Kuy voices ", by=author)
        assert (proposal.title, proposal.status, proposal.version) == ("Kuy voices", ProposalStatus.DRAFT, 1)
        assert list(proposal.authors.all()) == [author]
        assert proposal.versions.get().number == 1

    def test_only_members_of_an_eligible_community_may_start_one(self, call, cop_ip, outsider):
        with pytest.raises(ValidationError) as refused:
            services.proposal_create(call=call, community=cop_ip, title="Mine", by=outsider)
        assert refused.value.message_dict == {"community": ["Only members of CoP-IP may start its proposals."]}
        other = CommunityFactory(short_name="CoP-X")
        MembershipFactory(community=other, person=outsider)
        with pytest.raises(ValidationError) as refused:
            services.proposal_create(call=call, community=other, title="Mine", by=outsider)
        assert refused.value.message_dict == {"community": ["CoP-X may not propose to this call."]}
        assert not Proposal.objects.exists()

    def test_not_after_the_call_closed(self, cop_ip, author):
        closed = CallFactory(
            opens_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            closes_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC),
            eligible_communities=[cop_ip],
        )
        with pytest.raises(ValidationError, match="not open"):
            services.proposal_create(call=closed, community=cop_ip, title="Late", by=author)


class TestSavingTheText:
    def test_each_save_is_a_new_version(self, proposal, author):
        saved = services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, summary="New."))
        assert (saved.version, saved.summary) == (2, "New.")
        version = saved.versions.get(number=2)
        assert (version.saved_by, version.content["fields"]["summary"]) == (author, "New.")

    def test_saving_nothing_new_makes_no_version(self, proposal, author):
        saved = services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal))
        assert saved.version == 1
        assert saved.versions.count() == 1

    def test_a_stale_save_after_someone_changed_the_text_is_a_conflict_with_both_texts(
        self, proposal, author, co_author
    ):
        services.proposal_update(proposal=proposal, by=co_author, base_version=1, **text(proposal, summary="Theirs."))
        with pytest.raises(EditConflict) as conflict:
            services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, summary="Mine."))
        assert conflict.value.theirs["summary"] == "Theirs."
        assert conflict.value.yours["summary"] == "Mine."
        assert conflict.value.conflicts == ["summary"]
        assert conflict.value.saved_by == co_author
        proposal.refresh_from_db()
        assert (proposal.summary, proposal.version) == ("Theirs.", 2)

    def test_the_conflict_merges_changes_to_different_fields(self, proposal, author, co_author):
        services.proposal_update(proposal=proposal, by=co_author, base_version=1, **text(proposal, problem="Theirs."))
        with pytest.raises(EditConflict) as conflict:
            services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, risks="Mine."))
        assert (conflict.value.merged["problem"], conflict.value.merged["risks"]) == ("Theirs.", "Mine.")
        assert conflict.value.conflicts == []

    def test_a_stale_form_saves_when_the_text_is_back_to_what_it_started_from(self, proposal, author, co_author):
        original = proposal.summary
        services.proposal_update(proposal=proposal, by=co_author, base_version=1, **text(proposal, summary="Oops."))
        services.proposal_update(proposal=proposal, by=co_author, base_version=2, **text(proposal, summary=original))
        saved = services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, risks="Rain."))
        assert (saved.risks, saved.summary, saved.version) == ("Rain.", original, 4)

    def test_no_edit_after_submission(self, proposal, author):
        Proposal.objects.filter(pk=proposal.pk).update(
            status=ProposalStatus.SUBMITTED, submitted_at=datetime.datetime(2024, 3, 1, 3, tzinfo=datetime.UTC)
        )
        with pytest.raises(ValidationError) as refused:
            services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, summary="Late"))
        assert refused.value.messages == [
            "This proposal was submitted on 1 March 2024, 10:00 and is now submitted; it can no longer be edited."
        ]

    def test_stakeholders_come_from_the_register(self, proposal, author, stakeholder):
        ngo = OrganisationFactory(name="Not a stakeholder")
        with pytest.raises(ValidationError) as refused:
            services.proposal_update(proposal=proposal, by=author, base_version=1, **text(proposal, stakeholders=[ngo]))
        assert refused.value.message_dict == {"stakeholders": ["Not in the stakeholder register: Not a stakeholder."]}
        saved = services.proposal_update(
            proposal=proposal, by=author, base_version=1, **text(proposal, stakeholders=[stakeholder])
        )
        assert list(saved.stakeholders.all()) == [stakeholder]


class TestCoAuthors:
    def test_co_authors_come_from_the_communitys_active_members(self, proposal, author, cop_member, outsider):
        services.proposal_add_author(proposal=proposal, person=cop_member, by=author)
        assert proposal.authors.filter(pk=cop_member.pk).exists()
        with pytest.raises(ValidationError) as refused:
            services.proposal_add_author(proposal=proposal, person=outsider, by=author)
        assert refused.value.message_dict == {
            "person": ["Co-authors come from CoP-IP; Bopha Ros is not an active member of it."]
        }

    def test_the_last_co_author_cannot_leave(self, proposal, author, co_author):
        services.proposal_remove_author(proposal=proposal, person=co_author, by=author)
        with pytest.raises(ValidationError, match="at least one co-author"):
            services.proposal_remove_author(proposal=proposal, person=author, by=author)


class TestActivities:
    def test_an_activity_ends_on_or_after_it_starts(self, proposal, author):
        day = timezone.localdate() + datetime.timedelta(days=60)
        with pytest.raises(ValidationError) as refused:
            services.activity_save(
                proposal=proposal,
                by=author,
                title="Performance",
                description="",
                starts_on=day,
                ends_on=day - datetime.timedelta(days=1),
                place="",
                responsible_organisation=None,
                expected_outputs="",
            )
        assert refused.value.message_dict == {"ends_on": ["The activity must end on or after the day it starts."]}
        activity = services.activity_save(
            proposal=proposal,
            by=author,
            title="Performance",
            description="",
            starts_on=day,
            ends_on=day,
            place="Preah Vihear",
            responsible_organisation=None,
            expected_outputs="",
        )
        assert activity.days == 1

    def test_deleting_an_activity_keeps_its_budget_lines(self, proposal, author):
        activity = KeyActivityFactory(proposal=proposal)
        line = BudgetLineFactory(proposal=proposal, activity=activity)
        services.activity_delete(activity=activity, by=author)
        line.refresh_from_db()
        assert line.activity is None


def line_fields(**changes):
    fields = {
        "category": "venue",
        "activity": None,
        "description": "Hall",
        "unit": "day",
        "quantity": Decimal("1"),
        "unit_cost": Decimal("150.00"),
        "currency": "USD",
        "co_funding": Decimal("0"),
        "co_funding_source": "",
    }
    return fields | changes


class TestBudgetLines:
    def test_a_line_in_the_calls_currency(self, proposal, author):
        line = services.budget_line_save(proposal=proposal, by=author, **line_fields())
        assert (line.total, line.requested, line.position) == (Decimal("150.00"), Decimal("150.00"), 1)

    @pytest.mark.parametrize(
        ("changes", "errors"),
        [
            ({"quantity": Decimal("0")}, {"quantity": ["The quantity must be more than zero."]}),
            ({"quantity": Decimal("-2")}, {"quantity": ["The quantity must be more than zero."]}),
            ({"unit_cost": Decimal("0")}, {"unit_cost": ["The unit cost must be more than zero."]}),
            ({"unit_cost": Decimal("-5")}, {"unit_cost": ["The unit cost must be more than zero."]}),
            (
                {"currency": "XYZ"},
                {"currency": ["XYZ is not a currency we know. Choose one of: USD, KHR, EUR, THB, VND, GBP, AUD."]},
            ),
            (
                {"co_funding": Decimal("-1")},
                {"co_funding": ["Co-funding cannot be negative; leave it at 0 when there is none."]},
            ),
            ({"co_funding": Decimal("200")}, {"co_funding": ["Co-funding cannot be more than the line's total."]}),
            ({"co_funding": Decimal("50")}, {"co_funding_source": ["Say who pays the co-funding."]}),
        ],
    )
    def test_bad_input_is_refused_with_a_message_and_nothing_saved(self, proposal, author, changes, errors):
        with pytest.raises(ValidationError) as refused:
            services.budget_line_save(proposal=proposal, by=author, **line_fields(**changes))
        assert refused.value.message_dict == errors
        assert not BudgetLine.objects.exists()

    def test_a_line_in_another_currency_needs_a_rate_and_can_bring_it(self, proposal, author):
        khr = line_fields(currency="KHR", unit_cost=Decimal("20500"), quantity=Decimal("100"))
        with pytest.raises(ValidationError) as refused:
            services.budget_line_save(proposal=proposal, by=author, **khr)
        assert refused.value.message_dict == {
            "rate": ["There is no exchange rate for KHR on this proposal yet. Enter how many KHR make 1 USD."]
        }
        with pytest.raises(ValidationError) as refused:
            services.budget_line_save(proposal=proposal, by=author, rate=Decimal("-4100"), **khr)
        assert "must be more than zero" in refused.value.message_dict["rate"][0]
        assert not BudgetLine.objects.exists() and not ExchangeRate.objects.exists()
        services.budget_line_save(proposal=proposal, by=author, rate=Decimal("4100"), **khr)
        assert ExchangeRate.objects.get(proposal=proposal).rate == Decimal("4100")
        services.budget_line_save(proposal=proposal, by=author, **khr)
        assert proposal.budget_lines.count() == 2

    def test_the_rate_is_never_for_the_calls_own_currency(self, proposal, author):
        with pytest.raises(ValidationError) as refused:
            services.exchange_rate_set(proposal=proposal, currency="USD", rate=Decimal("1"), by=author)
        assert refused.value.message_dict == {"currency": ["USD is the call's currency; it needs no rate."]}
        rate = services.exchange_rate_set(proposal=proposal, currency="KHR", rate=Decimal("4050"), by=author)
        assert (rate.currency, rate.rate, rate.set_by) == ("KHR", Decimal("4050"), author)

    def test_lines_cannot_change_after_submission(self, proposal, author):
        line = BudgetLineFactory(proposal=proposal)
        Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.UNDER_REVIEW)
        with pytest.raises(ValidationError, match="can no longer be edited"):
            services.budget_line_save(proposal=proposal, by=author, line=line, **line_fields(unit_cost=Decimal("1")))
        with pytest.raises(ValidationError, match="can no longer be edited"):
            services.budget_line_delete(line=line, by=author)
        line.refresh_from_db()
        assert line.unit_cost == Decimal("100.00")

    def test_an_activity_of_another_proposal_is_refused(self, proposal, author):
        elsewhere = KeyActivityFactory()
        with pytest.raises(ValidationError) as refused:
            services.budget_line_save(proposal=proposal, by=author, **line_fields(activity=elsewhere))
        assert refused.value.message_dict == {"activity": ["Choose one of this proposal's activities."]}


def test_stand_in_users_do_not_leak_between_tests():
    # The rules cache a person's proposals on the user object; a fresh object asks again.
    person = UserFactory()
    assert not hasattr(person, CACHE_ATTRIBUTE)
