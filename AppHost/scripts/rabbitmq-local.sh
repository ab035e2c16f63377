#!/usr/bin/env bash
# Runs RabbitMQ from the Debian package as a local process, for hosts without a container engine.
# Usage: rabbitmq-local.sh DATA_DIR   (the AMQP port comes from RABBITMQ_NODE_PORT, which the AppHost sets; the
# management API's, for the gateway's topology, from RABBITMQ_MANAGEMENT_PORT)
# Everything the node writes (cookie, Mnesia, logs) stays under DATA_DIR, so several nodes can run side by side.
set -euo pipefail
data_dir=${1:?usage: rabbitmq-local.sh DATA_DIR}
: "${RABBITMQ_NODE_PORT:?RABBITMQ_NODE_PORT must be set}"
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "RabbitMQ is not installed: apt-get install -y rabbitmq-server" >&2; exit 1; }

mkdir -p "$data_dir/home" "$data_dir/mnesia" "$data_dir/log"
data_dir=$(cd "$data_dir" && pwd)

# The Erlang distribution port defaults to AMQP port + 20000, which overflows for high ports: the AppHost allocates one
# (RABBITMQ_DIST_PORT); run on its own, the script picks a free one.
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
dist_port=${RABBITMQ_DIST_PORT:-}
while [ -z "$dist_port" ]; do
  candidate=$((20000 + RANDOM % 10000))
  if port_is_free "$candidate"; then dist_port=$candidate; fi
done

# The management plugin's port can only be set in the config file; it listens on loopback like the node.
if [ -n "${RABBITMQ_MANAGEMENT_PORT:-}" ]; then
  echo '[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management].' > "$data_dir/enabled_plugins"
  printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$RABBITMQ_MANAGEMENT_PORT" > "$data_dir/rabbitmq.conf"
else
  echo '[].' > "$data_dir/enabled_plugins"
  : > "$data_dir/rabbitmq.conf"
fi

export HOME="$data_dir/home"
export RABBITMQ_CONF_ENV_FILE=/dev/null
export RABBITMQ_NODENAME="platform-$(printf '%s' "$data_dir" | sha1sum | cut -c1-12)@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_DIST_PORT=$dist_port
export RABBITMQ_MNESIA_BASE="$data_dir/mnesia"
export RABBITMQ_LOG_BASE="$data_dir/log"
export RABBITMQ_LOGS=-
export RABBITMQ_CONFIG_FILE="$data_dir/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$data_dir/enabled_plugins"
export RABBITMQ_PID_FILE="$data_dir/rabbitmq.pid"
export ERL_CRASH_DUMP="$data_dir/log/erl_crash.dump" # a node that cannot boot leaves its dump with its data, not in the caller's folder
export ERL_EPMD_ADDRESS=127.0.0.1
exec "$server"
