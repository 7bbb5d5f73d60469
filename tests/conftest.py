import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import CoordinatorFactory, PendingUserFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- people in each role -------------------------------------------------------------


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(display_name="Sokha Coordinator")


@pytest.fixture
def member(db):
    return UserFactory(display_name="Dara Member")


@pytest.fixture
def pending_user(db):
    return PendingUserFactory(display_name="Chenda Pending")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


# --- Celery ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _celery_mode(request):
    """Tasks run eagerly, except in tests marked `worker`, which use the real worker."""
    from network.celery import app

    eager = request.node.get_closest_marker("worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process on the throwaway Redis and the test database."""
    from django.conf import settings
    from django.db import connection

    if not settings.REDIS_URL:
        pytest.fail("The worker tests need REDIS_URL: run them through `make test`.")
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        pytest.fail("The worker tests need PostgreSQL: run them through `make test`.")
    database_url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "network.settings.test",
        "WORKER_EMAIL_DIR": str(mail_dir),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "network",
            "worker",
            "--loglevel=INFO",
            "--queues=celery,email",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    from network.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker exited:\n{log.read_text()}")
        if app.control.ping(timeout=0.5):
            break
    else:
        worker.terminate()
        pytest.fail(f"The Celery worker did not answer a ping:\n{log.read_text()}")
    worker.mail_dir = mail_dir
    yield worker
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


@pytest.fixture
def reference_data(transactional_db):
    """Tests on a committed database find it emptied by the test before them: load the lists again."""
    from members.reference import load_reference_data

    load_reference_data()


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, reference_data):
    """Use in tests marked `worker`: the data they create is committed, so the worker sees it.
    The worker writes its e-mails as files; worker_mail() reads them."""
    for old in celery_worker_process.mail_dir.iterdir():
        old.unlink()
    return celery_worker_process


# --- the browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the browser tests through `make test`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_data):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


# --- organisations --------------------------------------------------------------------


@pytest.fixture
def organisation(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Angkor Girls' Education Fund", slug="agef", acronym="AGEF")


@pytest.fixture
def leader(db, organisation):
    from members.enums import AffiliationRole
    from tests.factories import AffiliationFactory

    return AffiliationFactory(organisation=organisation, role=AffiliationRole.LEADER, position="Director").person


@pytest.fixture
def facilitator(db):
    from tests.factories import AffiliationFactory, FacilitatorOrganisationFactory

    llc = FacilitatorOrganisationFactory(name="Live & Learn Cambodia", slug="llc", acronym="LLC")
    return AffiliationFactory(organisation=llc, position="Linking and Learning facilitator").person


# --- uploaded files -------------------------------------------------------------------


@pytest.fixture
def private_media(settings, tmp_path):
    """The test's uploads go to a fresh MEDIA_ROOT and PRIVATE_MEDIA_ROOT, side by side under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
