"""E-mail backends that fail on purpose, to test what a crash or a flaky server leaves behind."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class CrashAfterTwo(EmailBackend):
    """Sends two messages, then the worker 'dies' (an error that is not retried)."""

    sent_before_crash = 0

    def send_messages(self, messages):
        if CrashAfterTwo.sent_before_crash >= 2:
            raise SystemExit("worker killed")
        CrashAfterTwo.sent_before_crash += len(messages)
        return super().send_messages(messages)


class ServerGoesAway(EmailBackend):
    """The SMTP server drops the connection for one address."""

    broken_address = ""

    def send_messages(self, messages):
        if any(ServerGoesAway.broken_address in message.to for message in messages):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusesOneAddress(EmailBackend):
    """The server answers 550 for one address, as for a mailbox that does not exist."""

    refused_address = ""

    def send_messages(self, messages):
        for message in messages:
            if RefusesOneAddress.refused_address in message.to:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 No such user here")})
        return super().send_messages(messages)


class Busy(EmailBackend):
    """The server answers 421 (busy, try later) while `busy` is on."""

    busy = False

    def send_messages(self, messages):
        if Busy.busy:
            raise smtplib.SMTPResponseException(421, b"4.3.2 Too busy, try again later")
        return super().send_messages(messages)


class MovesTheMeeting(EmailBackend):
    """After the first message, the meeting moves (a coordinator's change committing while the batch
    sends, its own notices already planned)."""

    meeting_id = None
    to = None

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        if MovesTheMeeting.meeting_id is not None:
            from datetime import timedelta

            from django.db.models import F

            from events.models import Meeting

            Meeting.objects.filter(pk=MovesTheMeeting.meeting_id).update(
                starts_at=F("starts_at") + timedelta(days=2), ends_at=F("ends_at") + timedelta(days=2)
            )
            MovesTheMeeting.meeting_id = None
        return sent
