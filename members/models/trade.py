"""What members' social enterprises offer and need: the listings other members search and enquire about.

The enquiries themselves, and the notifications they raise, belong to the network app, which points here.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, PrivateFileField

from ..enums import OFFER_LANGUAGES, OfferCategory, OfferCurrency, OfferKind
from ..validators import validate_offer_photo
from .organisations import Organisation, Region, RightsholderGroup

TITLE_MAX = 120
DESCRIPTION_MAX = 4000
# Twelve digits before the point: more than any price in riel.
PRICE_MAX = 10**12 - 1
PHOTOS_PER_OFFER = 6


class OfferQuerySet(models.QuerySet):
    def offers(self):
        return self.filter(kind=OfferKind.OFFER)

    def needs(self):
        return self.filter(kind=OfferKind.NEED)


class Offer(models.Model):
    """A product or service an organisation's social enterprise sells (or something it needs)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(_("listing"), max_length=10, choices=OfferKind.choices, default=OfferKind.OFFER)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    category = models.CharField(_("category"), max_length=20, choices=OfferCategory.choices)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    description_html = MarkdownHTMLField(source="description")
    price_min = models.DecimalField(
        _("lowest price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)],
    )
    price_max = models.DecimalField(
        _("highest price"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(PRICE_MAX)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=OfferCurrency.choices, default=OfferCurrency.USD)
    price_note = models.CharField(
        _("price note"), max_length=120, blank=True, help_text=_("For example: per piece, per day, for 20 people.")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    regions = models.ManyToManyField(Region, verbose_name=_("provinces served"), blank=True, related_name="offers")
    serves_whole_country = models.BooleanField(_("serves the whole country"), default=False)
    rightsholder_groups = models.ManyToManyField(
        RightsholderGroup, verbose_name=_("rightsholder groups served"), blank=True, related_name="offers"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_min__lte=models.F("price_max")),
                name="offer_price_range_in_order",
            )
        ]
        indexes = [models.Index(fields=["kind", "category"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("members:offer_detail", args=[self.pk])

    @property
    def language_names(self) -> list[str]:
        names = dict(OFFER_LANGUAGES)
        return [str(names[code]) for code in self.languages if code in names]


class OfferPhoto(models.Model):
    """A photo of an offer, kept in the private storage. A public photo may be shown to anyone (to share the
    offer outside the portal); a members-only one only to signed-in members."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="photos")
    image = PrivateFileField(_("photo"), prefix="offers", validators=[validate_offer_photo])
    description = models.CharField(
        _("what the photo shows"), max_length=200, help_text=_("Read aloud to people who cannot see the photo.")
    )
    is_public = models.BooleanField(
        _("anyone may see this photo"),
        default=False,
        help_text=_("Otherwise only signed-in members of the network see it."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo of an offer")
        verbose_name_plural = _("photos of offers")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.description

    def get_file_url(self):
        return reverse("members:offer_photo_download", args=[self.offer_id, self.pk])
