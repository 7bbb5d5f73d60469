"""Receipts and report photos: kept outside the public media root and given only to who may see the spending."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from common.storage import is_inside
from proposals import services
from proposals.models import Expense, ReportPhoto

pytestmark = pytest.mark.django_db

RECEIPT = b"%PDF-1.4 receipt of the hall"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def funded(private_media, ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    ready_proposal.refresh_from_db()
    approved = services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")
    services.proposal_start_implementation(proposal=approved, by=author)
    return approved


@pytest.fixture
def expense(funded, author):
    return services.expense_record(
        proposal=funded,
        line=funded.baseline_lines.first(),
        by=author,
        spent_on=datetime.date.today(),
        amount=Decimal("10"),
        currency="USD",
        rate=None,
        description="Hall deposit",
        receipt=SimpleUploadedFile("Hall receipt.pdf", RECEIPT, content_type="application/pdf"),
    )


@pytest.fixture
def photo(funded, author):
    services.report_submit(
        proposal=funded,
        by=author,
        kind="progress",
        period="March",
        narrative="Went well.",
        progress={},
        photos=[(SimpleUploadedFile("Stage of the Kuy performance.png", png_bytes(), content_type="image/png"), "")],
    )
    return ReportPhoto.objects.get(report__proposal=funded)


def receipt_url(expense: Expense) -> str:
    return reverse("proposals:receipt_download", args=[expense.proposal_id, expense.pk])


def photo_url(photo: ReportPhoto) -> str:
    return reverse("proposals:photo_download", args=[photo.report.proposal_id, photo.pk])


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


class TestReceipts:
    def test_is_stored_privately_under_an_unguessable_name(self, expense, private_media, settings):
        name = expense.receipt.name
        assert re.fullmatch(r"receipts/[A-Za-z0-9_-]{32}\.pdf", name)  # nothing left of "Hall receipt"
        assert (private_media / name).read_bytes() == RECEIPT
        assert not is_inside(private_media / name, settings.MEDIA_ROOT)

    def test_a_member_of_the_proposing_community_reads_it(self, expense, cop_member):
        response = signed_in(cop_member).get(receipt_url(expense))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == RECEIPT
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'inline; filename="receipt-{expense.pk}.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"

    def test_a_member_outside_the_community_is_refused(self, expense, member):
        assert signed_in(member).get(receipt_url(expense)).status_code == 403

    def test_anonymous_people_are_sent_to_sign_in(self, expense):
        response = Client().get(receipt_url(expense))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_the_spending_page_links_to_the_checked_view(self, expense, cop_member):
        page = signed_in(cop_member).get(reverse("proposals:expense_list", args=[expense.proposal_id]))
        assert f'href="{receipt_url(expense)}"' in page.content.decode()
        assert expense.receipt.url == receipt_url(expense)

    def test_behind_nginx_the_answer_is_empty_and_names_the_internal_location(self, expense, cop_member, settings):
        settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
        response = signed_in(cop_member).get(receipt_url(expense))
        assert response.status_code == 200
        assert response.content == b""
        assert response["X-Accel-Redirect"] == f"/protected/{expense.receipt.name}"
        assert response["Content-Type"] == "application/pdf"

    def test_behind_nginx_a_refused_person_gets_no_header(self, expense, member, settings):
        settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
        response = signed_in(member).get(receipt_url(expense))
        assert response.status_code == 403 and "X-Accel-Redirect" not in response


class TestReportPhotos:
    def test_is_stored_privately_under_an_unguessable_name(self, photo, private_media):
        name = photo.image.name
        assert re.fullmatch(r"report-photos/[A-Za-z0-9_-]{32}\.png", name)
        assert (private_media / name).read_bytes() == png_bytes()

    def test_a_member_of_the_proposing_community_sees_it(self, photo, cop_member):
        response = signed_in(cop_member).get(photo_url(photo))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == f'inline; filename="photo-{photo.pk}.png"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"

    def test_a_member_outside_the_community_is_refused(self, photo, member):
        assert signed_in(member).get(photo_url(photo)).status_code == 403

    def test_anonymous_people_are_sent_to_sign_in(self, photo):
        response = Client().get(photo_url(photo))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_a_photo_of_another_proposal_is_not_found_through_this_one(self, photo, expense, cop_member, call):
        from tests.factories import ProposalFactory

        other = ProposalFactory(call=call, community=expense.proposal.community, authors=[cop_member])
        url = reverse("proposals:photo_download", args=[other.pk, photo.pk])
        assert signed_in(cop_member).get(url).status_code in (403, 404)
