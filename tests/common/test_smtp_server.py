"""The suite's own SMTP server answers Django's smtplib backend as a real one would, faults included,
and the ledger's classifier reads each fault the way the pipeline needs."""

import smtplib
import time

import pytest
from django.core.mail import EmailMessage, get_connection

from common.mail.sending import classify
from tests.smtp_server import SMTPTestServer


@pytest.fixture(scope="module")
def server():
    server = SMTPTestServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp(server):
    server.reset()
    return server


def send(server, *addresses, timeout=2):
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host=server.host, port=server.port, timeout=timeout
    )
    messages = [EmailMessage("Hello", "Line one\n.starts with a dot", "from@network.example", [a]) for a in addresses]
    with connection:
        return connection.send_messages(messages)


def test_messages_are_accepted_over_one_connection_and_kept_with_their_time(smtp):
    before = time.time()
    assert send(smtp, "a@ngo.example", "b@ngo.example") == 2
    assert smtp.count_per_recipient() == {"a@ngo.example": 1, "b@ngo.example": 1}
    assert smtp.connections == 1
    first = smtp.received()[0]
    assert first.subject == "Hello" and first.sender == "from@network.example" and first.at >= before
    assert first.message.get_content() == "Line one\n.starts with a dot\n"


def test_550_for_one_address_is_permanent_with_the_reply_text(smtp):
    smtp.refuse("gone@ngo.example")
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(smtp, "gone@ngo.example")
    assert classify(refused.value) == (
        True,
        "SMTPRecipientsRefused: gone@ngo.example: 550 5.1.1 No such user here",
    )
    assert send(smtp, "here@ngo.example") == 1


@pytest.mark.parametrize("stage", ["greeting", "mail", "rcpt", "data"])
def test_421_at_any_stage_is_transient_and_ends_when_its_window_does(smtp, stage):
    smtp.busy(seconds=0.5, stage=stage)
    with pytest.raises(smtplib.SMTPException) as busy:
        send(smtp, "a@ngo.example")
    permanent, text = classify(busy.value)
    assert not permanent and "421" in text
    time.sleep(0.6)
    assert send(smtp, "a@ngo.example") == 1
    assert len(smtp.received()) == 1


def test_451_after_the_data_is_transient_and_nothing_is_kept(smtp):
    smtp.busy(times=1, code=451, stage="data")
    with pytest.raises(smtplib.SMTPDataError) as busy:
        send(smtp, "a@ngo.example")
    assert classify(busy.value) == (False, "SMTPDataError: 451 4.7.1 Try again later")
    assert smtp.received() == []


def test_a_dropped_connection_is_transient(smtp):
    smtp.drop(times=1, stage="data")
    with pytest.raises(smtplib.SMTPServerDisconnected) as dropped:
        send(smtp, "a@ngo.example")
    assert not classify(dropped.value)[0]
    assert smtp.received() == []


def test_a_slow_server_runs_into_the_timeout(smtp):
    smtp.slow(1.5)
    started = time.monotonic()
    with pytest.raises(smtplib.SMTPServerDisconnected) as slow:
        send(smtp, "a@ngo.example", timeout=0.5)
    assert time.monotonic() - started < 1.4
    assert classify(slow.value) == (False, "SMTPServerDisconnected: Connection unexpectedly closed: timed out")
