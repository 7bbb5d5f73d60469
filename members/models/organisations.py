import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    AffiliationInvitationStatus,
    AffiliationRole,
    JoinRequestStatus,
    OrganisationKind,
    OrganisationStatus,
    StakeholderType,
)
from ..validators import validate_logo


class ReferenceItem(models.Model):
    """A name from a fixed list, kept in the database so a network can extend it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return str(_(self.name))


class FocusArea(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class RightsholderGroup(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("rightsholder group")
        verbose_name_plural = _("rightsholder groups")


class ExpertiseTag(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")


class Region(models.Model):
    """A province or similar area of a country. Cambodia's provinces are loaded; others can be added."""

    country = models.CharField(_("country code"), max_length=2, default="KH")
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("kind"), max_length=40, default="province")

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="unique_region_per_country")]

    def __str__(self):
        return str(_(self.name))


def logo_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"logos/{instance.slug or 'organisation'}-{timezone.now():%Y%m%d%H%M%S}.{extension}"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=220)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.MEMBER)
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=30, choices=StakeholderType.choices, blank=True
    )
    mission = models.TextField(_("mission summary"), blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), blank=True, related_name="organisations"
    )
    rightsholder_groups = models.ManyToManyField(
        RightsholderGroup, verbose_name=_("rightsholder groups served"), blank=True, related_name="organisations"
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions served"), blank=True, related_name="organisations")
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn page"), blank=True)
    other_url = models.URLField(_("other link"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True, validators=[validate_logo])
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    staff_size = models.PositiveIntegerField(
        _("number of staff"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    joined_on = models.DateField(_("joined the network on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE
    )
    left_on = models.DateField(_("left the network on"), null=True, blank=True)
    relationship_notes = models.TextField(
        _("notes on the relationship"), blank=True, help_text=_("Seen by coordinators and facilitators only.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="unique_organisation_name_ci"),
            models.CheckConstraint(
                condition=models.Q(kind="stakeholder") | models.Q(stakeholder_type=""),
                name="stakeholder_type_only_for_stakeholders",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation_detail", args=[self.slug])

    @property
    def display_name(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_stakeholder(self):
        return self.kind == OrganisationKind.STAKEHOLDER


class Affiliation(models.Model):
    """A person's place in an organisation."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    position = models.CharField(_("position"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=AffiliationRole.choices, default=AffiliationRole.STAFF)
    since = models.DateField(_("since"), default=datetime.date.today)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["person", "organisation"], name="one_affiliation_per_pair")]

    def __str__(self):
        return f"{self.person} – {self.organisation}"


class AffiliationInvitation(models.Model):
    """A leader asks a person with an account to join their organisation's staff, as staff or leader.

    Nobody is listed at an organisation without consent: the Affiliation is made only when the person accepts.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliation_invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliation_invitations",
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=AffiliationRole.choices, default=AffiliationRole.STAFF)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AffiliationInvitationStatus.choices,
        default=AffiliationInvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation to an organisation")
        verbose_name_plural = _("invitations to an organisation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status=AffiliationInvitationStatus.PENDING),
                name="one_open_affiliation_invitation",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == AffiliationInvitationStatus.PENDING


class OrganisationChange(models.Model):
    """One saved edit of an organisation's profile: who, when, and each field's old and new value."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=200, blank=True)
    # {"field label": {"old": "...", "new": "..."}}
    changes = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.changed_at:%Y-%m-%d %H:%M}"


class JoinRequest(models.Model):
    """An organisation asks to become part of the network; a coordinator decides."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    mission = models.TextField(_("what the organisation does"))
    focus_areas = models.ManyToManyField(FocusArea, verbose_name=_("focus areas"), blank=True)
    position = models.CharField(_("your position there"), max_length=120)
    message = models.TextField(_("why you want to join"), blank=True)
    status = models.CharField(max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note to the requester"), blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="join_requests"
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]

    def __str__(self):
        return self.organisation_name
