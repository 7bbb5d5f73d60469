#!/usr/bin/env bash
# Run a command with throwaway PostgreSQL and Redis servers, stopped again however the command ends.
# DATABASE_URL and REDIS_URL point at them while the command runs.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
[ -n "$(pg_bin)" ] || need_packages+=(postgresql)
command -v redis-server >/dev/null || need_packages+=(redis-server)
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
# The Nu HTML checker of the browser tests runs on Java (17 or later) and is fetched with npm.
command -v java >/dev/null || need_packages+=(default-jre-headless)
command -v npm >/dev/null || need_packages+=(npm)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need_packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "Missing system packages: ${need_packages[*]} (install them, or run as root with apt-get)" >&2
    exit 1
  fi
fi
PGBIN=$(pg_bin)

make --no-print-directory install-dev
bash scripts/fetch-vnu.sh
PY=.venv/bin/python

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/network-services.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
redis_port=$(free_port)

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

cleanup() {
  set +e
  as_pg "'$PGBIN/pg_ctl' -D '$work/pg' -m immediate stop" >/dev/null 2>&1
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work/pg"
as_pg "'$PGBIN/initdb' -D '$work/pg' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
as_pg "'$PGBIN/pg_ctl' -D '$work/pg' -l '$work/pg/server.log' -w -o \"-p $pg_port -k '$work/pg' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/network"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
echo "PostgreSQL on port $pg_port, Redis on port $redis_port"

set +e
"$@"
status=$?
set -e
exit "$status"
