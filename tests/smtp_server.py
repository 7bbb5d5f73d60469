"""An SMTP server of the test suite's own, which misbehaves on purpose.

It runs in threads of the test process on 127.0.0.1 (any free port) and speaks enough SMTP for
Django's smtplib backend: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. The real worker
connects to it by port (EMAIL_URL); the test changes its behaviour while it runs:

    server.busy(seconds=3)                     421 to every MAIL FROM for 3 s, then normal
    server.busy(seconds=3, code=451, stage="rcpt")
    server.refuse("x@ngo.example")             550 5.1.1 to RCPT TO for that address
    server.drop(times=2, stage="data")         close the connection without a reply, twice
    server.slow(0.3)                           sleep 0.3 s before answering each MAIL FROM

A message counts as accepted when the server answers 250 to its DATA; it is then kept, with the
time it was received, in server.messages.
"""

import email
import socketserver
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy

STAGES = ("greeting", "mail", "rcpt", "data")


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    at: float  # time.time() when the server accepted it

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data.replace(b"\r\n", b"\n"), policy=policy.default)

    @property
    def subject(self) -> str:
        return " ".join(str(self.message["Subject"]).split())


@dataclass
class Fault:
    """A reply (or a dropped connection, code 0) at one stage, until a moment or for a number of times."""

    stage: str
    code: int
    text: str
    until: float = 0.0  # time.monotonic()
    times: int = 0

    def applies(self, stage: str) -> bool:
        if self.stage != stage:
            return False
        if self.times > 0:
            self.times -= 1
            return True
        return time.monotonic() < self.until


@dataclass
class Behaviour:
    faults: list[Fault] = field(default_factory=list)
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)
    delay: float = 0.0
    delay_stage: str = "mail"


class _Stop(Exception):
    """The session ends: the client quit, went away, or the server drops it on purpose."""


class _Session(socketserver.StreamRequestHandler):
    timeout = 60
    server: "_TCPServer"

    def handle(self):
        owner = self.server.owner
        owner._connected()
        try:
            if self._fault("greeting"):
                return
            self._reply(220, "localhost ESMTP test server")
            sender, recipients = None, []
            while True:
                line = self.rfile.readline(4096)
                if not line:
                    return
                command, _, argument = line.decode("utf-8", "replace").strip().partition(" ")
                command = command.upper()
                if command == "EHLO":
                    self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n")
                elif command == "HELO":
                    self._reply(250, "localhost")
                elif command == "MAIL":
                    self._pause("mail")
                    if self._fault("mail"):
                        continue
                    sender, recipients = _address(argument), []
                    self._reply(250, "2.1.0 Ok")
                elif command == "RCPT":
                    self._pause("rcpt")
                    address = _address(argument)
                    refusal = owner.behaviour.refused.get(address.lower())
                    if sender is None:
                        self._reply(503, "5.5.1 MAIL first")
                    elif refusal:
                        self._reply(*refusal)
                    elif not self._fault("rcpt"):
                        recipients.append(address)
                        self._reply(250, "2.1.5 Ok")
                elif command == "DATA":
                    if not recipients:
                        self._reply(503, "5.5.1 RCPT first")
                        continue
                    self._reply(354, "End data with <CR><LF>.<CR><LF>")
                    data = self._read_data()
                    self._pause("data")
                    if not self._fault("data"):
                        number = owner._accept(
                            Received(sender=sender, recipients=recipients, data=data, at=time.time())
                        )
                        self._reply(250, f"2.0.0 Ok: queued as {number}")
                    sender, recipients = None, []
                elif command == "RSET":
                    sender, recipients = None, []
                    self._reply(250, "2.0.0 Ok")
                elif command == "NOOP":
                    self._reply(250, "2.0.0 Ok")
                elif command == "QUIT":
                    self._reply(221, "2.0.0 Bye")
                    return
                else:
                    self._reply(502, "5.5.2 Command not recognised")
        except (_Stop, OSError):
            return

    def _reply(self, code: int, text: str) -> None:
        self.wfile.write(f"{code} {text}\r\n".encode())

    def _pause(self, stage: str) -> None:
        behaviour = self.server.owner.behaviour
        if behaviour.delay and behaviour.delay_stage == stage:
            time.sleep(behaviour.delay)

    def _fault(self, stage: str) -> bool:
        """Answer with the fault that applies at this stage, if any; True when one did."""
        with self.server.owner._lock:
            fault = next((f for f in self.server.owner.behaviour.faults if f.applies(stage)), None)
        if fault is None:
            return False
        if fault.code == 0:
            raise _Stop  # hang up without a word
        self._reply(fault.code, fault.text)
        if fault.code == 421:
            raise _Stop  # 421 closes the transmission channel (RFC 5321 3.8)
        return True

    def _read_data(self) -> bytes:
        lines = []
        while True:
            line = self.rfile.readline()
            if not line:
                raise _Stop
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


