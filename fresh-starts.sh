#!/usr/bin/env bash
# Starts the whole Platform N times in a row (10 by default), each time on an empty data folder, as a new user's first
# ./run.sh does: waits for the ready block, registers one user and times how long until the read model has it, then
# stops with SIGTERM (as Ctrl+C) and starts the next one at once. A start that fails stops the series with its log.
# Usage: ./fresh-starts.sh [N]. It uses ./run.sh's ports, so no other ./run.sh may be running.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-10}
gateway=http://localhost:${Gateway__Port:-8080}
work=$(mktemp -d)
pid=
stop_run() { # as Ctrl+C does: every process of the run, and back only once they have exited
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" || true; fi
  pid=
}
trap 'stop_run; rm -rf "$work"' EXIT
seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }

now_ms() { date +%s%3N; }
ready_within=300

printf '%-5s %-10s %-12s %-18s %-10s\n' run ready 'first 201' 'read model after' stopped
lags=()
for run in $(seq 1 "$runs"); do
  data=$work/data-$run
  mkdir -p "$data" && chmod 755 "$work" "$data" # the postgres user must enter it
  log=$work/run-$run.log
  # Its own session, so that the stop reaches every process of the run, as Ctrl+C reaches the terminal's job.
  Infrastructure__DataDirectory=$data setsid ./run.sh > "$log" 2>&1 &
  pid=$!
  started=$(now_ms)
  until grep -q 'Platform is ready' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $(( ($(now_ms) - started) / 1000 )) -ge $ready_within ]; then
      stop_run
      echo "fresh start $run of $runs did not reach the ready block; the end of its output:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  ready=$(sed -n 's/.*Platform is ready (\([0-9.]*\) s.*/\1/p' "$log")

  sent=$(now_ms)
  id=$(curl -fsS -X POST "$gateway/api/users" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Fresh Start $run\",\"email\":\"fresh-$run-$sent@example.com\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/')
  created=$(now_ms)
  until curl -fsS -o /dev/null "$gateway/api/users/$id" 2>/dev/null; do
    if [ $(( $(now_ms) - created )) -gt 30000 ]; then echo "run $run: user $id not in the read model after 30 s" >&2; exit 1; fi
    sleep 0.01
  done
  readable=$(now_ms)
  lags+=($((readable - created)))

  stopping=$(now_ms)
  stop_run
  printf '%-5s %-10s %-12s %-18s %-10s\n' "$run" "${ready} s" "$((created - sent)) ms" "$((readable - created)) ms" \
    "$(seconds $(( $(now_ms) - stopping )))"
done

sorted=$(printf '%s\n' "${lags[@]}" | sort -n)
echo "$runs of $runs fresh starts were ready; the first registration reached the read model $(echo "$sorted" | head -n 1)–$(echo "$sorted" | tail -n 1) ms after its 201 (median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms)."
