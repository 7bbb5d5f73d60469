"""Real `celery worker` processes for the tests marked `worker`: started, killed (kill -9, of one pool
child or of the whole worker) and started again; a throwaway redis-server a test may restart; and a
way to point the test process's own Celery app at another broker while a test runs."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The ledger's clocks, scaled down for a worker that sends to the suite's SMTP server: a lease, a
# retry and the grace of a lost task take seconds, not minutes, and a batch reads its meeting again
# every 0.3 s. (The test process keeps the real settings: it only plans and checks.)
SMTP_WORKER_SETTINGS = {
    "EMAIL_TIMEOUT": "2",
    "MAIL_LEASE_SECONDS": "3",
    "MAIL_PENDING_GRACE_SECONDS": "3",
    "MAIL_RETRY_BASE_SECONDS": "1",
    "MAIL_RETRY_MAX_SECONDS": "2",
    "MAIL_RECHECK_SECONDS": "0.3",
    "MAIL_TASK_TIME_LIMIT": "60",
    "MAIL_TASK_SOFT_TIME_LIMIT": "50",
}
QUEUES = ("celery", "email")


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("The worker tests need PostgreSQL: run them through `make test`.")
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def redis_db(url: str, number: int) -> str:
    """The same Redis server, another database: its own queues, results and cache."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


class CeleryWorker:
    """One `celery worker` process (and its pool) on a broker, sending mail to files or to an SMTP server."""

    def __init__(
        self,
        *,
        name: str,
        broker_url: str,
        log_dir: Path,
        mail_dir: Path | None = None,
        smtp_url: str = "",
        concurrency: int = 2,
        settings: dict | None = None,
    ):
        self.name = name
        self.nodename = f"{name}-{os.getpid()}@{socket.gethostname()}"
        self.broker_url = broker_url
        self.mail_dir = mail_dir
        self.log = log_dir / f"{name}.log"
        self.concurrency = concurrency
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "DJANGO_SETTINGS_MODULE": "network.settings.test",
            **(settings or {}),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if mail_dir is not None:
            self.env["WORKER_EMAIL_DIR"] = str(mail_dir)
        if smtp_url:
            self.env["WORKER_EMAIL_URL"] = smtp_url
        self.process: subprocess.Popen | None = None

    # --- its life -------------------------------------------------------------------------

    def start(self, timeout: float = 90) -> "CeleryWorker":
        """Start it (on its own process group, so that it can be killed whole) and wait for its answer."""
        command = [sys.executable, "-m", "celery", "-A", "network", "worker", "--loglevel=INFO"]
        command += [f"--queues={','.join(QUEUES)}", f"--concurrency={self.concurrency}", "--pool=prefork"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", self.nodename]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        with use_broker(self.broker_url):
            from network.celery import app

            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    pytest.fail(f"The Celery worker {self.name} exited:\n{self.log.read_text()[-4000:]}")
                if app.control.ping(destination=[self.nodename], timeout=0.5):
                    return self
        self.kill()
        pytest.fail(f"The Celery worker {self.name} did not answer a ping:\n{self.log.read_text()[-4000:]}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.alive():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """kill -9 of the whole worker: the main process and its pool, as when the machine's power goes."""
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def pool_children(self) -> list[int]:
        """The pids of the worker's pool processes (its children)."""
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces, so read after the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                children.append(int(entry.name))
        return children

    def kill_pool_child(self) -> int:
        """kill -9 of the pool process running the task, as the OOM killer does. Returns its pid."""
        [child] = self.pool_children()  # --concurrency=1: one child
        os.kill(child, signal.SIGKILL)
        return child

    # --- its work -------------------------------------------------------------------------

    def wait_idle(self, timeout: float = 60) -> None:
        """Until nothing waits in its queues and nothing runs."""
        import redis

        from network.celery import app

        client = redis.Redis.from_url(self.broker_url)
        deadline = time.monotonic() + timeout
        with use_broker(self.broker_url):
            while time.monotonic() < deadline:
                if not any(client.llen(queue) for queue in QUEUES):
                    inspect = app.control.inspect(destination=[self.nodename], timeout=1)
                    active, reserved = inspect.active(), inspect.reserved()
                    if active and reserved and not any(active.values()) and not any(reserved.values()):
                        return
                time.sleep(0.2)
        pytest.fail(f"The Celery worker {self.name} is still busy:\n{self.log.read_text()[-4000:]}")

    def forget_queued(self) -> None:
        """Drop what waits in its queues, and tasks handed out that no worker will finish (a worker killed
        in an earlier test), so nothing of one test runs in the next."""
        import redis

        redis.Redis.from_url(self.broker_url).delete(*QUEUES, "unacked", "unacked_index", "unacked_mutex")


class RedisServer:
    """A redis-server of the test's own, on its own port, without persistence: restarted, it has lost
    everything it held (queued tasks, tasks handed out, results), as a broker without a disk would."""

    def __init__(self, work_dir: Path):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is missing: run the worker tests through `make test`.")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.work_dir = work_dir
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        import redis

        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.work_dir)]
        with (self.work_dir / "redis.log").open("a") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail("The test's redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def use_broker(url: str):
    """Point the test process's Celery app (what .delay() sends to, where results are read) at another
    broker for a while."""
    from network.celery import app

    before = (app.conf.broker_url, app.conf.result_backend)
    if before == (url, url):
        yield
        return
    _point(app, url, url)
    try:
        yield
    finally:
        _point(app, *before)


def _point(app, broker_url: str, result_backend: str) -> None:
    app.conf.broker_url, app.conf.result_backend = broker_url, result_backend
    # kombu keeps a pool per broker address for the whole process: forget ours, the next use takes
    # (or makes) the one of the new address, and the old one is there again when we come back.
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
