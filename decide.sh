#!/usr/bin/env bash
# Evaluates a decision file: the weighted matrix (scores given with a reason, or computed from measured figures
# through utility curves), weights given or derived by AHP, and the ranking's sensitivity.
#   ./decide.sh docs/decisions/example.yaml     prints the ranking; writes example.report.md, .report.json and
#                                              example.chart.svg beside the file (--out DIR to write elsewhere)
# The file's format: docs/decisions/README.md. Needs the .NET SDK, which ./run.sh installs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Built quietly first, so that the command's own output is all that prints; a build error still shows.
dotnet build "$here/decisions/Command" -c Release -nologo -v quiet -clp:ErrorsOnly > /dev/null || dotnet build "$here/decisions/Command" -c Release -nologo -clp:ErrorsOnly
exec dotnet "$here/decisions/Command/bin/Release/net10.0/decide.dll" "$@"
