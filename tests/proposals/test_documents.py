"""Supporting documents: private, typed, for a line or an activity, seen by who may see the proposal."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.enums import DocumentKind
from proposals.models import SupportingDocument
from tests.factories import KeyActivityFactory

pytestmark = pytest.mark.django_db

LETTER = b"%PDF-1.4 letter of support from the provincial office"


def pdf(name="Letter.pdf", content=LETTER) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def list_url(proposal) -> str:
    return reverse("proposals:document_list", args=[proposal.pk])


@pytest.fixture
def quote(private_media, ready_proposal, author):
    line = ready_proposal.budget_lines.first()
    return services.document_add(
        proposal=ready_proposal,
        by=author,
        kind=DocumentKind.QUOTE,
        title="Quote for the hall",
        file=pdf("Hall quote.pdf"),
        budget_line=line,
    )


@pytest.fixture
def in_review(quote, ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    ready_proposal.refresh_from_db()
    return ready_proposal


class TestAdding:
    def test_a_quote_is_kept_privately_for_its_line(self, quote, private_media, ready_proposal):
        assert re.fullmatch(r"proposal-documents/[A-Za-z0-9_-]{32}\.pdf", quote.file.name)
        assert (private_media / quote.file.name).read_bytes() == LETTER
        assert quote.budget_line == ready_proposal.budget_lines.first()
        assert quote.get_kind_display() == "Quote"

    def test_a_co_author_uploads_through_the_page(self, private_media, ready_proposal, co_author):
        activity = ready_proposal.activities.first()
        response = signed_in(co_author).post(
            list_url(ready_proposal),
            {"kind": "mou", "title": "MoU with the radio station", "file": pdf(), "activity": activity.pk},
        )
        assert response.status_code == 302
        document = SupportingDocument.objects.get()
        assert (document.kind, document.title, document.activity, document.uploaded_by) == (
            "mou",
            "MoU with the radio station",
            activity,
            co_author,
        )

    def test_a_file_of_another_type_is_refused_and_nothing_is_stored(self, private_media, ready_proposal, author):
        response = signed_in(author).post(
            list_url(ready_proposal),
            {"kind": "other", "title": "Script", "file": SimpleUploadedFile("run.html", b"<html><script>")},
        )
        assert response.status_code == 200
        assert "A supporting document must be a PDF" in response.content.decode()
        assert not SupportingDocument.objects.exists()
        assert not (private_media / "proposal-documents").exists()

    def test_a_line_of_another_proposal_is_refused(self, private_media, ready_proposal, author):
        other = KeyActivityFactory()
        with pytest.raises(ValidationError) as refused:
            services.document_add(
                proposal=ready_proposal, by=author, kind="quote", title="Quote", file=pdf(), activity=other
            )
        assert refused.value.message_dict == {"activity": ["Choose one of this proposal's activities."]}
        assert not SupportingDocument.objects.exists()

    def test_an_empty_title_is_refused(self, private_media, ready_proposal, author):
        with pytest.raises(ValidationError) as refused:
            services.document_add(proposal=ready_proposal, by=author, kind="letter", title="  ", file=pdf())
        assert list(refused.value.message_dict) == ["title"]

    def test_no_document_is_added_while_the_proposal_is_in_review(self, in_review, author):
        with pytest.raises(ValidationError) as refused:
            services.document_add(proposal=in_review, by=author, kind="letter", title="Late letter", file=pdf())
        assert refused.value.code == "wrong_status"


class TestWhoMay:
    def test_a_member_of_the_community_reads_the_file(self, quote, cop_member):
        response = signed_in(cop_member).get(quote.get_file_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == LETTER
        assert response["Content-Disposition"] == 'inline; filename="Quote for the hall.pdf"'

    def test_a_member_outside_the_community_is_refused(self, quote, member):
        assert signed_in(member).get(quote.get_file_url()).status_code == 403
        assert signed_in(member).get(list_url(quote.proposal)).status_code == 403

    def test_the_assigned_reviewer_reads_it_and_sees_it_beside_the_review_form(self, in_review, quote, outsider):
        client = signed_in(outsider)
        assert client.get(quote.get_file_url()).status_code == 200
        page = client.get(reverse("proposals:review_submit", args=[in_review.pk])).content.decode()
        assert f'href="{quote.get_file_url()}"' in page

    def test_the_print_view_lists_it(self, quote, coordinator):
        page = signed_in(coordinator).get(reverse("proposals:budget_print", args=[quote.proposal_id]))
        assert "Quote for the hall" in page.content.decode()

    def test_a_community_member_who_is_not_a_co_author_cannot_upload(self, private_media, ready_proposal, cop_member):
        response = signed_in(cop_member).post(
            list_url(ready_proposal), {"kind": "other", "title": "Mine", "file": pdf()}
        )
        assert response.status_code == 403
        assert not SupportingDocument.objects.exists()

    def test_a_co_author_removes_it_and_its_file_while_drafting(
        self, quote, co_author, private_media, django_capture_on_commit_callbacks
    ):
        name = quote.file.name
        url = reverse("proposals:document_delete", args=[quote.proposal_id, quote.pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert signed_in(co_author).post(url).status_code == 302
        assert not SupportingDocument.objects.exists()
        assert not (private_media / name).exists()

    def test_nobody_removes_it_once_submitted(self, in_review, quote, author):
        url = reverse("proposals:document_delete", args=[quote.proposal_id, quote.pk])
        assert signed_in(author).post(url).status_code == 403
        assert SupportingDocument.objects.count() == 1

    def test_removing_twice_says_it_is_gone(self, quote, author):
        services.document_delete(document=quote, by=author)
        with pytest.raises(ValidationError, match="already removed"):
            services.document_delete(document=quote, by=author)
