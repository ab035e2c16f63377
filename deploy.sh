#!/usr/bin/env bash
# Deploys the whole Platform as containers on this machine, with podman and the Kubernetes manifests (ADRs 0028, 0029):
#   ./deploy.sh                  builds the images, renders the pods from the AppHost's manifest, plays them with
#                                `podman kube play`, waits until every container passes its readiness probe, and prints
#                                the gateway's and the dashboard's addresses
#   ./deploy.sh --down           removes the pods and the secret, and keeps the data volumes
#   ./deploy.sh --down --volumes removes the volumes and the generated passwords too
# Options: --no-build (use the images already built). Environment: PLATFORM_GATEWAY_PORT (8000),
# PLATFORM_DASHBOARD_PORT (18000), PLATFORM_IMAGE_TAG (dev), PLATFORM_DEPLOY_TIMEOUT (seconds, 300), and
# PLATFORM_DEPLOY_NAME (platform): the name of its network, Secret and volumes, so that another deployment (the
# deployment test's) never touches this one's data. The pods are named after the services, so one runs at a time.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"

name=${PLATFORM_DEPLOY_NAME:-platform}
state=.data/deploy/$name # what this deployment keeps on this machine: its passwords and the rendered pods
tag=${PLATFORM_IMAGE_TAG:-dev}
gateway_port=${PLATFORM_GATEWAY_PORT:-8000}
dashboard_port=${PLATFORM_DASHBOARD_PORT:-18000}
timeout=${PLATFORM_DEPLOY_TIMEOUT:-300}
network=$name
secret=$name-secrets

down=false volumes=false build=true
for option in "$@"; do
  case $option in
    --down) down=true ;;
    --volumes) volumes=true ;;
    --no-build) build=false ;;
    *) echo "deploy: unknown option $option (--down [--volumes], --no-build)" >&2; exit 2 ;;
  esac
done

AppHost/scripts/install-prerequisites.sh --containers

if $down; then
  # The deployment's pods are the Platform's on its network: found by label, so that --down works without the state too.
  pods=$(podman pod ps -q --filter label=app.kubernetes.io/part-of=platform --filter network="$network")
  if [ -n "$pods" ]; then
    podman pod rm -f $pods >/dev/null # word-split: one id per pod
  fi
  podman secret rm "$secret" >/dev/null 2>&1 || true
  podman network rm -f "$network" >/dev/null 2>&1 || true
  if $volumes && [ -f "$state/platform.yaml" ]; then
    for volume in $(sed -n 's/^ *claimName: //p' "$state/platform.yaml" | sort -u); do
      podman volume rm -f "$volume" >/dev/null 2>&1 || true
    done
    rm -rf "$state"
    echo "The Platform's pods, secret, volumes and passwords are removed."
  else
    echo "The Platform's pods are removed; its data volumes are kept (./deploy.sh --down --volumes removes them)."
  fi
  exit 0
fi

others=$(podman pod ps --filter label=app.kubernetes.io/part-of=platform --format '{{.Networks}}' | sort -u | grep -vx "$network" || true)
if [ -n "$others" ]; then
  echo "deploy: the deployment '$others' runs on this machine, and its pods have the same names: stop it first (PLATFORM_DEPLOY_NAME=$others ./deploy.sh --down)." >&2
  exit 1
fi

started=$SECONDS
mkdir -p "$state"
if $build; then deploy/build-images.sh --tag "$tag"; fi

echo "Rendering the pods from the AppHost's manifest ..."
Infrastructure__Mode=Containers Infrastructure__ImageTag="$tag" \
  dotnet run --project AppHost -- --environment Production --publisher manifest --output-path "$PWD/$state/aspire-manifest.json" \
  > "$state/publish.log" 2>&1 || { echo "deploy: publishing the AppHost's manifest failed:" >&2; tail -n 30 "$state/publish.log" >&2; exit 1; }
dotnet run --project deploy/Platform.Deploy -- podman --manifest "$state/aspire-manifest.json" --parameters "$state/parameters.json" \
  --out "$state" --name "$name" --tag "$tag" --gateway-port "$gateway_port" --dashboard-port "$dashboard_port"

# Pods find each other by name through the network's DNS (the dnsname plugin); a network made without it is remade.
if podman network exists "$network" && [ "$(podman network inspect "$network" --format '{{.DNSEnabled}}')" != true ]; then
  podman network rm -f "$network" >/dev/null
fi
podman network exists "$network" || podman network create "$network" >/dev/null
podman secret rm "$secret" >/dev/null 2>&1 || true
podman secret create "$secret" "$state/secret.json" >/dev/null

echo "Starting the pods ..."
played=$SECONDS
podman kube play --replace --network "$network" "$state/platform.yaml" > "$state/play.log" 2>&1 \
  || { echo "deploy: podman kube play failed:" >&2; tail -n 30 "$state/play.log" >&2; exit 1; }

# Ready when each container's readiness probe passes, run in it as a cluster would; a container that keeps failing is
# named with its last log lines.
declare -A ready=() containers=()
total=$(wc -l < "$state/readiness.tsv")
last_report=0
while [ ${#ready[@]} -lt "$total" ]; do
  waiting=()
  while IFS=$'\t' read -r -a check; do
    pod=${check[0]} container=${check[1]}
    containers[$pod]=$container
    [ -n "${ready[$pod]:-}" ] && continue
    if podman exec "$container" "${check[@]:2}" >/dev/null 2>&1; then
      ready[$pod]=$((SECONDS - played))
      echo "  $pod is ready (${ready[$pod]} s)"
    else
      waiting+=("$pod")
    fi
  done < "$state/readiness.tsv"
  [ ${#waiting[@]} -eq 0 ] && break
  if [ $((SECONDS - played)) -ge "$timeout" ]; then
    echo "deploy: not ready after $timeout s: ${waiting[*]}" >&2
    for pod in "${waiting[@]}"; do
      echo "--- $pod: $(podman ps -a --filter "name=^${containers[$pod]}\$" --format '{{.Status}}')" >&2
      podman logs --tail 20 "${containers[$pod]}" >&2 2>&1 || true
    done
    exit 1
  fi
  if [ $((SECONDS - last_report)) -ge 10 ]; then
    echo "  waiting for ${waiting[*]} ($((SECONDS - played)) s)"
    last_report=$SECONDS
  fi
  sleep 1
done

token=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["dashboard-browser-token"])' "$state/parameters.json")
echo
echo "The Platform runs as containers: ready $((SECONDS - played)) s after the pods started, $((SECONDS - started)) s in all."
echo "  Gateway:   http://localhost:$gateway_port   (e.g. curl http://localhost:$gateway_port/api/users)"
echo "  Dashboard: http://localhost:$dashboard_port/login?t=$token"
echo "  Pods:      podman pod ps; logs: podman logs <pod>-<pod>, e.g. podman logs gateway-gateway; stop: ./deploy.sh --down"