def _address(argument: str) -> str:
    # "FROM:<a@b> SIZE=123" -> "a@b"
    value = argument.partition(":")[2].strip()
    if value.startswith("<"):
        value = value[1 : value.find(">")]
    return value.split()[0] if value else ""


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "SMTPTestServer"


class SMTPTestServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self._lock = threading.Lock()
        self.behaviour = Behaviour()
        self.messages: list[Received] = []
        self.connections = 0
        self._server = _TCPServer((host, port), _Session)
        self._server.owner = self
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, name="smtp-test-server", daemon=True)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> "SMTPTestServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what the test asks of it -----------------------------------------------------

    def reset(self) -> None:
        """Well-behaved again, and nothing received."""
        with self._lock:
            self.behaviour = Behaviour()
            self.messages = []
            self.connections = 0

    def busy(self, *, seconds: float = 0, times: int = 0, code: int = 421, stage: str = "mail", text: str = "") -> None:
        """Answer `code` at `stage` for the next `seconds`, or the next `times` times."""
        assert stage in STAGES
        default = "4.3.2 Too busy, try again later" if code == 421 else "4.7.1 Try again later"
        self._add(Fault(stage, code, text or default, until=time.monotonic() + seconds, times=times))

    def drop(self, *, seconds: float = 0, times: int = 0, stage: str = "mail") -> None:
        """Close the connection without a reply at `stage`, for `seconds` or `times` times."""
        assert stage in STAGES
        self._add(Fault(stage, 0, "", until=time.monotonic() + seconds, times=times))

    def refuse(self, address: str, *, code: int = 550, text: str = "5.1.1 No such user here") -> None:
        """Answer RCPT TO for this address with `code` (a mailbox that does not exist)."""
        with self._lock:
            self.behaviour.refused[address.lower()] = (code, text)

    def accept(self, address: str) -> None:
        with self._lock:
            self.behaviour.refused.pop(address.lower(), None)

    def slow(self, seconds: float, *, stage: str = "mail") -> None:
        """Sleep `seconds` before answering each command of `stage` (0: answer at once)."""
        assert stage in STAGES
        with self._lock:
            self.behaviour.delay, self.behaviour.delay_stage = seconds, stage

    # --- what it received --------------------------------------------------------------

    def received(self) -> list[Received]:
        with self._lock:
            return list(self.messages)

    def received_by(self, address: str) -> list[Received]:
        return [m for m in self.received() if address in m.recipients]

    def count_per_recipient(self) -> Counter:
        return Counter(address for m in self.received() for address in m.recipients)

    # --- inside ------------------------------------------------------------------------

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self.behaviour.faults.append(fault)

    def _connected(self) -> None:
        with self._lock:
            self.connections += 1

    def _accept(self, received: Received) -> int:
        with self._lock:
            self.messages.append(received)
            return len(self.messages)
