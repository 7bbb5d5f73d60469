#!/usr/bin/env bash
# The test suite against throwaway PostgreSQL and Redis (scripts/services.sh), in two pytest runs on the
# same servers. Arguments go to both (paths, -k, -x, --durations ...; not -m, which names the phases).
#   0. the test database is migrated once and copied for each process (scripts/test_databases.py);
#   1. every test but those marked `worker` or `e2e`, spread over one process per core (pytest-xdist;
#      TEST_PROCESSES sets how many), each with a test database and a Redis cache of its own;
#   2. the tests marked `worker` (a real Celery worker on the shared Redis queues) and `e2e` (Chromium
#      against a live server), one at a time in one process.
# Both phases always run; the exit status is the first failing phase's. pytest's 5 means no tests were
# collected (a path holding only one kind of test): not a failure of the code.
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=network.settings.test

if [ "${1:-}" != "--phases" ]; then
  exec bash scripts/services.sh bash scripts/test.sh --phases "$@"
fi
shift

PY=.venv/bin/python
processes=${TEST_PROCESSES:-$(nproc)}
started=$SECONDS

"$PY" scripts/test_databases.py "$processes" || exit 1
echo "== test databases migrated and copied in $((SECONDS - started)) s"
started=$SECONDS

echo "== 1/2: tests without a worker or a browser, in parallel (-n $processes)"
"$PY" -m pytest --reuse-db -n "$processes" -m "not worker and not e2e" "$@"
first=$?
[ "$first" = 5 ] && first=0
echo "== 1/2 took $((SECONDS - started)) s"

started=$SECONDS
echo "== 2/2: tests with the Celery worker or the browser, one at a time"
"$PY" -m pytest --reuse-db -m "worker or e2e" "$@"
second=$?
[ "$second" = 5 ] && second=0
echo "== 2/2 took $((SECONDS - started)) s"

[ "$first" != 0 ] && exit "$first"
exit "$second"
