#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, then runs the unit tests and the end-to-end tests (which
# start the real AppHost with its own PostgreSQL and RabbitMQ on random ports), and last, never beside an AppHost,
# the deployment test (./deploy.sh under podman; skipped, with the reason, where podman cannot run).
# Ends with "N passed, N failed, N skipped".
# ./test.sh --containers runs the same suite with Aspire's container mode: PostgreSQL, RabbitMQ and the SMTP server as
# containers of the Platform's own images, under podman.
# ./test.sh --quick runs the unit and architecture tests alone (tests/Platform.*.Tests), in a minute or two: a first
# look, and the inner loop. At the end, every run prints where its time went: the build and each test project.
# One build serves every part: the tests, ./run.sh (which RunScriptTests starts), ./deploy.sh's rendering and its images
# all use the Release configuration, so none of them compiles the solution a second time.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mode=${1:-}

if [ "$mode" = --quick ]; then
  AppHost/scripts/install-prerequisites.sh || exit 1 # the hosting tests use the real postgres user
else
  AppHost/scripts/install-prerequisites.sh --tests --containers || exit 1
fi
built_at=$SECONDS
dotnet build Platform.sln -c Release -nologo -clp:ErrorsOnly || exit 1
build_seconds=$((SECONDS - built_at))
if [ "$mode" = --containers ]; then
  deploy/build-images.sh || exit 1
  export Infrastructure__Mode=Containers ASPIRE_CONTAINER_RUNTIME=podman CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"
fi

results=$(mktemp -d)
status=0
if [ "$mode" = --quick ]; then
  for project in tests/Platform.*.Tests/*.csproj; do
    dotnet test "$project" -c Release --no-build --logger "trx" --results-directory "$results" || status=1
  done
else
  dotnet test Platform.sln -c Release --no-build --logger "trx" --results-directory "$results" --filter "Category!=Deployment" || status=1
  dotnet test tests/Platform.EndToEndTests -c Release --no-build --logger "trx" --results-directory "$results" --filter "Category=Deployment" \
    || status=1
fi

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
# Where the time went: the build, then each test run in the order they ran (the end-to-end project's second run is the
# deployment test).
python3 - "$build_seconds" "$results"/*.trx <<'PY'
import datetime, html, re, sys
def seconds(text):
    return datetime.datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", text)).timestamp()
def span(total):
    return f"{int(total // 60)} min {int(total % 60)} s" if total >= 60 else f"{total:.1f} s"
runs = []
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    times = re.search(r'<Times [^>]*start="([^"]+)"[^>]*finish="([^"]+)"', text)
    assembly = re.search(r'<TestMethod [^>]*codeBase="([^"]+)"', text)
    if not (times and assembly):
        continue
    name = re.sub(r"\.dll$", "", assembly.group(1).replace("\\", "/").split("/")[-1])
    runs.append((seconds(times.group(1)), name, seconds(times.group(2)) - seconds(times.group(1))))
seen = {}
parts = [f"build {span(float(sys.argv[1]))}"]
for _, name, took in sorted(runs):
    seen[name] = seen.get(name, 0) + 1
    parts.append(f"{name}{' (deployment)' if seen[name] > 1 else ''} {span(took)}")
print("time: " + ", ".join(parts))
# The slowest tests, so that a run which grew says which tests grew.
slowest = []
for path in sys.argv[2:]:
    for name, took in re.findall(r'<UnitTestResult [^>]*testName="([^"]+)"[^>]*duration="([0-9:.]+)"', open(path, encoding="utf-8").read()):
        h, m, s = took.split(":")
        slowest.append((int(h) * 3600 + int(m) * 60 + float(s), name))
slowest.sort(reverse=True)
def short(name):  # Class.Method(arguments), without the namespace
    method, _, arguments = name.partition("(")
    return ".".join(method.split(".")[-2:]) + (f"({arguments}" if arguments else "")
print("slowest: " + ", ".join(f"{short(html.unescape(name))} {span(took)}" for took, name in slowest[:12]))
PY
rm -rf "$results"

if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then status=1; fi # a run that tests nothing is not a pass
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
