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


class StandardPrinciple(models.TextChoices):
    """The partnering principles most partnerships start from; each partnership may add its own."""

    EQUITY = "equity", _("Equity")
    TRANSPARENCY = "transparency", _("Transparency")
    MUTUAL_BENEFIT = "mutual_benefit", _("Mutual benefit")


STANDARD_PRINCIPLE_MEANINGS = {
    StandardPrinciple.EQUITY: _("Every partner's voice and contribution counts, whatever its size or money."),
    StandardPrinciple.TRANSPARENCY: _("Partners share what they know, plan and spend, openly and in time."),
    StandardPrinciple.MUTUAL_BENEFIT: _("Each partner gains from the partnership, as well as the people it serves."),
}


class ReviewState(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


tones(ReviewState, {ReviewState.OPEN: Tone.WAITING, ReviewState.CLOSED: Tone.NEUTRAL})
