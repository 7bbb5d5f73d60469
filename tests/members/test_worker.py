import pytest

from members.models import Invitation
from members.tasks import invitation_send_task
from tests.factories import InvitationFactory
from tests.helpers import wait_for


@pytest.mark.worker
def test_real_worker_sends_the_invitation_and_records_it(celery_worker):
    invitation = InvitationFactory()
    result = invitation_send_task.delay(invitation_id=invitation.pk)
    result.get(timeout=30)
    sent_at = wait_for(lambda: Invitation.objects.get(pk=invitation.pk).sent_at)
    assert sent_at is not None


@pytest.mark.worker
def test_real_worker_skips_an_invitation_that_is_gone(celery_worker):
    result = invitation_send_task.delay(invitation_id=987654)
    assert result.get(timeout=30) is None
