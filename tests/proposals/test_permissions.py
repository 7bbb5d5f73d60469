"""Every page and button: a person who may, and a person who may not (403), in the state the page is for."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from proposals import services
from proposals.models import ReportPhoto

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def draft(ready_proposal):
    return ready_proposal


@pytest.fixture
def in_review(ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    ready_proposal.refresh_from_db()
    return ready_proposal


@pytest.fixture
def approved(in_review, coordinator):
    return services.proposal_approve(proposal=in_review, by=coordinator, message="Yes.")


@pytest.fixture
def funded(approved, author):
    services.proposal_start_implementation(proposal=approved, by=author)
    services.expense_record(
        proposal=approved,
        line=approved.baseline_lines.first(),
        by=author,
        spent_on=datetime.date.today(),
        amount=Decimal("10"),
        currency="USD",
        rate=None,
        description="Hall deposit",
        receipt=SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", content_type="application/pdf"),
    )
    services.report_submit(
        proposal=approved,
        by=author,
        kind="progress",
        period="March",
        narrative="Went well.",
        progress={},
        photos=[(png(), "The stage")],
    )
    approved.refresh_from_db()
    return approved


def expense_pk(proposal):
    return proposal.expenses.get().pk


def photo_pk(proposal):
    return ReportPhoto.objects.get(report__proposal=proposal).pk


# name, state fixture, extra url args, method, who may (and the status they get), who may not.
# In the review and later states, "outsider" is the assigned reviewer, who may read the whole proposal.
CASES = [
    ("proposal_list", None, None, "get", "member", 200, "pending_user"),
    ("call_list", None, None, "get", "member", 200, "pending_user"),
    ("call_detail", "call", "slug", "get", "member", 200, "pending_user"),
    ("call_create", None, None, "get", "coordinator", 200, "member"),
    ("call_update", "call", "slug", "get", "coordinator", 200, "member"),
    ("call_extend", "call", "slug", "get", "coordinator", 200, "member"),
    ("proposal_create", "call", "slug", "get", "cop_member", 200, "outsider"),
    ("proposal_detail", "draft", None, "get", "cop_member", 200, "outsider"),
    ("proposal_update", "draft", None, "get", "author", 200, "cop_member"),
    ("author_list", "draft", None, "get", "cop_member", 200, "outsider"),
    (
        "author_remove",
        "draft",
        lambda p: [p.authors.get(email="norah@llc.example").pk],
        "post",
        "author",
        302,
        "cop_member",
    ),
    ("activity_list", "draft", None, "get", "cop_member", 200, "outsider"),
    ("activity_update", "draft", lambda p: [p.activities.get().pk], "get", "author", 200, "cop_member"),
    ("activity_delete", "draft", lambda p: [p.activities.get().pk], "post", "author", 302, "cop_member"),
    ("version_list", "draft", None, "get", "cop_member", 200, "outsider"),
    ("version_compare", "draft", None, "get", "cop_member", 200, "outsider"),
    ("version_detail", "draft", lambda p: [1], "get", "cop_member", 200, "outsider"),
    ("budget_detail", "draft", None, "get", "cop_member", 200, "outsider"),
    ("budget_line_update", "draft", lambda p: [p.budget_lines.first().pk], "get", "author", 200, "cop_member"),
    ("budget_line_delete", "draft", lambda p: [p.budget_lines.first().pk], "post", "author", 302, "cop_member"),
    ("exchange_rate_set", "draft", None, "post", "author", 200, "cop_member"),
    ("budget_export_csv", "draft", None, "get", "cop_member", 200, "outsider"),
    ("budget_export_xlsx", "draft", None, "get", "coordinator", 200, "outsider"),
    ("budget_print", "draft", None, "get", "cop_member", 200, "outsider"),
    ("proposal_submit", "draft", None, "get", "author", 200, "cop_member"),
    ("proposal_withdraw", "draft", None, "get", "author", 200, "cop_member"),
    ("reviewer_list", "in_review", None, "get", "coordinator", 200, "author"),
    ("reviewer_remove", "in_review", lambda p: [p.review_assignments.get().pk], "post", "coordinator", 302, "author"),
    ("review_submit", "in_review", None, "get", "outsider", 200, "member"),
    ("proposal_decide", "in_review", None, "get", "coordinator", 200, "author"),
    ("proposal_start", "approved", None, "post", "author", 302, "cop_member"),
    ("proposal_complete", "funded", None, "get", "coordinator", 200, "author"),
    ("expense_list", "funded", None, "get", "cop_member", 200, "member"),
    ("expense_create", "funded", None, "get", "author", 200, "cop_member"),
    ("receipt_download", "funded", lambda p: [expense_pk(p)], "get", "cop_member", 200, "member"),
    ("expense_correct", "funded", lambda p: [expense_pk(p)], "get", "author", 200, "cop_member"),
    ("expense_void", "funded", lambda p: [expense_pk(p)], "get", "coordinator", 200, "cop_member"),
    ("report_list", "funded", None, "get", "coordinator", 200, "member"),
    ("report_create", "funded", None, "get", "author", 200, "coordinator"),
    ("photo_download", "funded", lambda p: [photo_pk(p)], "get", "cop_member", 200, "member"),
]


def url_for(request, name, state, extra):
    if state is None:
        return reverse(f"proposals:{name}")
    obj = request.getfixturevalue(state)
    if extra == "slug":
        return reverse(f"proposals:{name}", args=[obj.slug])
    return reverse(f"proposals:{name}", args=[obj.pk, *(extra(obj) if extra else [])])


@pytest.mark.parametrize(
    ("name", "state", "extra", "method", "allowed", "status", "denied"), CASES, ids=[c[0] for c in CASES]
)
def test_who_may_and_who_may_not(request, client, name, state, extra, method, allowed, status, denied):
    url = url_for(request, name, state, extra)
    allowed_user, denied_user = request.getfixturevalue(allowed), request.getfixturevalue(denied)
    client.force_login(denied_user)
    assert getattr(client, method)(url).status_code == 403
    client.force_login(allowed_user)
    assert getattr(client, method)(url).status_code == status


@pytest.mark.parametrize("name", ["proposal_list", "call_list"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(f"proposals:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


class TestWhoSeesWhat:
    def test_other_members_see_only_the_summary_of_a_funded_proposal(self, client, member, approved):
        client.force_login(member)
        response = client.get(reverse("proposals:proposal_detail", args=[approved.pk]))
        assert [t.name for t in response.templates][0] == "proposals/proposal_summary.html"
        assert client.get(reverse("proposals:budget_detail", args=[approved.pk])).status_code == 403
        assert client.get(reverse("proposals:expense_list", args=[approved.pk])).status_code == 403

    def test_other_members_do_not_see_drafts_or_proposals_in_review(self, client, member, in_review):
        client.force_login(member)
        assert client.get(reverse("proposals:proposal_detail", args=[in_review.pk])).status_code == 403
        listed = client.get(reverse("proposals:proposal_list")).context["page"].object_list
        assert list(listed) == []

    def test_reviewers_see_what_they_were_assigned(self, client, outsider, in_review, draft):
        client.force_login(outsider)
        assert client.get(reverse("proposals:budget_detail", args=[in_review.pk])).status_code == 200
        listed = client.get(reverse("proposals:proposal_list")).context["page"].object_list
        assert list(listed) == [in_review]

    def test_coordinators_see_everything(self, client, coordinator, draft):
        client.force_login(coordinator)
        assert list(client.get(reverse("proposals:proposal_list")).context["page"].object_list) == [draft]
        assert client.get(reverse("proposals:budget_detail", args=[draft.pk])).status_code == 200

    def test_the_submit_page_sends_back_a_proposal_already_submitted(self, client, author, in_review):
        client.force_login(author)
        response = client.get(reverse("proposals:proposal_submit", args=[in_review.pk]))
        assert response.status_code == 302

    def test_authors_edit_only_drafts_and_revisions(self, client, author, in_review):
        client.force_login(author)
        response = client.get(reverse("proposals:proposal_update", args=[in_review.pk]))
        assert response.status_code == 302
        assert (
            client.get(
                reverse("proposals:budget_line_update", args=[in_review.pk, in_review.budget_lines.first().pk])
            ).status_code
            == 200
        )
        assert (
            client.post(
                reverse("proposals:budget_line_delete", args=[in_review.pk, in_review.budget_lines.first().pk])
            ).status_code
            == 403
        )
