#!/usr/bin/env bash
# Simulates every shard map (a consistent-hash ring at 50, 150 and 500 virtual nodes, hash mod n, jump hash, ranges)
# from 3 to 1,000 shards, and prints the load balance and the share of keys moved on adding and removing a shard,
# each beside the theory, as a Markdown table. No server is needed; the figures are the same on every run.
#   ./shard-simulation.sh            3, 10, 100 and 1,000 shards
#   ./shard-simulation.sh 3,4,5      the shard counts you name
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project sharding/Simulation -c Release -- "$@"
