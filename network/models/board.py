from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, PrivateFileField, SegmentedTextField

from ..enums import AgendaProposalStatus, ChallengeStatus
from ..validators import validate_upload


class Moderated(models.Model):
    """A post a coordinator can hide, with a reason its author sees."""

    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class MentionsMixin:
    """A post whose @mentions of members are stored as links to their pages (asked when its HTML is stored)."""

    def mention_links(self) -> dict[str, str]:
        from ..selectors import mention_links

        return mention_links(self.body)


class Challenge(MentionsMixin, Moderated):
    """A current challenge an NGO leader brings to peers."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenges")
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("the challenge"), help_text=_("Markdown: **bold**, lists with -, [links](https://…)."))
    themes = models.ManyToManyField(
        "members.FocusArea", verbose_name=_("themes"), blank=True, related_name="challenges"
    )
    status = models.CharField(_("status"), max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("visible to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="challenges",
        help_text=_("Leave empty for the whole network."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # A key the form sends once: a second submit of the same form finds the first post.
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    title_words = SegmentedTextField(source="title")
    body_words = SegmentedTextField(source="body")
    body_html = MarkdownHTMLField(source="body", mentions="mention_links")
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="network_challenge_newest"),  # the default sort
            models.Index(fields=["-last_activity_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_key"], condition=~Q(client_key=""), name="one_challenge_per_submit"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:challenge_detail", args=[self.pk])


def reply_url(challenge_url: str, reply_pk: int) -> str:
    """A reply's address: the challenge page names the reply, so that it opens the page of replies it is on."""
    return f"{challenge_url}?reply={reply_pk}#reply-{reply_pk}"


class Reply(MentionsMixin, Moderated):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="replies")
    # One level of nesting: a reply answers the challenge or a top-level reply.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_replies")
    body = models.TextField(_("your reply"))
    body_words = SegmentedTextField(source="body")
    body_html = MarkdownHTMLField(source="body", mentions="mention_links")
    is_accepted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    client_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_key"], condition=~Q(client_key=""), name="one_reply_per_submit"
            )
        ]

    def __str__(self):
        return f"Reply by {self.author} on {self.challenge}"

    def get_absolute_url(self):
        return reply_url(self.challenge.get_absolute_url(), self.pk)


class HelpfulVote(models.Model):
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reply", "person"], name="one_vote_per_person")]

    def __str__(self):
        return f"{self.person} found reply {self.reply_id} helpful"


class Follow(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_challenges")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "person"], name="one_follow_per_person")]

    def __str__(self):
        return f"{self.person} follows {self.challenge}"


def attachment_path(instance, filename):
    # Only for migration 0001; new files are private, under unguessable names.
    return f"challenges/{instance.challenge_id}/{filename}"


class Attachment(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")
    file = PrivateFileField(prefix="challenges", validators=[validate_upload])
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    def get_file_url(self):
        """The file's address, behind the rule on its challenge."""
        return reverse("network:attachment_download", args=[self.challenge_id, self.pk])


class ChallengeAgendaLink(models.Model):
    """A challenge put on a meeting's agenda. The challenge points at the agenda item, never the reverse."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="agenda_links")
    agenda_item = models.OneToOneField("events.AgendaItem", on_delete=models.CASCADE, related_name="challenge_link")
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scheduled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheduled_at"]

    def __str__(self):
        return f"{self.challenge} on {self.agenda_item.meeting}"


class AgendaProposal(models.Model):
    """A member proposes their challenge for a meeting's agenda; those who run the meeting accept or decline.

    Nothing reaches the agenda before acceptance: the agenda item and its ChallengeAgendaLink are made then.
    """

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="agenda_proposals")
    meeting = models.ForeignKey(
        "events.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="challenge_proposals"
    )
    duration_minutes = models.PositiveSmallIntegerField(_("minutes on the agenda"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgendaProposalStatus.choices, default=AgendaProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    agenda_link = models.OneToOneField(
        ChallengeAgendaLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "meeting"],
                condition=Q(status=AgendaProposalStatus.PENDING),
                name="one_open_agenda_proposal",
            )
        ]

    def __str__(self):
        return f"{self.challenge} for {self.meeting}"


class Report(models.Model):
    """A member's report of abuse, for the coordinators."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    challenge = models.ForeignKey(Challenge, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.TextField(_("what is wrong"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(challenge__isnull=False, reply__isnull=True)
                | Q(challenge__isnull=True, reply__isnull=False),
                name="report_names_one_post",
            )
        ]

    def __str__(self):
        return f"Report by {self.reporter}: {self.reason[:60]}"
