import pytest

from tests.e2e.checks import NU_CHECKER, PHONE, PageChecks


@pytest.fixture
def phone(browser, live_server, reference_data):
    """A browser page the size of a common phone (390 × 844)."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def checks(phone):
    """`checks.check(name)` runs axe-core at 390 and 1280 px on the page as it is and keeps its HTML;
    `checks.validate()` runs the Nu HTML checker on everything kept."""
    return PageChecks(phone)


@pytest.fixture(scope="session", autouse=True)
def nu_checker():
    """The Nu checker's service, started by the first PageChecks of the session, stopped at its end."""
    yield NU_CHECKER
    NU_CHECKER.stop()
