#!/usr/bin/env bash
# Runs the whole Platform: checks the ports and the .NET SDK, installs what is missing, builds, and starts the
# Aspire AppHost, which starts PostgreSQL, RabbitMQ, the services and the gateway, and prints one block when
# everything is healthy. A resource that fails stops the run with its last log lines and a non-zero exit.
# Stop with Ctrl+C (or SIGTERM): every process it started stops with it; the data stays (see the ready block).
# ./run.sh --monolith runs the same modules in one process on the same port instead (ADR 0053): no broker, no gateway.
set -euo pipefail
for option in "$@"; do
  case "$option" in
    --monolith) export Platform__Shape=Monolith ;;
    *) echo "run.sh: unknown option '$option'; the one option is --monolith" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The AppHost counts the start-up time from here, build included: it is what the person at the terminal waits.
export PLATFORM_RUN_STARTED_AT=${PLATFORM_RUN_STARTED_AT:-$(date +%s%3N)}

AppHost/scripts/require-free-ports.sh
AppHost/scripts/install-prerequisites.sh
# Release: the services run as they would be deployed (the AppHost starts them in its own configuration).
dotnet build AppHost/Platform.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
exec dotnet run --project AppHost/Platform.AppHost.csproj -c Release --no-build --launch-profile http
