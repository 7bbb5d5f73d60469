"""Numbers and dates of a proposal within bounds that fit their columns and their meaning, and pages that still
show what was written before the bounds."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from proposals import services
from proposals.enums import BudgetCategory, Currency
from proposals.models import BudgetLine, ExchangeRate, Expense
from tests.factories import BudgetLineFactory, KeyActivityFactory

pytestmark = pytest.mark.django_db


def line(proposal, author, **changes):
    fields = {
        "proposal": proposal,
        "by": author,
        "category": BudgetCategory.MATERIALS,
        "activity": None,
        "description": "Exhibition panels",
        "unit": "panel",
        "quantity": Decimal("20"),
        "unit_cost": Decimal("123000"),
        "currency": Currency.KHR,
        "rate": Decimal("4100"),
    }
    return services.budget_line_save(**(fields | changes))


class TestBudgetLines:
    def test_a_line_whose_total_overflows_is_refused_in_words(self, proposal, author):
        with pytest.raises(ValidationError) as refused:
            line(proposal, author, quantity=Decimal("9999999999.99"), unit_cost=Decimal("999999999999.99"))
        assert refused.value.message_dict == {
            "quantity": [
                "The line's total would be 9,999,999,999,989,900,000,000.00, more than the largest amount a budget "
                "holds (999,999,999,999.99)."
            ]
        }
        assert not BudgetLine.objects.exists()

    def test_a_tiny_rate_that_makes_the_line_too_large_in_the_calls_currency_is_refused(self, proposal, author):
        with pytest.raises(ValidationError) as refused:
            line(proposal, author, quantity=Decimal("1000000"), unit_cost=Decimal("1000"), rate=Decimal("0.000001"))
        assert refused.value.message_dict == {
            "quantity": [
                "The line's total in USD would be 1,000,000,000,000,000.00, more than the largest amount a budget "
                "holds (999,999,999,999.99)."
            ]
        }
        assert not BudgetLine.objects.exists() and not ExchangeRate.objects.exists()

    @pytest.mark.parametrize("rate", [Decimal("0.0000001"), Decimal("1000001")])
    def test_a_rate_out_of_bounds_is_refused(self, proposal, author, rate):
        with pytest.raises(ValidationError) as refused:
            services.exchange_rate_set(proposal=proposal, currency=Currency.KHR, rate=rate, by=author)
        assert refused.value.message_dict == {"rate": ["An exchange rate lies between 0.000001 and 1,000,000."]}

    def test_a_rate_at_which_an_existing_line_overflows_is_refused(self, proposal, author):
        line(proposal, author, quantity=Decimal("100"), unit_cost=Decimal("1000000000"))
        with pytest.raises(ValidationError) as refused:
            services.exchange_rate_set(proposal=proposal, currency=Currency.KHR, rate=Decimal("0.001"), by=author)
        assert list(refused.value.message_dict) == ["rate"]
        assert ExchangeRate.objects.get().rate == Decimal("4100")

    def test_the_form_refuses_an_amount_past_the_column(self, as_user, proposal, author):
        response = as_user(author).post(
            reverse("proposals:budget_detail", args=[proposal.pk]),
            {
                "category": "materials",
                "description": "Panels",
                "unit": "panel",
                "quantity": "1",
                "unit_cost": "9999999999999",
                "currency": "USD",
                "co_funding": "0",
            },
        )
        assert "Ensure that there are no more than 12 digits before the decimal point." in response.content.decode()
        assert not BudgetLine.objects.exists()


class TestAProposalHoldingAnOverflowingLine:
    """A line written before the bounds (or by hand) whose amount in the call's currency has 30 digits."""

    @pytest.fixture
    def overflowing(self, proposal):
        BudgetLineFactory(
            proposal=proposal,
            quantity=Decimal("9999999999.99"),
            unit_cost=Decimal("999999999999.99"),
            currency=Currency.KHR,
        )
        ExchangeRate.objects.create(proposal=proposal, currency=Currency.KHR, rate=Decimal("0.000001"))
        return proposal

    @pytest.mark.parametrize(
        "name",
        [
            "proposal_detail",
            "budget_detail",
            "budget_export_csv",
            "budget_export_xlsx",
            "budget_print",
            "proposal_submit",
        ],
    )
    def test_its_pages_still_open(self, as_user, overflowing, author, name):
        assert as_user(author).get(reverse(f"proposals:{name}", args=[overflowing.pk])).status_code == 200

    def test_its_line_can_still_be_deleted_from_the_page(self, as_user, overflowing, author):
        doomed = overflowing.budget_lines.get()
        as_user(author).post(reverse("proposals:budget_line_delete", args=[overflowing.pk, doomed.pk]))
        assert not BudgetLine.objects.exists()


