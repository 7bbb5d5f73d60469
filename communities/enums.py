from django.db import models
from django.utils.translation import gettext_lazy as _

from common.badges import Tone, tones


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


tones(
    MembershipStatus,
    {
        MembershipStatus.REQUESTED: Tone.WAITING,
        MembershipStatus.INVITED: Tone.WARNING,
        MembershipStatus.ACTIVE: Tone.OK,
        MembershipStatus.DECLINED: Tone.DANGER,
        MembershipStatus.LEFT: Tone.NEUTRAL,
    },
)


class StakeholderRole(models.TextChoices):
    FUNDER = "funder", _("Funder")
    TECHNICAL_ADVISER = "technical_adviser", _("Technical adviser")
    MEDIA_PARTNER = "media_partner", _("Media partner")
    GOVERNMENT_COUNTERPART = "government_counterpart", _("Government counterpart")
    OTHER = "other", _("Other")
