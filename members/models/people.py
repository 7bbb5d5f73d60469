import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import AffiliationRole, DigestFrequency, InvitationStatus, Role


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value}) from error


class UserQuerySet(models.QuerySet):
    def network_members(self):
        """Approved people who can take part: active members and coordinators (not pending, not retired)."""
        return self.filter(is_active=True, role__in=[Role.MEMBER, Role.COORDINATOR])


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.COORDINATOR)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PENDING)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False, help_text=_("Can sign in to the admin site."))
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "self", verbose_name=_("approved by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    digest_frequency = models.CharField(
        _("e-mail digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
        help_text=_("New challenges in your themes, replies you follow, upcoming meetings and news of your proposals."),
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=2000)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: Khmer, English, French")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    expertise = models.ManyToManyField(
        "members.ExpertiseTag", verbose_name=_("expertise"), blank=True, related_name="people"
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "email"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def get_absolute_url(self):
        return reverse("members:person_detail", args=[self.pk])

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == Role.COORDINATOR

    @property
    def is_network_member(self) -> bool:
        return self.is_active and self.role in (Role.MEMBER, Role.COORDINATOR)


class SignupNote(models.Model):
    """What a person wrote when they signed up, for the coordinator who decides on the account."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signup_note")
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    reason = models.TextField(_("why you want to join"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sign-up note")
        verbose_name_plural = _("sign-up notes")

    def __str__(self):
        return f"{self.person} – {self.organisation_name}"


def default_invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A coordinator's invitation to join the network, redeemed once through a secret link."""

    email = models.EmailField(_("e-mail address"))
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(Role.MEMBER, Role.MEMBER.label), (Role.COORDINATOR, Role.COORDINATOR.label)],
        default=Role.MEMBER,
    )
    message = models.TextField(_("personal message"), blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text=_("The invitee joins this organisation's staff."),
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    organisation_role = models.CharField(
        _("role in the organisation"),
        max_length=10,
        choices=AffiliationRole.choices,
        default=AffiliationRole.STAFF,
    )
    # The link carries a signed copy of this nonce; sending a new link replaces it,
    # which makes every earlier link for this invitation useless.
    token_nonce = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=default_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    renewal_requested_at = models.DateTimeField(_("new link requested"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.is_expired:
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN
