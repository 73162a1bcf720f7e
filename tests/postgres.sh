#!/usr/bin/env bash
# Sourced by test.sh: a throwaway PostgreSQL cluster for the store tests, on 127.0.0.1 only, in a temporary
# directory, removed on exit. Installs Debian's postgresql when missing. Exports CASEFILE_TEST_PG
# (postgres://…) when the server is up; without it the PostgreSQL tests skip (and fail under CI=true).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "installing Debian's postgresql for the store tests…"
  { as_root apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 \
    || { as_root apt-get update >/dev/null 2>&1 && as_root apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; }; } \
    || echo "warning: could not install postgresql; the PostgreSQL tests will skip, or fail under CI=true"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/casefile-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_dir"
    pg_as() { runuser -u postgres -- "$@"; }
  else
    pg_as() { "$@"; }
  fi
  pg_user=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
  if pg_as "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U "$pg_user" -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
    && pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null \
    && pg_as "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" casefile_test; then
    export CASEFILE_TEST_PG="postgres://$pg_user@127.0.0.1:$pg_port/casefile_test"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port for the store tests"
  else
    echo "warning: could not start PostgreSQL (logs in $pg_dir); the PostgreSQL tests will skip, or fail under CI=true"
    cat "$pg_dir"/*.log 2>/dev/null | tail -n 5
  fi
  pg_cleanup() {
    pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap pg_cleanup EXIT
fi
