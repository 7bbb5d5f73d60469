"""Joint statements: drafting in versions, sign-on by member organisations, closing and publishing."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail import mail_people
from common.markup import check_markdown
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus

from ..enums import StatementStatus
from ..models import Signature, Statement, StatementVersion


def _clean_text(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").replace("\r\n", "\n").strip()
    errors = {}
    if not title:
        errors["title"] = _("This cannot be empty.")
    if not text:
        errors["text"] = _("This cannot be empty.")
    if errors:
        raise ValidationError(errors)
    check_markdown(text, field="text")
    return title, text


def _locked(statement: Statement) -> Statement:
    return Statement.objects.select_for_update().get(pk=statement.pk)


@transaction.atomic
def statement_create(*, community, title: str, text: str, by) -> Statement:
    """Start a draft statement for a community, saved as its version 1.

    Writes a Statement and a StatementVersion; no e-mail. Raises ValidationError on an empty title or text,
    or a text over the length limit.
    """
    title, text = _clean_text(title, text)
    statement = Statement(community=community, title=title, text=text, created_by=by)
    statement.full_clean()
    statement.save()
    StatementVersion.objects.create(statement=statement, number=1, title=title, text=text, saved_by=by)
    return statement


@transaction.atomic
def statement_update(*, statement: Statement, title: str, text: str, base_version: int, by) -> Statement:
    """Save a new version of a draft. A save based on an older version than the latest is refused, so nobody
    overwrites a co-author's change unseen; a save that changes nothing (a second click) adds no version.

    Writes the Statement and a StatementVersion. Raises ValidationError when the statement is no longer a
    draft, the text is empty or too long, or someone saved a newer version since base_version.
    """
    statement = _locked(statement)
    if statement.status != StatementStatus.DRAFT:
        raise ValidationError(_("Only a draft can be edited."))
    title, text = _clean_text(title, text)
    latest = statement.versions.order_by("-number").first()
    if latest and latest.title == title and latest.text == text:
        return statement
    if latest and base_version != latest.number:
        raise ValidationError(
            _("Someone saved version %(number)s while you were writing. Open it, then make your change again.")
            % {"number": latest.number}
        )
    statement.title, statement.text = title, text
    statement.full_clean()
    statement.save(update_fields=["title", "text", "text_html"])
    StatementVersion.objects.create(
        statement=statement, number=(latest.number if latest else 0) + 1, title=title, text=text, saved_by=by
    )
    return statement


_MOVES = {
    "open": (StatementStatus.DRAFT, StatementStatus.OPEN, "opened_at"),
    "close": (StatementStatus.OPEN, StatementStatus.CLOSED, "closed_at"),
    "publish": (StatementStatus.CLOSED, StatementStatus.PUBLISHED, "published_at"),
}


def _move(statement: Statement, move: str) -> Statement:
    before, after, stamp = _MOVES[move]
    statement = _locked(statement)
    if statement.status == after:
        return statement  # a second click
    if statement.status != before:
        raise ValidationError(
            _("A statement that is “%(status)s” cannot be moved this way.")
            % {"status": StatementStatus(statement.status).label}
        )
    statement.status = after
    setattr(statement, stamp, timezone.now())
    statement.save(update_fields=["status", stamp])
    return statement


@transaction.atomic
def statement_open(*, statement: Statement, by) -> Statement:
    """Open a draft for sign-on by member organisations. Writes the Statement's status; no e-mail.
    Raises ValidationError when it is not a draft."""
    return _move(statement, "open")


@transaction.atomic
def statement_close(*, statement: Statement, by) -> Statement:
    """Close sign-on. Writes the Statement's status; no e-mail. Raises ValidationError when it is not open."""
    return _move(statement, "close")


@transaction.atomic
def statement_publish(*, statement: Statement, by) -> Statement:
    """Publish a closed statement on its public page and send its link to every leader who signed it.

    Writes the Statement's status; queues one e-mail per signatory (common.mail, one ledger row each, sent
    after commit). Raises ValidationError when it is not closed or nobody signed it.
    """
    current = _locked(statement)
    if current.status == StatementStatus.CLOSED and current.signature_count == 0:
        raise ValidationError(_("Nobody signed this statement: open it again or keep it as it is."))
    was_published = current.status == StatementStatus.PUBLISHED
    statement = _move(current, "publish")
    if not was_published:
        signers = {
            signature.signed_by_id: signature.signed_by
            for signature in statement.signatures.active().select_related("signed_by")
            if signature.signed_by is not None
        }
        mail_people(
            signers.values(),
            template="statement_published",
            context={"statement": statement, "public_url": settings.SITE_URL + statement.get_public_url()},
            topic=("statement", statement.pk),
        )
    return statement


@transaction.atomic
def signature_create(*, statement: Statement, organisation, by, comment: str = "") -> Signature:
    """Sign an open statement for an organisation `by` leads. One signature per organisation: a second
    click returns the signature already given.

    Writes a Signature and the statement's signature count; no e-mail. Raises ValidationError when the
    statement is not open, `by` does not lead the organisation, or it is not an active member organisation.
    """
    statement = _locked(statement)
    if statement.status != StatementStatus.OPEN:
        raise ValidationError(_("This statement is not open for signatures."))
    if organisation.status != OrganisationStatus.ACTIVE or organisation.kind == OrganisationKind.STAKEHOLDER:
        raise ValidationError({"organisation": _("Only member organisations of the network sign statements.")})
    if not organisation.affiliations.filter(person=by, role=AffiliationRole.LEADER).exists():
        raise ValidationError({"organisation": _("Only a leader of the organisation signs for it.")})
    existing = statement.signatures.active().filter(organisation=organisation).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            signature = Signature(statement=statement, organisation=organisation, signed_by=by, comment=comment.strip())
            signature.full_clean(exclude=["statement", "organisation", "signed_by"])
            signature.save()
    except IntegrityError:  # the statement's row lock makes this unlikely; the constraint makes it impossible
        return statement.signatures.active().get(organisation=organisation)
    Statement.objects.filter(pk=statement.pk).update(signature_count=F("signature_count") + 1)
    return signature


@transaction.atomic
def signature_withdraw(*, signature: Signature, by) -> Signature:
    """Take an organisation's signature back while the statement is open; it stays in the history.

    Writes the Signature's withdrawal time and the statement's count; no e-mail. Raises ValidationError
    when the statement is no longer open. Withdrawing twice changes nothing the second time.
    """
    statement = _locked(signature.statement)
    if statement.status != StatementStatus.OPEN:
        raise ValidationError(_("Signatures can be withdrawn only while the statement is open."))
    updated = Signature.objects.filter(pk=signature.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    if updated:
        Statement.objects.filter(pk=statement.pk).update(signature_count=F("signature_count") - 1)
    signature.refresh_from_db()
    return signature
