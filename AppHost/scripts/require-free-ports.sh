#!/usr/bin/env bash
# Checks, before anything is built or started, that the fixed ports of a dev run are free: the gateway, the
# dashboard and its two service endpoints, PostgreSQL, RabbitMQ and its management API (environment variables override
# AppHost/appsettings.json, as they do for the AppHost). A second ./run.sh is refused here, in one line.
set -euo pipefail
apphost=$(cd "$(dirname "$0")/.." && pwd)
setting() { sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p" "$apphost/appsettings.json" | head -n 1; }
url_port() { sed -n "s/.*\"$1\": *\"http[s]*:\/\/[^:]*:\([0-9]*\).*/\1/p" "$apphost/Properties/launchSettings.json" | head -n 1; }

ports=(
  "${Gateway__Port-$(setting Port)}:gateway"
  "$(url_port applicationUrl):dashboard"
  "$(url_port ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL):dashboard telemetry"
  "$(url_port ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL):dashboard resource service"
  "${Infrastructure__PostgresPort-$(setting PostgresPort)}:PostgreSQL"
  "${Infrastructure__SmtpPort-$(setting SmtpPort)}:SMTP"
)
if [ "${Platform__Shape-}" != "Monolith" ]; then # the monolith has no broker
  ports+=("${Infrastructure__RabbitMqPort-$(setting RabbitMqPort)}:RabbitMQ"
    "${Infrastructure__RabbitMqManagementPort-$(setting RabbitMqManagementPort)}:RabbitMQ management")
fi

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
holder() { # " (PORT: NAME, pid N)", where ss can tell
  command -v ss >/dev/null 2>&1 || return 0
  local pid
  pid=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  [ -n "$pid" ] || return 0
  echo " ($1: $(basename "$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | head -n 1)"), pid $pid)"
}

busy=()
owner=""
for entry in "${ports[@]}"; do
  port=${entry%%:*}
  if [ -n "$port" ] && in_use "$port"; then
    busy+=("$port (${entry#*:})")
    [ -n "$owner" ] || owner=$(holder "$port")
  fi
done

if [ ${#busy[@]} -gt 0 ]; then
  list=$(printf '%s, ' "${busy[@]}")
  echo "run.sh: already in use: port ${list%, }${owner}. Is ./run.sh already running? Stop it (Ctrl+C in its terminal), or free the port." >&2
  exit 1
fi
