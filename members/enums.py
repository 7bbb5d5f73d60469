from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.badges import Tone, tones


class Role(models.TextChoices):
    """A person's role in the whole network.

    Roles inside a community or a review (facilitator, reviewer, stakeholder contact)
    come from the person's relations, not from this field.
    """

    PENDING = "pending", _("Waiting for approval")
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Network coordinator")


class OrganisationKind(models.TextChoices):
    MEMBER = "member", _("Member NGO")
    FACILITATOR = "facilitator", _("Facilitating organisation")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class StakeholderType(models.TextChoices):
    DONOR = "donor", _("Donor")
    UN_AGENCY = "un_agency", _("UN agency")
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    MEDIA = "media", _("Media")
    GOVERNMENT = "government", _("Government")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIC = "academic", _("Academic")


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


tones(
    InvitationStatus,
    {
        InvitationStatus.OPEN: Tone.WAITING,
        InvitationStatus.ACCEPTED: Tone.OK,
        InvitationStatus.REVOKED: Tone.DANGER,
        InvitationStatus.EXPIRED: Tone.DANGER,
    },
)


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FORMER = "former", _("Former")


tones(OrganisationStatus, {OrganisationStatus.ACTIVE: Tone.OK, OrganisationStatus.FORMER: Tone.DANGER})


class AffiliationRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    STAFF = "staff", _("Staff")


class AffiliationInvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


tones(
    AffiliationInvitationStatus,
    {
        AffiliationInvitationStatus.PENDING: Tone.WAITING,
        AffiliationInvitationStatus.ACCEPTED: Tone.OK,
        AffiliationInvitationStatus.DECLINED: Tone.NEUTRAL,
    },
)


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    PRESENTATION = "presentation", _("Presentation")
    CALL = "call", pgettext_lazy("a phone or video call with a stakeholder", "Call")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")
    OTHER = "other", _("Other")


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class OfferKind(models.TextChoices):
    """What a listing of an organisation's social enterprise says: something it sells, or something it needs."""

    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


tones(OfferKind, {OfferKind.OFFER: Tone.OK, OfferKind.NEED: Tone.WAITING})


class OfferCategory(models.TextChoices):
    HANDICRAFTS = "handicrafts", _("Handicrafts and textiles")
    FOOD = "food", _("Food and drink")
    AGRICULTURE = "agriculture", _("Farming and produce")
    CATERING = "catering", _("Catering and venues")
    TRAINING = "training", _("Training and facilitation")
    MEDIA = "media", _("Media, printing and design")
    CARE = "care", _("Care, cleaning and laundry")
    TRANSPORT = "transport", _("Transport and tours")
    CONSULTING = "consulting", _("Research and advice")
    OTHER = "other", _("Other")


class OfferCurrency(models.TextChoices):
    USD = "USD", "USD"
    KHR = "KHR", "KHR"


# The languages an offer can be served in: Cambodia's national language, the network's working language and
# the indigenous and neighbouring languages members work in (ISO 639 codes; Kuy has only a three-letter one).
OFFER_LANGUAGES = [
    ("km", _("Khmer")),
    ("en", _("English")),
    ("kdt", _("Kuy")),
    ("fr", _("French")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
]
