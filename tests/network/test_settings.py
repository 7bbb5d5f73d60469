import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k" * 30 + "-production-secret-with-enough-length-0123456789"


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    environment.update(DJANGO_SETTINGS_MODULE="network.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_the_default_secret_key():
    result = run_manage("check", DATABASE_URL="postgres://u:p@127.0.0.1:1/db")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_manage(
        "check", DJANGO_SECRET_KEY=GOOD_SECRET, DJANGO_DEBUG="true", DATABASE_URL="postgres://u:p@127.0.0.1:1/db"
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_refuses_sqlite():
    result = run_manage("check", DJANGO_SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=GOOD_SECRET,
        DATABASE_URL="postgres://u:p@127.0.0.1:1/db",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
def test_seed_demo_refuses_production_settings_unless_forced():
    result = run_manage("seed_demo", DJANGO_SECRET_KEY=GOOD_SECRET, DATABASE_URL="postgres://u:p@127.0.0.1:1/db")
    assert result.returncode != 0
    assert "refusing with production settings" in result.stderr


def site_url(**env):
    """SITE_URL as the base settings read it from this environment (no database needed)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    environment.update(DJANGO_SETTINGS_MODULE="network.settings.base", **env)
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_links_follow_the_port_make_run_serves_on():
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(PORT="8123") == "http://127.0.0.1:8123"


def test_a_site_url_that_is_set_wins_over_the_port():
    assert site_url(PORT="8123", SITE_URL="https://network.example.org/") == "https://network.example.org"
