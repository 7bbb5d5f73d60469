from celery import shared_task

from common.tasks import MAIL_TASK, task_claim

from .models import Invitation
from .services import invitation_send


@shared_task(**MAIL_TASK)
def invitation_send_task(self, *, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return
    invitation_send(invitation=invitation, claim=task_claim(self))
