#!/usr/bin/env bash
# Benchmarks the running system (start it first with ./run.sh) against the raw floor, in the same run.
# Options: --gateway URL --postgres "Host=...;Port=...;Username=..." --concurrency 1,8,32 --seconds 10
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project tests/Platform.Benchmarks -c Release -- "$@"
