#!/usr/bin/env bash
# Deploys the whole Platform as containers on this machine, with podman and the Kubernetes manifests (ADRs 0028, 0029):
#   ./deploy.sh                  builds the images, renders the pods from the AppHost's manifest, plays them with
#                                `podman kube play`, waits until every container passes its readiness probe, and prints
#                                the gateway's and the dashboard's addresses
#   ./deploy.sh --down           removes the pods and the secret, and keeps the data volumes and their passwords
#   ./deploy.sh --down --volumes removes the volumes and the generated passwords too
# The generated passwords are kept with the data, in a podman volume of the deployment's own (NAME-deployment), not
# in the clone: any checkout that deploys under the same name meets its data with the passwords it was made with.
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
keep=$name-deployment # the passwords and the names of the data volumes, kept beside the data on this machine

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

# The data volumes, as the kept list, this checkout's rendering and the committed manifest name them (the last two are
# the same while CommittedManifestsTests passes; the committed one is there before any rendering).
data_volumes() {
  { if podman volume exists "$keep"; then podman volume export "$keep" | tar -xOf - volumes 2>/dev/null; fi
    if [ -f "$state/platform.yaml" ]; then sed -n 's/^ *claimName: //p' "$state/platform.yaml"; fi
    awk '/^  volumeClaimTemplates:/ { claims = 1; next } /^(---|[^ ]|  [^ -])/ { claims = 0 }
         claims && /^  - metadata:/ { named = 1; next } claims && named && /^      name: / { print $2; named = 0 }' \
      deploy/kubernetes/platform.yaml | sed "s/^/$name-/"
  } | sort -u
}

if $down; then
  # The deployment's pods are the Platform's on its network: found by label, so that --down works without the state too.
  pods=$(podman pod ps -q --filter label=app.kubernetes.io/part-of=platform --filter network="$network")
  if [ -n "$pods" ]; then
    podman pod rm -f $pods >/dev/null # word-split: one id per pod
  fi
  podman secret rm "$secret" >/dev/null 2>&1 || true
  podman network rm -f "$network" >/dev/null 2>&1 || true
  if $volumes; then
    for volume in $(data_volumes); do
      podman volume rm -f "$volume" >/dev/null 2>&1 || true
    done
    podman volume rm -f "$keep" >/dev/null 2>&1 || true
    rm -rf "$state"
    echo "The Platform's pods, secret, volumes and passwords are removed."
  else
    echo "The Platform's pods are removed; its data volumes and their passwords are kept (./deploy.sh --down --volumes removes them)."
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
# The passwords this deployment's data was made with, whichever checkout made it. A checkout that deployed before
# they were kept in the volume brings its own (they made the data); otherwise new ones are generated below.
kept=false
if podman volume exists "$keep"; then
  podman volume export "$keep" | tar -xf - -C "$state" parameters.json
  kept=true
elif [ -f "$state/parameters.json" ]; then
  kept=true
fi

# Data whose passwords are gone cannot be opened: say so at once, before the rendering, not after the readiness timeout.
refuse_data_without_passwords() {
  $kept && return 0
  for volume in $(data_volumes); do
    if podman volume exists "$volume"; then
      echo "deploy: the volume $volume holds data of the deployment '$name', made with passwords this machine no longer has" >&2
      echo "(a deployment keeps them in the volume $keep, which is missing). Start afresh, deleting that data: PLATFORM_DEPLOY_NAME=$name ./deploy.sh --down --volumes" >&2
      rm -f "$state/parameters.json" # generated by this run: kept, they would pass for the data's own next time
      exit 1
    fi
  done
}
refuse_data_without_passwords

echo "Rendering the pods from the AppHost's manifest ..."
Infrastructure__Mode=Containers Infrastructure__ImageTag="$tag" \
  dotnet run --project AppHost -c Release -- --environment Production --publisher manifest --output-path "$PWD/$state/aspire-manifest.json" \
  > "$state/publish.log" 2>&1 || { echo "deploy: publishing the AppHost's manifest failed:" >&2; tail -n 30 "$state/publish.log" >&2; exit 1; }
dotnet run --project deploy/Platform.Deploy -c Release -- podman --manifest "$state/aspire-manifest.json" --parameters "$state/parameters.json" \
  --out "$state" --name "$name" --tag "$tag" --gateway-port "$gateway_port" --dashboard-port "$dashboard_port"

refuse_data_without_passwords # again, with the volumes this rendering names, in case the AppHost changed them
sed -n 's/^ *claimName: //p' "$state/platform.yaml" | sort -u > "$state/volumes"
podman volume exists "$keep" || podman volume create "$keep" >/dev/null
tar -cf - -C "$state" parameters.json volumes | podman volume import "$keep" -

if $build; then deploy/build-images.sh --tag "$tag"; fi

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
