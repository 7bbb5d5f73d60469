import os
from pathlib import Path

import pytest

from tests.factories import CoordinatorFactory, PendingUserFactory, UserFactory
from tests.smtp_server import SMTPTestServer
from tests.workers import SMTP_WORKER_SETTINGS, CeleryWorker, redis_db, use_broker

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


# --- the order of the tests ----------------------------------------------------------

# The longest tests, which use the database without committing (or not at all), start first: spread over
# several processes (scripts/test.sh), one that started last would keep the others waiting at the end.
LONGEST_FIRST = {
    "tests/test_hostile_crawler.py::test_no_page_answers_500_or_runs_a_script_whatever_it_is_sent",
    "tests/test_heading_order.py::test_no_page_skips_a_heading_level",
    "tests/network/test_search_khmer.py::test_the_sqlite_quick_start_migrates_and_finds_a_khmer_word",
}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (tests that commit come after those that roll back), which this keeps:
    none of the tests moved commits."""
    items.sort(key=lambda item: item.nodeid not in LONGEST_FIRST)


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


# --- the cache ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_fragments(monkeypatch):
    """Every test starts without cached fragments (common.fragments): they are keyed by ids, which a database
    built afresh gives again. A prefix of its own per test, not a flush: Celery's broker may share the Redis."""
    import uuid

    monkeypatch.setattr("common.fragments.PREFIX", f"fragment-{uuid.uuid4().hex}")


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
    """A real `celery worker` process on the throwaway Redis and the test database, writing its
    e-mails to files (worker_mail() reads them)."""
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.fail("The worker tests need REDIS_URL: run them through `make test`.")
    worker = CeleryWorker(
        name="test",
        broker_url=settings.REDIS_URL,
        log_dir=tmp_path_factory.mktemp("celery"),
        mail_dir=tmp_path_factory.mktemp("worker-mail"),
    ).start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def smtp_server():
    """The suite's own SMTP server (tests/smtp_server.py), in threads of the test process."""
    server = SMTPTestServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server):
    """The SMTP server, well-behaved and empty at the start of the test."""
    smtp_server.reset()
    yield smtp_server
    smtp_server.reset()


@pytest.fixture(scope="session")
def smtp_worker_process(django_db_setup, django_db_blocker, smtp_server, tmp_path_factory):
    """A real worker sending to the suite's SMTP server, with the ledger's clocks scaled down
    (tests/workers.py), one pool process (so a test can kill it), on Redis database 1: its queues
    are its own, and the file-writing worker of the other tests never takes its tasks."""
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.fail("The worker tests need REDIS_URL: run them through `make test`.")
    worker = CeleryWorker(
        name="smtp",
        broker_url=redis_db(settings.REDIS_URL, 1),
        log_dir=tmp_path_factory.mktemp("celery-smtp"),
        smtp_url=smtp_server.url,
        concurrency=1,
        settings=SMTP_WORKER_SETTINGS,
    )
    yield worker
    worker.stop()


@pytest.fixture
def smtp_worker(smtp_worker_process, smtp, transactional_db, reference_data):
    """Use in tests marked `worker`: the SMTP worker, running (started again if an earlier test killed
    it), with nothing left over in its queues; .delay() in the test goes to it. The test may kill it."""
    worker = smtp_worker_process
    worker.forget_queued()
    if not worker.alive():
        worker.start()
    with use_broker(worker.broker_url):
        yield worker
        if worker.alive():
            worker.wait_idle()
        worker.forget_queued()


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
