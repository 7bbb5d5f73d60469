from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import MembershipRole, MembershipStatus, StakeholderRole


class CommunityQuerySet(models.QuerySet):
    def with_member(self, user):
        """Communities in which this person is an active member or facilitator."""
        return self.filter(memberships__person=user, memberships__status=MembershipStatus.ACTIVE)

    def facilitated_by(self, user):
        """Communities in which this person is an active facilitator."""
        return self.filter(
            memberships__person=user,
            memberships__role=MembershipRole.FACILITATOR,
            memberships__status=MembershipStatus.ACTIVE,
        )


class Community(models.Model):
    """A community of practice: organisations and people who learn and work together around a theme."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("For example CoP-PwD"))
    slug = models.SlugField(unique=True, max_length=160)
    purpose = models.TextField(_("purpose"), blank=True)
    rightsholder_groups = models.ManyToManyField(
        "members.RightsholderGroup", verbose_name=_("rightsholder groups"), blank=True, related_name="communities"
    )
    themes = models.ManyToManyField(
        "members.FocusArea", verbose_name=_("themes"), blank=True, related_name="communities"
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("member organisations"),
        through="CommunityOrganisation",
        blank=True,
        related_name="communities",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("communities:community_detail", args=[self.slug])


class CommunityOrganisation(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="community_links")
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [
            models.UniqueConstraint(fields=["community", "organisation"], name="one_link_per_community_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.community}"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships in force: members and facilitators, not requests, invitations or people who left."""
        return self.filter(status=MembershipStatus.ACTIVE)

    def facilitating(self):
        """Active memberships as a facilitator."""
        return self.active().filter(role=MembershipRole.FACILITATOR)


class Membership(models.Model):
    """A person's place in a community: asked to join, invited, active (member or facilitator), or left."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept apart from decided_by: the invitee's answer must not erase who asked them in.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        ordering = ["community", "person"]
        constraints = [models.UniqueConstraint(fields=["community", "person"], name="one_membership_per_person")]

    def __str__(self):
        return f"{self.person} in {self.community} ({self.status})"

    @property
    def is_active(self):
        return self.status == MembershipStatus.ACTIVE


class StakeholderLink(models.Model):
    """A stakeholder organisation from the register, linked to a community: the community of stakeholders."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="stakeholder_links")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="community_stakeholder_links"
    )
    role = models.CharField(_("role"), max_length=30, choices=StakeholderRole.choices)
    note = models.TextField(_("note"), blank=True)
    started_on = models.DateField(_("since"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stakeholder link")
        verbose_name_plural = _("stakeholder links")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "organisation"], name="one_link_per_community_stakeholder")
        ]

    def __str__(self):
        return f"{self.organisation} – {self.community} ({self.get_role_display()})"
