"""Every write about people, roles and invitations."""

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.mail import deliver_to_address, mail_people, render_message

from ..enums import AffiliationRole, DigestFrequency, Role
from ..mail import INVITATION
from ..models import Affiliation, ExpertiseTag, Invitation, SignupNote, User

INVITATION_SALT = "members.invitation"
logger = logging.getLogger(__name__)


def user_approve(*, user: User, by: User) -> User:
    """Let a person who signed up in see members' content.

    Writes the User's role, approved_at and approved_by; after commit, a welcome e-mail to the person.
    Raises ValidationError when the person is not waiting for approval.
    """
    if user.role != Role.PENDING:
        raise ValidationError(_("%(name)s is not waiting for approval.") % {"name": user.name})
    user.role = Role.MEMBER
    user.approved_at = timezone.now()
    user.approved_by = by
    user.save(update_fields=["role", "approved_at", "approved_by"])
    mail_people(
        [user],
        template="account_approved",
        context={"user": user, "login_url": settings.SITE_URL + reverse("account_login")},
    )
    return user


def signup_note_save(*, person: User, display_name: str, organisation_name: str, position: str, reason: str):
    """Keep what a person wrote when signing up (their name on the account, the rest for the coordinators).

    Writes the User's display name and the person's SignupNote; no e-mail.
    """
    if display_name.strip():
        person.display_name = display_name.strip()
        person.save(update_fields=["display_name"])
    note, _created = SignupNote.objects.update_or_create(
        person=person,
        defaults={"organisation_name": organisation_name.strip(), "position": position.strip(), "reason": reason},
    )
    return note


def user_decline(*, user: User, by: User) -> None:
    """Turn down a sign-up that waits for approval: the account is deactivated, not deleted.

    Writes User.is_active; no e-mail. Raises ValidationError when the person is not waiting for approval.
    """
    if user.role != Role.PENDING:
        raise ValidationError(_("%(name)s is not waiting for approval.") % {"name": user.name})
    user.is_active = False
    user.save(update_fields=["is_active"])


def user_update_preferences(
    *, user: User, display_name: str, language: str, time_zone: str, digest_frequency: str | None = None
) -> User:
    """Save a person's display name, language, time zone and digest frequency.

    Writes those User fields; no e-mail. Raises ValidationError on a value the model refuses.
    """
    user.display_name = display_name
    user.language = language
    user.time_zone = time_zone
    if digest_frequency is not None:
        user.digest_frequency = digest_frequency
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["display_name", "language", "time_zone", "digest_frequency"])
    return user


def user_set_language(*, user: User, language: str) -> User:
    """Keep the language a person chose in the page header as their preference (for pages and e-mails).

    Raises ValidationError for a language the portal does not offer.
    """
    user.language = language
    user.clean_fields(exclude=[field.name for field in User._meta.fields if field.name != "language"])
    user.save(update_fields=["language"])
    return user


def digest_unsubscribe(*, user: User) -> User:
    """Stop the e-mail digest (the one-click link in every digest). Writes User.digest_frequency."""
    user.digest_frequency = DigestFrequency.OFF
    user.save(update_fields=["digest_frequency"])
    return user


@transaction.atomic
def person_update_profile(*, person: User, bio: str, languages: str, phone: str, expertise: list[str]) -> User:
    """Save a person's public profile. Expertise is a list of names; new ones become tags.

    Writes the User's bio, languages, phone and expertise, and an ExpertiseTag row for each new name.
    """
    person.bio = bio
    person.languages = ", ".join(part.strip() for part in languages.split(",") if part.strip())
    person.phone = phone
    person.save(update_fields=["bio", "languages", "phone"])
    person.expertise.set(expertise_tags_for(expertise))
    return person


def expertise_tags_for(names: list[str]):
    """The expertise tags for these names, in order. Writes an ExpertiseTag row for each new name."""
    tags = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        slug = slugify(name)[:50]
        if not slug:
            continue
        tag, _created = ExpertiseTag.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
        tags.append(tag)
    return tags


