#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then runs the unit tests and the end-to-end tests (which
# start the real AppHost with its own PostgreSQL and RabbitMQ on random ports). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

AppHost/scripts/install-prerequisites.sh --tests || exit 1
dotnet build Platform.sln -nologo -clp:ErrorsOnly || exit 1

results=$(mktemp -d)
dotnet test Platform.sln --no-build --logger "trx" --results-directory "$results"
status=$?

count() { sed -n "s/.*<Counters [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" "$results"/*.trx 2>/dev/null | awk '{ n += $1 } END { print n + 0 }'; }
# Tests that measure something say so in a "Figures:" line of their output.
grep -ho 'Figures: [^<]*' "$results"/*.trx 2>/dev/null | sed "s/&apos;/'/g; s/&quot;/\"/g; s/&gt;/>/g; s/&lt;/</g; s/&amp;/\&/g"
passed=$(count passed)
failed=$(count failed)
rm -rf "$results"

if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then status=1; fi # a run that tests nothing is not a pass
echo "$passed passed, $failed failed"
exit "$status"
