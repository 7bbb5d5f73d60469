from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A person's role in the whole network.

    Roles inside a community or a review (facilitator, reviewer, stakeholder contact)
    come from the person's relations, not from this field.
    """

    PENDING = "pending", _("Waiting for approval")
    MEMBER = "member", _("Member")
    COORDINATOR = "coordinator", _("Network coordinator")
