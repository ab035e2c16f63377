#!/usr/bin/env bash
# Runs PostgreSQL from the Debian package as a local process, for hosts without a container engine.
# Usage: postgres-local.sh DATA_DIR   (the port comes from PGPORT, which the AppHost sets)
# Creates the cluster on first use; the data survives restarts. PostgreSQL refuses to run as root,
# so as root it runs as the 'postgres' user (setpriv execs, so the AppHost's signals reach postgres itself).
set -euo pipefail
data_dir=${1:?usage: postgres-local.sh DATA_DIR}
: "${PGPORT:?PGPORT must be set}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }

run_as_owner=()
if [ "$(id -u)" = 0 ]; then run_as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

if [ ! -s "$data_dir/PG_VERSION" ]; then
  mkdir -p "$data_dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data_dir"; fi
  chmod 700 "$data_dir"
  if ! "${run_as_owner[@]}" test -w "$data_dir"; then
    echo "The postgres user cannot reach $data_dir: every folder above it must be enterable (chmod o+x)," >&2
    echo "or point Infrastructure__DataDirectory at a folder that is (for example under /var/tmp)." >&2
    exit 1
  fi
  "${run_as_owner[@]}" "$bin/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 --no-instructions >/dev/null
fi

# Loopback only, no Unix socket (its default folder may not exist), enough connections for every service's pool.
# pg_stat_statements: where the statements' time goes (the write-path breakdown in the README reads it).
exec "${run_as_owner[@]}" "$bin/postgres" -D "$data_dir" -p "$PGPORT" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300 \
  -c shared_preload_libraries=pg_stat_statements
