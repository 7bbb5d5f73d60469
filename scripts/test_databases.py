"""The test databases of one `make test` run, migrated once: scripts/test.sh runs this before pytest.

Migrating from scratch takes the better part of half a minute, and each pytest process (one per core in the
first phase, one in the second) would do it again for its own database. Instead the test database is created
and migrated here once, and copied (PostgreSQL's CREATE DATABASE ... TEMPLATE) under the name pytest-django
gives each parallel process (test_<name>_gw0, _gw1 ...); pytest then runs with --reuse-db, whose `migrate`
finds nothing left to apply. The databases live on the throwaway server of scripts/services.sh.

Usage: python scripts/test_databases.py PROCESSES
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.test")


def main(processes: int) -> None:
    import django

    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    for number in range(processes):
        connection.creation.clone_test_db(suffix=f"gw{number}", verbosity=0, autoclobber=True)
    connection.close()


if __name__ == "__main__":
    main(int(sys.argv[1]))
