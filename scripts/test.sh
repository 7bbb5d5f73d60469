#!/usr/bin/env bash
# The test suite against throwaway PostgreSQL and Redis (scripts/services.sh). Arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
DJANGO_SETTINGS_MODULE=network.settings.test bash scripts/services.sh .venv/bin/python -m pytest "$@"
status=$?
# pytest's 5 means no tests were collected: not a failure of the code.
[ "$status" = 5 ] && status=0
exit "$status"
