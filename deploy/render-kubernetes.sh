#!/usr/bin/env bash
# Renders deploy/kubernetes/platform.yaml from the AppHost's published manifest (ADR 0028), and the overlay that runs
# its functions on Knative and KEDA, deploy/kubernetes/serverless (ADR 0048): run it after changing the AppHost; a test
# fails while a committed file differs from what this renders.
# Usage: deploy/render-kubernetes.sh [--image-prefix REGISTRY/PATH] [--tag TAG]   (localhost/platform, dev)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

Infrastructure__Mode=Containers dotnet run --project AppHost -c Release -- --environment Production --publisher manifest \
  --output-path "$work/aspire-manifest.json" > "$work/publish.log" 2>&1 \
  || { echo "render-kubernetes: publishing the AppHost's manifest failed:" >&2; tail -n 30 "$work/publish.log" >&2; exit 1; }
dotnet run --project deploy/Platform.Deploy -c Release -- kubernetes --manifest "$work/aspire-manifest.json" --out deploy/kubernetes/platform.yaml \
  --serverless deploy/kubernetes/serverless "$@"
echo "deploy/kubernetes/platform.yaml: $(grep -c '^kind:' deploy/kubernetes/platform.yaml) objects"
echo "deploy/kubernetes/serverless/functions.yaml: $(grep -c "^kind:" deploy/kubernetes/serverless/functions.yaml) objects"
