"""Invitations are e-mails of their own kind in the delivery ledger: sent again by their task, which
builds the message with the invitation's current link."""

from django.utils.translation import gettext_lazy as _

from common.mail import register_kind


def _resend(ids: list[int]) -> None:
    from common.models import Delivery

    from .tasks import invitation_send_task

    for invitation_id in set(Delivery.objects.filter(pk__in=ids).values_list("topic_id", flat=True)):
        invitation_send_task.delay(invitation_id=invitation_id)


INVITATION = register_kind("invitation", label=_("Invitation"), resend=_resend)
