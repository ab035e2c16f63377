#!/usr/bin/env bash
# Benchmarks the running system (start it first with ./run.sh) against its raw floors, in the same run.
#   ./bench.sh                      the suite: every scenario, live progress, a results table, and the same as
#                                   Markdown in bench-results/ (--only registration,appends,bus,gateway-read,orders,mails,replay)
#   ./bench.sh search | snapshots   search at 100,000 users; loading a long-lived user with and without a snapshot
#   ./bench.sh functions            the register-user function: 20 cold starts (request → ready → first byte), warm
#                                   beside user-command, idle memory; the welcome mail's delay, by the email service and by
#                                   send-welcome-mail from zero
#   ./bench.sh shapes               the same work against the monolith, the microservices and the serverless shape, each
#                                   started here in turn from a fresh data folder (stop ./run.sh first): start, cold
#                                   request, memory, latency, throughput, CPU per request, a crash, deployables, lines of code;
#                                   writes bench-results/shapes.json for ./decide.sh (--seconds: the steady phase; the burst twice that)
#   ./bench.sh function-starts      the function's start under each runtime setting: JIT, tiered, ReadyToRun (--rounds 10)
#   ./bench.sh sustained            registrations offered at fixed rates, open loop (--rates 25,50,100,150,200, --seconds 60
#                                   each): read-model lag, backlog, welcome-mail lag, the highest rate sustained; then
#                                   orders alike (--order-rates 5,10,20,40): workflow lag, backlog, the highest rate sustained
# Options: --concurrency 1,8,32 --seconds 10 --messages 20000 --mails 1000 --events 100000 --rounds 10 --markdown FILE
# Where the system listens comes from AppHost/appsettings.json and the gateway's control plane.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The suite finds the services' instances through the control plane, which needs an admin token.
ADMIN_TOKEN=${ADMIN_TOKEN:-$(./admin-token.sh 2>/dev/null || true)}
export ADMIN_TOKEN
# The dashboard's telemetry API (where a registration's time goes, span by span) takes the key the AppHost keeps in
# its user secrets.
DASHBOARD_API_KEY=${DASHBOARD_API_KEY:-$(python3 -c 'import json, os, sys
path = os.path.join(os.environ.get("DOTNET_USER_SECRETS_DIR") or os.path.expanduser("~/.microsoft/usersecrets"), "platform-apphost", "secrets.json")
print(json.load(open(path, encoding="utf-8-sig")).get("AppHost:DashboardApiKey", "") if os.path.exists(path) else "")' 2>/dev/null || true)}
export DASHBOARD_API_KEY
# The shapes are started here from the AppHost's Release build, as ./run.sh starts them.
if [ "${1:-}" = shapes ]; then dotnet build AppHost/Platform.AppHost.csproj -c Release -nologo -clp:ErrorsOnly; fi
exec dotnet run --project tests/Platform.Benchmarks -c Release -- "$@"
