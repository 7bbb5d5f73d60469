from celery import shared_task

from .models import Invitation
from .services import invitation_send


@shared_task(acks_late=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def invitation_send_task(*, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return
    invitation_send(invitation=invitation)
