#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then runs the unit tests and the end-to-end tests (which
# start the real AppHost with its own PostgreSQL and RabbitMQ on random ports), and last, never beside an AppHost,
# the deployment test (./deploy.sh under podman; skipped, with the reason, where podman cannot run).
# Ends with "N passed, N failed, N skipped".
# ./test.sh --containers runs the same suite with Aspire's container mode: PostgreSQL, RabbitMQ and the SMTP server as
# containers of the Platform's own images, under podman.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

AppHost/scripts/install-prerequisites.sh --tests --containers || exit 1
dotnet build Platform.sln -nologo -clp:ErrorsOnly || exit 1
if [ "${1:-}" = --containers ]; then
  deploy/build-images.sh || exit 1
  export Infrastructure__Mode=Containers ASPIRE_CONTAINER_RUNTIME=podman CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"
fi

results=$(mktemp -d)
dotnet test Platform.sln --no-build --logger "trx" --results-directory "$results" --filter "Category!=Deployment"
status=$?
dotnet test tests/Platform.EndToEndTests --no-build --logger "trx" --results-directory "$results" --filter "Category=Deployment" \
  || status=1

count() { sed -n "s/.*<Counters [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" "$results"/*.trx 2>/dev/null | awk '{ n += $1 } END { print n + 0 }'; }
# Tests that measure something say so in a "Figures:" line of their output.
grep -ho 'Figures: [^<]*' "$results"/*.trx 2>/dev/null | sed "s/&apos;/'/g; s/&quot;/\"/g; s/&gt;/>/g; s/&lt;/</g; s/&amp;/\&/g"
passed=$(count passed)
failed=$(count failed)
skipped=$(( $(count total) - $(count executed) ))
# A skipped test says why, once per reason.
python3 - "$results"/*.trx <<'PY'
import html, re, sys
reasons = set()
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for result in re.findall(r'<UnitTestResult [^>]*outcome="NotExecuted".*?</UnitTestResult>', text, re.S):
        reasons.update(html.unescape(message) for message in re.findall(r"<Message>(.*?)</Message>", result, re.S))
for reason in sorted(reasons):
    print(f"skipped: {reason}")
PY
rm -rf "$results"

if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then status=1; fi # a run that tests nothing is not a pass
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
