#!/usr/bin/env bash
# Runs the whole Platform: installs what is missing, builds, and starts the Aspire AppHost, which starts
# PostgreSQL, RabbitMQ, the services and the gateway. Gateway: http://localhost:8080; dashboard: the login URL
# printed below. Stop with Ctrl+C (or SIGTERM): every process it started stops with it; data stays in .data/.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

AppHost/infrastructure/install-prerequisites.sh
# Release: the services run as they would be deployed (the AppHost starts them in its own configuration).
dotnet build AppHost/Platform.AppHost.csproj -c Release -nologo -clp:ErrorsOnly
exec dotnet run --project AppHost/Platform.AppHost.csproj -c Release --no-build --launch-profile http
