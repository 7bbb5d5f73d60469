"""Every write on the challenge board: challenges, replies, votes, follows and moderation (agenda links: agenda.py)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.fragments import touch
from common.markup import check_markdown_fields

from ..enums import ChallengeStatus, NotificationKind
from ..models import Attachment, Challenge, Follow, HelpfulVote, Reply, Report
from ..visibility import challenge_visible_to
from .notifications import mentioned_people, notify

# The fragments showing challenges and replies (the dashboard's) are computed again after every change here.
BOARD = "board"


def _require_author_who_sees(post, *, challenge: Challenge, by) -> None:
    """Refuse a change to a post by anyone but its author, and by its author once they may no longer see
    the challenge (they left its community). Asked in the service, so a form opened before is refused too.
    """
    if post.author_id != by.pk or not challenge_visible_to(challenge, by):
        raise ValidationError(_("Only its author may change this post, while they may still see the challenge."))


def _check_text(**texts) -> None:
    errors = {field: _("This cannot be empty.") for field, value in texts.items() if not (value or "").strip()}
    if errors:
        raise ValidationError(errors)
    check_markdown_fields(**{field: value for field, value in texts.items() if field == "body"})


@transaction.atomic
def challenge_create(
    *, author, title: str, body: str, organisation=None, themes=(), community=None, files=(), client_key: str = ""
) -> tuple[Challenge, bool]:
    """Post a challenge; the author follows it. Returns (challenge, created): a repeated submit of
    the same form (same client key) returns the first challenge instead of a second one.

    Writes the Challenge, its themes, an Attachment per file, the author's Follow, and a mention
    Notification per person named; no e-mail. Raises ValidationError when the title or body is empty,
    or the organisation or community is not the author's.
    """
    if client_key:
        existing = Challenge.objects.filter(author=author, client_key=client_key).first()
        if existing:
            return existing, False
    _check_text(title=title, body=body)
    if organisation is not None and not author.affiliations.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("You can post only on behalf of an organisation you belong to.")})
    if (
        community is not None
        and not author.is_coordinator
        and not author.community_memberships.active().filter(community=community).exists()
    ):
        raise ValidationError({"community": _("You can post only to a community you are a member of.")})
    try:
        with transaction.atomic():
            challenge = Challenge.objects.create(
                author=author,
                title=title.strip(),
                body=body,
                organisation=organisation,
                community=community,
                client_key=client_key,
            )
    except IntegrityError:
        # The same form submitted twice at the same moment: the other request created it.
        return Challenge.objects.get(author=author, client_key=client_key), False
    challenge.themes.set(themes)
    for upload in files:
        Attachment.objects.create(
            challenge=challenge, file=upload, name=upload.name[:200], size=upload.size, uploaded_by=author
        )
    Follow.objects.get_or_create(challenge=challenge, person=author)
    notify(
        recipients=mentioned_people(f"{title} {body}"), kind=NotificationKind.MENTION, actor=author, challenge=challenge
    )
    touch(BOARD)
    return challenge, True


@transaction.atomic
def challenge_update(
    *, challenge: Challenge, by, title: str, body: str, themes=(), organisation=None, files=()
) -> Challenge:
    """The author edits; the post is marked edited. New mentions are notified.

    Writes the Challenge (edited_at), its themes, an Attachment per new file, and a mention Notification
    per newly named person; no e-mail. Raises ValidationError when the title or body is empty, or `by` is
    not its author or may no longer see it.
    """
    _require_author_who_sees(challenge, challenge=challenge, by=by)
    _check_text(title=title, body=body)
    before = f"{challenge.title} {challenge.body}"
    challenge.title = title.strip()
    challenge.body = body
    challenge.organisation = organisation
    challenge.edited_at = timezone.now()
    challenge.save(
        update_fields=["title", "title_words", "body", "body_words", "body_html", "organisation", "edited_at"]
    )
    challenge.themes.set(themes)
    for upload in files:
        Attachment.objects.create(
            challenge=challenge, file=upload, name=upload.name[:200], size=upload.size, uploaded_by=by
        )
    already = {person.pk for person in mentioned_people(before)}
    new = [person for person in mentioned_people(f"{title} {body}") if person.pk not in already]
    notify(recipients=new, kind=NotificationKind.MENTION, actor=by, challenge=challenge)
    touch(BOARD)
    return challenge


def challenge_set_status(*, challenge: Challenge, status: str, by) -> Challenge:
    """Its author sets a challenge open, answered or closed. Writes Challenge.status; no notification.

    Raises ValidationError on an unknown status, or when `by` is not its author or may no longer see it.
    """
    _require_author_who_sees(challenge, challenge=challenge, by=by)
    if status not in ChallengeStatus.values:
        raise ValidationError(_("Unknown status."))
    challenge.status = status
    challenge.save(update_fields=["status"])
    touch(BOARD)
    return challenge


@transaction.atomic
def reply_create(
    *, challenge: Challenge, author, body: str, parent: Reply | None = None, client_key: str = ""
) -> tuple[Reply, bool]:
    """Reply to a challenge or to a top-level reply. Returns (reply, created), as challenge_create.

    Writes the Reply, the challenge's last_activity_at and the replier's Follow; Notifications to the
    challenge's author, its followers and the people mentioned; no e-mail. Raises ValidationError when
    the body is empty, the challenge is closed or hidden, the parent is another challenge's, or the
    author may not see the challenge (a community-only one, after leaving the community).
    """
    if client_key:
        existing = Reply.objects.filter(author=author, client_key=client_key).first()
        if existing:
            return existing, False
    _check_text(body=body)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not challenge_visible_to(challenge, author):
        raise ValidationError(_("Only those who may see this challenge may reply to it."))
    if challenge.status == ChallengeStatus.CLOSED:
        raise ValidationError(_("This challenge is closed; it takes no more replies."))
    if challenge.is_hidden:
        raise ValidationError(_("This challenge was hidden by a moderator."))
    if parent is not None:
        if parent.challenge_id != challenge.pk:
            raise ValidationError(_("That reply belongs to another challenge."))
        parent = parent.parent or parent  # one level of nesting
    try:
        with transaction.atomic():
            reply = Reply.objects.create(
                challenge=challenge, parent=parent, author=author, body=body, client_key=client_key
            )
    except IntegrityError:
        return Reply.objects.get(author=author, client_key=client_key), False
    challenge.last_activity_at = reply.created_at
    challenge.save(update_fields=["last_activity_at"])
    Follow.objects.get_or_create(challenge=challenge, person=author)
    mentioned = mentioned_people(body)
    notify(recipients=[challenge.author], kind=NotificationKind.REPLY, actor=author, challenge=challenge, reply=reply)
    followers = [
        follow.person for follow in challenge.follows.select_related("person").exclude(person=challenge.author)
    ]
    notify(
        recipients=[p for p in followers if p not in mentioned],
        kind=NotificationKind.FOLLOWED_REPLY,
        actor=author,
        challenge=challenge,
        reply=reply,
    )
    notify(
        recipients=[p for p in mentioned if p.pk != challenge.author_id],
        kind=NotificationKind.MENTION,
        actor=author,
        challenge=challenge,
        reply=reply,
    )
    touch(BOARD)
    return reply, True


@transaction.atomic
def reply_update(*, reply: Reply, by, body: str) -> Reply:
    """The author edits a reply; it is marked edited. Writes the Reply; no notification.

    Raises ValidationError when the body is empty, or `by` is not its author or may no longer see the challenge.
    """
    _require_author_who_sees(reply, challenge=reply.challenge, by=by)
    _check_text(body=body)
    reply.body = body
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "body_words", "body_html", "edited_at"])
    touch(BOARD)
    return reply


@transaction.atomic
def reply_set_accepted(*, reply: Reply, by, accepted: bool = True) -> Reply:
    """The challenge's author marks a reply as an accepted answer (there may be several).
    The challenge counts as answered while it has one.

    Writes Reply.is_accepted and the status of a challenge not closed; a Notification to the replier when
    accepted. Raises ValidationError when someone else than the author accepts (or the author, once they
    may no longer see the challenge), or the reply is hidden.
    """
    challenge = Challenge.objects.select_for_update().get(pk=reply.challenge_id)
    if by.pk != challenge.author_id or not challenge_visible_to(challenge, by):
        raise ValidationError(_("Only the author of the challenge accepts answers."))
    if reply.is_hidden:
        raise ValidationError(_("A hidden reply cannot be accepted."))
    reply.is_accepted = accepted
    reply.save(update_fields=["is_accepted"])
    has_accepted = challenge.replies.filter(is_accepted=True).exists()
    if challenge.status != ChallengeStatus.CLOSED:
        challenge.status = ChallengeStatus.ANSWERED if has_accepted else ChallengeStatus.OPEN
        challenge.save(update_fields=["status"])
    if accepted:
        notify(recipients=[reply.author], kind=NotificationKind.ACCEPTED, actor=by, challenge=challenge, reply=reply)
    return reply


def reply_toggle_vote(*, reply: Reply, person) -> bool:
    """One 'helpful' vote per person and reply; a second click takes it back. Returns whether it counts now.

    Writes or deletes the HelpfulVote. Raises ValidationError on one's own reply.
    """
    if reply.author_id == person.pk:
        raise ValidationError(_("You cannot vote for your own reply."))
    deleted, _rows = HelpfulVote.objects.filter(reply=reply, person=person).delete()
    if deleted:
        return False
    HelpfulVote.objects.get_or_create(reply=reply, person=person)
    return True


def challenge_toggle_follow(*, challenge: Challenge, person) -> bool:
    """Follow a challenge, or stop following it. Returns whether the person follows it now.

    Writes or deletes the Follow.
    """
    deleted, _rows = Follow.objects.filter(challenge=challenge, person=person).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(challenge=challenge, person=person)
    return True


@transaction.atomic
def post_hide(*, post, by, reason: str):
    """A coordinator hides a challenge or reply. Its author still sees it, with the reason.

    Writes the post's hidden fields, a Notification to its author, and marks its open Reports resolved.
    Raises ValidationError when the reason is empty.
    """
    _check_text(reason=reason)
    post.is_hidden = True
    post.hidden_reason = reason
    post.hidden_by = by
    post.hidden_at = timezone.now()
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    if isinstance(post, Reply):
        notify(recipients=[post.author], kind=NotificationKind.HIDDEN, actor=by, challenge=post.challenge, reply=post)
    else:
        notify(recipients=[post.author], kind=NotificationKind.HIDDEN, actor=by, challenge=post)
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=by)
    touch(BOARD)
    return post


@transaction.atomic
def post_unhide(*, post, by):
    """A coordinator shows a hidden challenge or reply again. Writes is_hidden; no notification."""
    post.is_hidden = False
    post.save(update_fields=["is_hidden"])
    touch(BOARD)
    return post


def report_create(*, reporter, reason: str, challenge=None, reply=None) -> Report:
    """A member reports a challenge or reply to the moderators. Writes one Report; no notification.

    Raises ValidationError when the reason is empty.
    """
    _check_text(reason=reason)
    return Report.objects.create(reporter=reporter, reason=reason, challenge=challenge, reply=reply)
