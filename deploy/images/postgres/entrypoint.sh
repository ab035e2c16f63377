#!/bin/bash
# First start: a cluster with the password from the environment. Every start: listen on all addresses, and create
# each database named in POSTGRES_DATABASES (space or comma separated) that does not exist yet, once the server
# answers; a deployment has no AppHost to create them.
set -euo pipefail
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chmod 0700 "$PGDATA"
  initdb -D "$PGDATA" -U postgres -E UTF8 --auth-host=scram-sha-256 --auth-local=trust --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") >/dev/null
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
if [ -n "${POSTGRES_DATABASES:-}" ]; then
  (
    until pg_isready -q -h /tmp; do sleep 0.2; done
    for database in ${POSTGRES_DATABASES//,/ }; do
      psql -h /tmp -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
        || psql -h /tmp -U postgres -qc "CREATE DATABASE \"$database\"" && echo "database $database is there"
    done
  ) &
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp -c max_connections=300 \
  -c shared_preload_libraries=pg_stat_statements
