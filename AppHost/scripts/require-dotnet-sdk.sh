#!/usr/bin/env bash
# Checks that a .NET SDK that global.json accepts is installed (its major.minor, its feature band or later),
# and says in one line what to do when none is.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
wanted=$(sed -n 's/.*"version": *"\([0-9][0-9.]*\)".*/\1/p' "$root/global.json")
band=${wanted%.*}
fail() { echo "$(basename "$0"): no .NET SDK $band ($wanted or later) $1: install the .NET $band SDK (Debian/Ubuntu package dotnet-sdk-$band), then run this again." >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || fail "(dotnet is not on PATH)"
installed=$(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1)
for sdk in $installed; do
  case "$sdk" in
    "$band".*) if [ "$(printf '%s\n%s\n' "$wanted" "${sdk%%-*}" | sort -V | head -n 1)" = "$wanted" ]; then exit 0; fi ;;
  esac
done
fail "(installed: $(echo ${installed:-none} | tr ' ' ','))"
