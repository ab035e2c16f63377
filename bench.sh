#!/usr/bin/env bash
# Benchmarks the running system (start it first with ./run.sh) against the raw floor, in the same run.
# Modes: registrations (default), search, snapshots, gateway, replay.
# Options: --gateway URL --postgres "Host=...;Port=...;Username=..." --rabbitmq amqp://... --concurrency 1,8,32 --seconds 10 --events N
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The gateway benchmark finds the services' instances through the control plane, which needs an admin token.
ADMIN_TOKEN=${ADMIN_TOKEN:-$(./admin-token.sh 2>/dev/null || true)}
export ADMIN_TOKEN
exec dotnet run --project tests/Platform.Benchmarks -c Release -- "$@"
