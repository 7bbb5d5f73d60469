"""Enquiries between members about what their social enterprises offer, and the replies that answer them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.mail import mail_people, register_kind
from common.markup import check_markdown
from members.enums import AffiliationRole
from members.models import Offer, Organisation, User

from ..enums import NotificationKind
from ..models import Enquiry, EnquiryMessage
from ..models.trade import MESSAGE_MAX
from .notifications import notify

# A second press of "Send" within this time, with the same words, is the same message: the first one is kept.
RESEND_WINDOW = timedelta(minutes=1)

ENQUIRY_MAIL = register_kind("enquiry", label=gettext_lazy("Enquiry between members"))
TOPIC = "network.enquiry"


def leaders_of(organisation: Organisation):
    """The active members who lead the organisation: they receive its enquiries. A read; no side effects."""
    return User.objects.network_members().filter(
        affiliations__organisation=organisation, affiliations__role=AffiliationRole.LEADER
    )


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    check_markdown(body, field="body")
    if len(body) > MESSAGE_MAX:
        raise ValidationError(
            {
                "body": _("Keep the message under %(limit)s characters; it has %(count)s.")
                % {"limit": MESSAGE_MAX, "count": len(body)}
            }
        )
    return body


def _tell(*, people, enquiry: Enquiry, message: EnquiryMessage, by: User, kind: str, template: str) -> None:
    people = [person for person in people if person.pk != by.pk]
    notify(recipients=people, kind=kind, actor=by, enquiry=enquiry)
    mail_people(
        people,
        template=template,
        context={
            "enquiry": enquiry,
            "offer_title": enquiry.subject,
            "organisation_name": enquiry.organisation.name,
            "from_name": enquiry.from_organisation.name if enquiry.from_organisation_id else "",
            "author_name": by.name,
            "body": message.body,
            "url": settings.SITE_URL + enquiry.get_absolute_url(),
        },
        kind=ENQUIRY_MAIL,
        topic=(TOPIC, enquiry.pk),
    )


@transaction.atomic
def enquiry_send(*, offer: Offer, by: User, body: str, from_organisation: Organisation | None = None) -> Enquiry:
    """Ask an organisation about one of its listings.

    Writes the Enquiry and its first EnquiryMessage; notifies each leader of the organisation in the portal
    and, after commit, by e-mail (one ledger row each). The same person sending the same words about the same
    offer within a minute (a double click, a resent form) gets the enquiry already sent, and nobody is told
    twice: the offer's row is locked while this is checked, so two requests at once give one enquiry too.
    Raises ValidationError for an empty or too long message, an organisation the sender does not work for,
    or an enquiry to the sender's own organisation.
    """
    body = _clean_body(body)
    if from_organisation is not None and not by.affiliations.filter(organisation=from_organisation).exists():
        raise ValidationError({"from_organisation": _("You can only write on behalf of an organisation you work for.")})
    if from_organisation is not None and from_organisation.pk == offer.organisation_id:
        raise ValidationError({"from_organisation": _("This is your own organisation's listing.")})
    now = timezone.now()
    Offer.objects.select_for_update().filter(pk=offer.pk).first()
    sent = (
        Enquiry.objects.filter(
            offer=offer,
            author=by,
            created_at__gte=now - RESEND_WINDOW,
            messages__author=by,
            messages__body=body,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if sent is not None:
        return sent
    enquiry = Enquiry.objects.create(
        offer=offer,
        subject=offer.title,
        organisation=offer.organisation,
        author=by,
        from_organisation=from_organisation,
        created_at=now,
        last_message_at=now,
    )
    message = EnquiryMessage.objects.create(enquiry=enquiry, author=by, body=body, created_at=now)
    _tell(
        people=list(leaders_of(offer.organisation)),
        enquiry=enquiry,
        message=message,
        by=by,
        kind=NotificationKind.ENQUIRY,
        template="enquiry_received",
    )
    return enquiry


@transaction.atomic
def enquiry_reply(*, enquiry: Enquiry, by: User, body: str) -> EnquiryMessage:
    """Answer in an enquiry's thread: its author, or a leader of the organisation asked.

    Writes an EnquiryMessage and the enquiry's last_message_at; notifies the other side (the author, or the
    organisation's leaders, and the other leaders) in the portal and, after commit, by e-mail. The same person
    writing the same words in the thread within a minute gets the message already posted, and nobody is told
    twice (the enquiry's row is locked first, so two requests at once give one message too).
    Raises ValidationError for an empty or too long message or a person who is not part of the thread.
    """
    body = _clean_body(body)
    enquiry = (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("offer", "organisation", "from_organisation")
        .get(pk=enquiry.pk)
    )
    leaders = list(leaders_of(enquiry.organisation))
    if by.pk != enquiry.author_id and by.pk not in {leader.pk for leader in leaders}:
        raise ValidationError(_("Only the person who asked and the organisation's leaders write in this thread."))
    now = timezone.now()
    posted = (
        enquiry.messages.filter(author=by, body=body, created_at__gte=now - RESEND_WINDOW)
        .order_by("-created_at", "-pk")
        .first()
    )
    if posted is not None:
        return posted
    message = EnquiryMessage.objects.create(enquiry=enquiry, author=by, body=body, created_at=now)
    Enquiry.objects.filter(pk=enquiry.pk).update(last_message_at=now)
    _tell(
        people=[enquiry.author, *leaders],
        enquiry=enquiry,
        message=message,
        by=by,
        kind=NotificationKind.ENQUIRY_REPLY,
        template="enquiry_replied",
    )
    return message