def invitation_token(invitation: Invitation) -> str:
    """The signed token in an invitation's link. No side effects."""
    return signing.dumps({"i": invitation.pk, "n": invitation.token_nonce}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    """The full address of an invitation's accept page. No side effects."""
    return settings.SITE_URL + reverse("members:invitation_accept", args=[invitation_token(invitation)])


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, used or not; None for a link that was never valid or was replaced.

    A read; no side effects.
    """
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Invitation.objects.select_related("invited_by").filter(pk=data.get("i"), token_nonce=data.get("n")).first()


def _queue_invitation_mail(invitation: Invitation) -> None:
    from ..tasks import invitation_send_task

    def queue():
        try:
            invitation_send_task.delay(invitation_id=invitation.pk)
        except Exception:  # noqa: BLE001 - a broker that is down must not fail the page; the mail sweep catches up
            logger.warning("Could not queue invitation %s", invitation.pk, exc_info=True)

    transaction.on_commit(queue)


@transaction.atomic
def invitation_create(
    *,
    email: str,
    by: User,
    display_name: str = "",
    role: str = Role.MEMBER,
    message: str = "",
    organisation=None,
    position: str = "",
    organisation_role: str = AffiliationRole.STAFF,
) -> Invitation:
    """Invite a person by e-mail, to the network and, when an organisation is named, to its staff in the
    role given (leader or staff); the person is listed there only if they accept.

    Writes an Invitation with a fresh token; after commit, queues invitation_send_task for the e-mail.
    Raises ValidationError when the address has an account or an open invitation, or the role is unknown.
    """
    if organisation_role not in AffiliationRole.values:
        raise ValidationError({"organisation_role": _("Choose a role in the organisation.")})
    if organisation is None:
        position, organisation_role = "", AffiliationRole.STAFF
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Someone with this e-mail address already has an account.")})
    if Invitation.objects.usable().filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This address already has an open invitation. Send it again from the invitations list.")}
        )
    invitation = Invitation.objects.create(
        email=email,
        display_name=display_name,
        role=role,
        message=message,
        organisation=organisation,
        position=position,
        organisation_role=organisation_role,
        invited_by=by,
        token_nonce=secrets.token_urlsafe(32),
    )
    _queue_invitation_mail(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """Send a fresh link with a new expiry. Earlier links stop working.

    Writes the Invitation's token, expiry and clears revoked/renewal marks; after commit, queues
    invitation_send_task. Raises ValidationError when it was accepted or the address has an account.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Someone with this e-mail address already has an account."))
    invitation.token_nonce = secrets.token_urlsafe(32)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.revoked_at = None
    invitation.renewal_requested_at = None
    invitation.save(update_fields=["token_nonce", "expires_at", "revoked_at", "renewal_requested_at"])
    _queue_invitation_mail(invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Withdraw an invitation; its link stops working. Writes Invitation.revoked_at; no e-mail.

    Raises ValidationError when it was already accepted.
    """
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_send(*, invitation: Invitation, claim: str) -> bool:
    """Send the invitation e-mail, once per link, and record when (run by invitation_send_task).
    Returns whether it went now; a failure stays in the delivery log and is retried.

    Side effects: a Delivery row and one e-mail to the invitee; writes Invitation.sent_at once sent.
    """
    result = deliver_to_address(
        address=invitation.email,
        occasion=f"invitation:{invitation.pk}:{invitation.token_nonce}",
        kind=INVITATION,
        topic=("members.invitation", invitation.pk),
        claim=claim,
        build=lambda: render_message(
            "invitation",
            to=invitation.email,
            context={"invitation": invitation, "accept_url": invitation_url(invitation)},
            language=invitation.invited_by.language,
        ),
    )
    if result.sent:
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return bool(result.sent)


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, password: str, display_name: str, join_organisation: bool = True
) -> User:
    """Redeem an invitation: create the account with a verified e-mail address.

    Accepting is the person's consent to be listed at the organisation the invitation names, in its role;
    with join_organisation false they take the account only. The row is locked, so a double submit or two
    tabs create one account. Writes the User, a verified EmailAddress, the Affiliation (when consented),
    and the accepted Invitation.
    Raises ValidationError when it is used, withdrawn or expired, the address has an account, or the password is weak.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at:
        raise ValidationError(_("This invitation was withdrawn."))
    if invitation.is_expired:
        raise ValidationError(_("This invitation has expired."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Someone with this e-mail address already has an account."))
    user = User(
        email=invitation.email,
        display_name=display_name or invitation.display_name,
        role=invitation.role,
        approved_at=timezone.now(),
        approved_by=invitation.invited_by,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if invitation.organisation_id and join_organisation:
        Affiliation.objects.create(
            person=user,
            organisation=invitation.organisation,
            position=invitation.position,
            role=invitation.organisation_role,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def invitation_request_renewal(*, invitation: Invitation) -> None:
    """The invitee asks for a new link; nothing happens if it was accepted or already asked.

    Writes Invitation.renewal_requested_at; after commit, one e-mail to the inviter.
    """
    if invitation.accepted_at or invitation.renewal_requested_at:
        return
    invitation.renewal_requested_at = timezone.now()
    invitation.save(update_fields=["renewal_requested_at"])
    mail_people(
        [invitation.invited_by],
        template="invitation_renewal_requested",
        context={
            "invitation": invitation,
            "invitations_url": settings.SITE_URL + reverse("members:invitation_list"),
        },
    )
