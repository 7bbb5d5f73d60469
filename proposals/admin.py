from django.contrib import admin

from members.admin import CoordinatorAdmin

from .models import (
    BaselineLine,
    BudgetLine,
    BudgetRevision,
    Call,
    CallSection,
    Expense,
    Proposal,
    ReportDue,
    ReviewAssignment,
    ReviewCriterion,
)


class CallSectionInline(admin.TabularInline):
    model = CallSection
    extra = 0


class ReviewCriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(CoordinatorAdmin):
    list_display = ["title", "opens_at", "closes_at", "budget_ceiling", "currency"]
    search_fields = ["title"]
    filter_horizontal = ["eligible_communities"]
    inlines = [CallSectionInline, ReviewCriterionInline]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["category", "description", "unit", "quantity", "unit_cost", "currency", "co_funding"]


@admin.register(Proposal)
class ProposalAdmin(CoordinatorAdmin):
    """Read-mostly: the workflow's steps happen on the site, through their services."""

    list_display = ["title", "community", "call", "status", "updated_at"]
    list_filter = ["status", "call", "community"]
    search_fields = ["title", "summary"]
    readonly_fields = ["status", "version", "submitted_at", "decided_at", "created_by"]
    filter_horizontal = ["authors", "stakeholders"]
    inlines = [BudgetLineInline]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(CoordinatorAdmin):
    list_display = ["proposal", "reviewer", "assigned_at", "due_on", "submitted_at"]
    list_filter = ["proposal__call"]


@admin.register(Expense)
class ExpenseAdmin(CoordinatorAdmin):
    list_display = [
        "proposal",
        "spent_on",
        "description",
        "amount",
        "currency",
        "amount_in_call_currency",
        "check_status",
    ]
    list_filter = ["proposal__call", "currency", "check_status"]


@admin.register(BaselineLine)
class BaselineLineAdmin(CoordinatorAdmin):
    list_display = ["proposal", "description", "category", "approved_amount", "revised_amount"]
    list_filter = ["proposal__call", "category"]


@admin.register(BudgetRevision)
class BudgetRevisionAdmin(CoordinatorAdmin):
    """Read-mostly: requests and decisions happen on the site, through their services."""

    list_display = ["proposal", "status", "number", "requested_at", "decided_at"]
    list_filter = ["status", "proposal__call"]
    readonly_fields = ["status", "number", "based_on", "decided_at", "decided_by"]


@admin.register(ReportDue)
class ReportDueAdmin(CoordinatorAdmin):
    list_display = ["proposal", "kind", "period_starts", "period_ends", "due_on", "report"]
    list_filter = ["kind", "proposal__call"]