class TestActivities:
    def activity(self, proposal, author, starts_on, ends_on):
        return services.activity_save(
            proposal=proposal,
            by=author,
            title="Performance",
            description="",
            starts_on=starts_on,
            ends_on=ends_on,
            place="",
            responsible_organisation=None,
            expected_outputs="",
        )

    def window(self, proposal):
        return services.activity_window(proposal.call)

    def test_the_window_runs_from_the_calls_opening_to_three_years_after_its_deadline(self, proposal):
        call = proposal.call
        opens = timezone.localtime(call.opens_at, call.zone).date()
        closes = timezone.localtime(call.closes_at, call.zone).date()
        assert self.window(proposal) == (opens, closes.replace(year=closes.year + 3))

    @pytest.mark.parametrize(
        "dates", ["before the call", "after the window", "in 9999"], ids=["before", "after", "9999"]
    )
    def test_an_activity_outside_the_window_is_refused(self, proposal, author, dates):
        earliest, latest = self.window(proposal)
        day = {
            "before the call": earliest - datetime.timedelta(days=1),
            "after the window": latest + datetime.timedelta(days=1),
            "in 9999": datetime.date(9999, 12, 31),
        }[dates]
        with pytest.raises(ValidationError) as refused:
            self.activity(proposal, author, day, day)
        assert list(refused.value.message_dict) == ["starts_on", "ends_on"][: len(refused.value.message_dict)]
        assert refused.value.message_dict["starts_on"] == [
            f"Choose a date from {earliest:%-d %B %Y} to {latest:%-d %B %Y}."
        ]
        assert not proposal.activities.exists()

    def test_an_activity_over_more_than_a_year_is_refused(self, proposal, author):
        earliest, _latest = self.window(proposal)
        with pytest.raises(ValidationError) as refused:
            self.activity(proposal, author, earliest, earliest + datetime.timedelta(days=366))
        assert refused.value.message_dict == {
            "ends_on": ["A key activity lasts at most a year; split a longer one into several."]
        }

    def test_the_form_shows_the_window_in_the_date_picker(self, as_user, proposal, author):
        earliest, latest = self.window(proposal)
        html = as_user(author).get(reverse("proposals:activity_list", args=[proposal.pk])).content.decode()
        assert f'min="{earliest.isoformat()}"' in html and f'max="{latest.isoformat()}"' in html


class TestExpenses:
    @pytest.fixture
    def approved(self, ready_proposal, author, coordinator, outsider):
        services.proposal_submit(proposal=ready_proposal, by=author)
        services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")

    def expense(self, approved, author, **changes):
        fields = {
            "proposal": approved,
            "line": approved.baseline_lines.get(description="Exhibition panels"),
            "by": author,
            "spent_on": timezone.localdate(),
            "amount": Decimal("2542000"),
            "currency": "KHR",
            "rate": Decimal("4100"),
            "description": "20 panels",
        }
        return services.expense_record(**(fields | changes))

    def test_an_expense_dated_years_before_approval_is_refused(self, approved, author):
        with pytest.raises(ValidationError) as refused:
            self.expense(approved, author, spent_on=datetime.date(2019, 5, 1))
        approval = services.expense_earliest(approved)
        assert refused.value.message_dict == {
            "spent_on": [f"The project was approved on {approval:%-d %B %Y}; an expense cannot be dated before that."]
        }

    def test_an_expense_too_large_in_the_calls_currency_is_refused_and_leaves_no_file(
        self, approved, author, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        receipt = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        with pytest.raises(ValidationError) as refused:
            self.expense(approved, author, amount=Decimal("999999999999.99"), rate=Decimal("0.5"), receipt=receipt)
        assert list(refused.value.message_dict) == ["rate"]
        assert not Expense.objects.exists()
        assert [path for path in tmp_path.rglob("*") if path.is_file()] == []

    def test_a_receipt_is_removed_when_the_row_cannot_be_written(
        self, approved, author, settings, tmp_path, monkeypatch
    ):
        settings.MEDIA_ROOT = tmp_path

        def refuse(*args, **kwargs):
            raise RuntimeError("the database went away")

        receipt = SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        monkeypatch.setattr(Expense, "save_base", refuse)
        with pytest.raises(RuntimeError):
            self.expense(approved, author, receipt=receipt)
        assert [path for path in tmp_path.rglob("*") if path.is_file()] == []

    def test_the_form_offers_only_days_from_approval_to_today(self, as_user, approved, author, coordinator):
        services.proposal_start_implementation(proposal=approved, by=author)
        html = as_user(author).get(reverse("proposals:expense_create", args=[approved.pk])).content.decode()
        earliest = services.expense_earliest(approved)
        assert f'min="{earliest.isoformat()}"' in html and f'max="{timezone.localdate().isoformat()}"' in html


class TestAProposalHoldingActivitiesOverCenturies:
    """Activities written before their dates were bounded, from year 1 to 9999, still give a small page."""

    @pytest.fixture
    def centuries(self, proposal):
        KeyActivityFactory(proposal=proposal, starts_on=datetime.date(1, 1, 1), ends_on=datetime.date(9999, 12, 31))
        KeyActivityFactory(proposal=proposal, starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 3, 2))
        return proposal

    @pytest.mark.parametrize(
        "name", ["proposal_detail", "activity_list", "budget_detail", "budget_print", "version_list"]
    )
    def test_its_pages_open_and_stay_small(self, as_user, centuries, author, name):
        response = as_user(author).get(reverse(f"proposals:{name}", args=[centuries.pk]))
        assert response.status_code == 200
        assert len(response.content) < 100_000

    def test_the_timeline_draws_at_most_48_lines(self, centuries):
        from proposals.charts import timeline_chart

        chart = timeline_chart(centuries.activities.all())
        assert 0 < len(chart["month_lines"]) <= 48
        assert chart["last"] == datetime.date(9999, 12, 31)
