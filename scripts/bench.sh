#!/usr/bin/env bash
# Benchmarks on a throwaway PostgreSQL: builds its own data, prints times and query counts.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh bash -c '
  export DJANGO_SETTINGS_MODULE=network.settings.base
  fresh() { .venv/bin/python -c "import psycopg2, os; c = psycopg2.connect(os.environ[\"DATABASE_URL\"].rsplit(\"/\", 1)[0] + \"/postgres\"); c.autocommit = True; c.cursor().execute(\"DROP DATABASE IF EXISTS network\"); c.cursor().execute(\"CREATE DATABASE network\")" && .venv/bin/python manage.py migrate -v0; }
  fresh &&
  if [ -n "${PROFILE:-}" ]; then .venv/bin/python manage.py bench_mail --data-only && .venv/bin/python manage.py shell < "$PROFILE"; else .venv/bin/python manage.py bench_mail "$@" && fresh && .venv/bin/python manage.py collectstatic --no-input -v0 && .venv/bin/python manage.py bench_pages; fi
' bench "$@"
