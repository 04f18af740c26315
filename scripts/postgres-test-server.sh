#!/usr/bin/env bash
# A throwaway PostgreSQL server for the consent-log tests and bench: Debian's
# postgresql binaries, a fresh cluster in a temporary directory, on its own port.
#   scripts/postgres-test-server.sh start [port]   prints DATABASE_URL=… on stdout
#   scripts/postgres-test-server.sh stop  [port]
#   scripts/postgres-test-server.sh restart [port] (the bench restarts the database mid-run)
# Runs the server as the `postgres` user when started as root (PostgreSQL refuses root).
set -euo pipefail
ACTION=${1:-start}
PORT=${2:-${PGPORT_TEST:-5433}}
DIR=${PG_TEST_DIR:-/tmp/nexus-consent-pg-$PORT}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): apt-get install postgresql" >&2
  exit 1
fi
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$ACTION" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      rm -rf "$DIR"; mkdir -p "$DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
      as_pg "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    # Test settings: no fsync wait per commit would hide a real server's cost, so keep fsync on;
    # the socket lives in the data directory, TCP on loopback only.
    as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1 || as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qtAc \
      "SELECT 1 FROM pg_roles WHERE rolname='consent_log'" | grep -q 1 ||
      as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "CREATE ROLE consent_log LOGIN PASSWORD 'consent_log'"
    as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname='consent_log'" | grep -q 1 ||
      as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE consent_log OWNER consent_log"
    echo "DATABASE_URL=postgres://consent_log:consent_log@127.0.0.1:$PORT/consent_log"
    ;;
  stop)
    [ -f "$DIR/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true
    ;;
  restart)
    as_pg "$BIN/pg_ctl" -D "$DIR" -m fast -w -t 60 -l "$DIR/server.log" restart >/dev/null
    ;;
  destroy)
    [ -f "$DIR/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DIR" -m immediate -w stop >/dev/null || true
    rm -rf "$DIR"
    ;;
  *) echo "usage: $0 start|stop|restart|destroy [port]" >&2; exit 2 ;;
esac
