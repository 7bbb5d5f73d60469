"""Budget arithmetic, scoring and differences: pure functions over rows already loaded."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from proposals.charts import spending_chart, timeline_chart
from proposals.domain.budget import Spending, spending_report, summarise
from proposals.domain.money import convert, format_money, line_total, percent, quantize
from proposals.domain.scoring import score_table, weighted_total
from proposals.domain.versions import compare, difference, form_values, merge, narrative


def line(category, quantity, unit_cost, currency, co_funding="0", activity=None):
    return SimpleNamespace(
        category=category,
        quantity=Decimal(quantity),
        unit_cost=Decimal(unit_cost),
        currency=currency,
        co_funding=Decimal(co_funding),
        total=line_total(Decimal(quantity), Decimal(unit_cost)),
        activity=activity,
    )


def activity(pk, title, day):
    return SimpleNamespace(pk=pk, title=title, starts_on=datetime.date(2024, 3, day))


class TestMoney:
    def test_rounds_half_up_to_the_cent(self):
        assert quantize(Decimal("0.125")) == Decimal("0.13")
        assert quantize(Decimal("0.135")) == Decimal("0.14")
        assert quantize(Decimal("-0.125")) == Decimal("-0.13")

    def test_line_total_is_quantity_times_unit_cost_rounded(self):
        assert line_total(Decimal("2.5"), Decimal("0.33")) == Decimal("0.83")

    def test_riel_converts_to_dollars_at_the_rate_set_by_hand(self):
        assert convert(Decimal("2050000"), Decimal("4100")) == Decimal("500.00")
        assert convert(Decimal("1000"), Decimal("4100")) == Decimal("0.24")

    def test_percent_and_format(self):
        assert percent(Decimal("620"), Decimal("600")) == Decimal("103.3")
        assert percent(Decimal("1"), Decimal("0")) is None
        assert format_money(Decimal("2460000"), "KHR") == "2,460,000 KHR"
        assert format_money(None) == "—"

    @pytest.mark.parametrize("language", ["en", "km"])
    def test_money_is_grouped_with_a_comma_and_riel_has_no_cents_in_both_languages(self, language):
        with translation.override(language):
            assert format_money(Decimal("5000"), "USD") == "5,000.00 USD"
            assert format_money(Decimal("1234567.5"), "USD") == "1,234,567.50 USD"
            assert format_money(Decimal("1250000"), "KHR") == "1,250,000 KHR"
            assert format_money(Decimal("1250000.50"), "KHR") == "1,250,001 KHR"
            assert format_money(Decimal("1250000"), "KHR", with_code=False) == "1,250,000"
            assert format_money(Decimal("-99.5")) == "-99.50"


class TestBudgetSummary:
    def test_totals_per_category_activity_and_overall_in_the_calls_currency(self):
        performance, exhibition = activity(1, "Performance", 1), activity(2, "Exhibition", 5)
        lines = [
            line("venue", "1", "150.00", "USD", activity=performance),
            line("materials", "100", "20500", "KHR", activity=exhibition),
            line("communication", "10", "20.00", "USD", co_funding="100.00", activity=performance),
            line("administration", "1", "60.00", "USD"),
        ]
        summary = summarise(lines=lines, rates={"KHR": Decimal("4100")}, currency="USD", ceiling=Decimal("5000"))
        assert [(label, a.cost, a.requested) for label, a in summary.by_category] == [
            ("Venue", Decimal("150.00"), Decimal("150.00")),
            ("Materials and supplies", Decimal("500.00"), Decimal("500.00")),
            ("Communication and media", Decimal("200.00"), Decimal("100.00")),
            ("Administration", Decimal("60.00"), Decimal("60.00")),
        ]
        assert [(label, a.requested) for label, a in summary.by_activity] == [
            ("Performance", Decimal("250.00")),
            ("Exhibition", Decimal("500.00")),
            ("Not linked to an activity", Decimal("60.00")),
        ]
        assert (summary.overall.cost, summary.overall.co_funding, summary.overall.requested) == (
            Decimal("910.00"),
            Decimal("100.00"),
            Decimal("810.00"),
        )
        assert summary.left_under_ceiling == Decimal("4190.00")
        assert summary.problems() == []

    def test_a_currency_without_a_rate_is_left_out_and_named(self):
        summary = summarise(
            lines=[line("venue", "1", "100", "USD"), line("meals", "10", "20500", "KHR")],
            rates={},
            currency="USD",
            ceiling=Decimal("5000"),
        )
        assert summary.overall.requested == Decimal("100.00")
        assert summary.missing_rates == ["KHR"]
        assert summary.lines[1].in_call_currency is None
        assert summary.problems() == ["Set the exchange rate for KHR: how many KHR make 1 USD."]

    def test_over_the_ceiling_says_by_how_much(self):
        summary = summarise(
            lines=[line("personnel", "3", "1743.40", "USD")], rates={}, currency="USD", ceiling=Decimal("5000")
        )
        assert summary.over_ceiling == Decimal("230.20")
        assert summary.problems() == [
            "The budget asks for 5,230.20 USD, 230.20 USD over the call's ceiling of 5,000.00 USD. "
            "Reduce it by 230.20 USD before submitting."
        ]

    def test_an_empty_budget_cannot_be_submitted(self):
        summary = summarise(lines=[], rates={}, currency="USD", ceiling=Decimal("5000"))
        assert summary.problems() == ["The budget has no lines yet."]


class TestSpending:
    def test_budget_against_actual_per_line_category_and_overall(self):
        baseline = [
            SimpleNamespace(
                category="venue", description="Hall", approved_amount=Decimal("200.00"), spent=Decimal("200")
            ),
            SimpleNamespace(
                category="materials", description="Panels", approved_amount=Decimal("600.00"), spent=Decimal("620")
            ),
            SimpleNamespace(category="materials", description="Pens", approved_amount=Decimal("50.00"), spent=None),
        ]
        report = spending_report(baseline_lines=baseline, currency="USD")
        materials = report.categories[1]
        assert (materials.label, materials.approved, materials.spent, materials.variance) == (
            "Materials and supplies",
            Decimal("650.00"),
            Decimal("620.00"),
            Decimal("30.00"),
        )
        assert materials.percent_spent == Decimal("95.4")
        assert [row.label for row in report.overspent] == ["Panels"]
        assert (report.overall.approved, report.overall.spent, report.overall.percent_spent) == (
            Decimal("850.00"),
            Decimal("820.00"),
            Decimal("96.5"),
        )

    def test_chart_puts_the_largest_amount_at_full_width(self):
        chart = spending_chart(
            [Spending("Venue", Decimal("200"), Decimal("100")), Spending("Panels", Decimal("400"), Decimal("480"))]
        )
        assert [(bar.approved_width, bar.spent_width) for bar in chart.get("bars")] == [(200.0, 100.0), (400.0, 480.0)]


class TestTimeline:
    def test_bars_sit_where_their_dates_fall_in_the_months_shown(self):
        first = SimpleNamespace(starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 3, 1), days=1)
        second = SimpleNamespace(starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2024, 4, 30), days=30)
        chart = timeline_chart([first, second])
        assert (chart["first"], chart["last"]) == (datetime.date(2024, 3, 1), datetime.date(2024, 4, 30))
        # 61 days across 480 units: April starts at day 31.
        assert [(row.x, row.width) for row in chart["rows"]] == [(0.0, 7.9), (243.9, 236.1)]
        assert chart["month_lines"] == [243.9]

    def test_no_activities_no_chart(self):
        assert timeline_chart([]) is None


class TestScoring:
    criteria = [SimpleNamespace(pk=1, weight=60, max_score=5), SimpleNamespace(pk=2, weight=40, max_score=5)]

    def test_weighted_total_is_a_percentage_of_the_best_score(self):
        assert weighted_total({1: 5, 2: 5}, self.criteria) == Decimal("100.0")
        assert weighted_total({1: 4, 2: 2}, self.criteria) == Decimal("64.0")
        assert weighted_total({1: 4}, self.criteria) is None

    def test_table_of_scores_with_averages(self):
        def assignment(scores):
            return SimpleNamespace(
                scores=SimpleNamespace(
                    all=lambda: [SimpleNamespace(criterion_id=k, score=v) for k, v in scores.items()]
                )
            )

        table = score_table(
            criteria=self.criteria, assignments=[assignment({1: 4, 2: 2}), assignment({1: 5, 2: 3}), assignment({})]
        )
        assert [row.total for row in table.rows] == [Decimal("64.0"), Decimal("84.0"), None]
        assert table.averages == [Decimal("4.5"), Decimal("2.5")]
        assert table.average_total == Decimal("74.0")


class TestVersions:
    def content(self, summary="A performance.", answer="Elders choose.", stakeholders=((7, "ILO"),)):
        return narrative(
            title="Kuy voices",
            fields={"summary": summary, "problem": "", "expected_reach": 300},
            sections=[(3, "Who leads?", answer)],
            stakeholders=list(stakeholders),
        )

    def test_word_by_word_difference_keeps_every_word_and_groups_nearby_changes(self):
        segments = difference(
            "A performance of Kuy-speaking people and an exhibition on Kuy culture.",
            "A performance of Kuy-speaking people, followed by a <b>reflection</b>.",
        )
        assert segments == [
            ("equal", "A performance of Kuy-speaking "),
            ("delete", "people and an exhibition on Kuy culture."),
            ("insert", "people, followed by a <b>reflection</b>."),
        ]
        assert difference("Same.", "Same.") == [("equal", "Same.")]
        assert difference("", "New.") == [("insert", "New.")]

    def test_lists_compare_line_by_line_and_a_new_last_line_leaves_the_old_one_alone(self):
        assert difference("Hall\nPanels", "Hall\nPanels\nMeals", by_line=True) == [
            ("equal", "Hall\nPanels\n"),
            ("insert", "Meals\n"),
        ]

    def test_compare_names_the_changed_parts(self):
        parts = compare(self.content(), self.content(summary="A performance and an exhibition."))
        assert [part.label for part in parts if part.changed] == ["Summary"]

    def test_merge_takes_each_sides_changes_and_names_fields_both_changed(self):
        base = form_values(self.content())
        theirs = form_values(self.content(summary="Theirs.", stakeholders=((7, "ILO"), (8, "BBC"))))
        yours = form_values(self.content(answer="Youth choose."))
        merged, conflicts = merge(base=base, theirs=theirs, yours=yours)
        assert (merged["summary"], merged["section_3"], merged["stakeholders"], conflicts) == (
            "Theirs.",
            "Youth choose.",
            [7, 8],
            [],
        )
        merged, conflicts = merge(base=base, theirs=theirs, yours=form_values(self.content(summary="Mine.")))
        assert (merged["summary"], conflicts) == ("Mine.", ["summary"])
