#!/usr/bin/env bash
# Builds every image of the Platform with podman, from Debian's packages, with no registry to pull from (ADR 0027):
#   localhost/platform-base:bookworm     Debian minbase, made by mmdebstrap (kept between runs)
#   localhost/platform-dotnet:10.0       the .NET runtime the services run on
#   localhost/platform/<service>:TAG     user-command, user-query, order, email, analytics, chat, gateway, and the functions
#                                        register-user and send-welcome-mail: the SDK's own
#                                        container publishing, onto platform-dotnet through a registry that lives
#                                        only while this script runs
#   localhost/platform/<server>:TAG      postgres, rabbitmq, smtp: from Debian's packages (deploy/images/<server>)
#   localhost/platform/dashboard:TAG     the standalone Aspire dashboard, from the Aspire.Dashboard.Sdk NuGet package
# Usage: deploy/build-images.sh [--tag TAG] [--push REGISTRY]   (TAG: dev by default). Prints each image's size and
# build time; --push then pushes every image as REGISTRY/platform/<name>:TAG (for a cluster: deploy/kubernetes).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=dev push=
while [ $# -gt 0 ]; do
  case $1 in
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --push) push=${2:?--push needs a registry}; shift 2 ;;
    *) echo "build-images: unknown option $1 (--tag TAG, --push REGISTRY)" >&2; exit 2 ;;
  esac
done

AppHost/scripts/install-prerequisites.sh --containers
export CONTAINERS_CONF="$PWD/deploy/podman/containers.conf"
work=$(mktemp -d)
registry_pid=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

report=()
timed() { # name, command...: runs it, fails loudly with its output, and records the seconds it took
  local name=$1 started=$SECONDS
  shift
  if ! "$@" > "$work/step.log" 2>&1; then
    echo "build-images: building $name failed:" >&2
    tail -n 30 "$work/step.log" >&2
    exit 1
  fi
  report+=("$name $((SECONDS - started))")
  echo "  $name: $((SECONDS - started)) s"
}

echo "Building the Platform's images (tag $tag) ..."
# The images this run replaces, removed at the end once no tag names them: each build left about 3 GB behind.
platform_images() { podman images --format '{{.ID}} {{.Repository}}' | awk '$2 ~ /^localhost\/platform(\/|-dotnet$)/ { print $1 }' | sort -u; }
previous=$(platform_images)
if ! podman image exists localhost/platform-base:bookworm; then
  base() {
    mmdebstrap --variant=minbase --include=ca-certificates bookworm "$work/rootfs.tar"
    podman import --change 'CMD ["/bin/bash"]' "$work/rootfs.tar" localhost/platform-base:bookworm
  }
  timed platform-base base
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime() {
  mkdir -p "$work/dotnet/dotnet"
  cp deploy/images/dotnet/Containerfile "$work/dotnet/"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$work/dotnet/dotnet/"
  podman build -q -t localhost/platform-dotnet:10.0 "$work/dotnet"
}
timed platform-dotnet runtime

for server in postgres rabbitmq smtp; do
  timed "$server" podman build -q -t "localhost/platform/$server:$tag" "deploy/images/$server"
done

# The dashboard ships as a NuGet package that the AppHost restores: its tools/ folder is the whole application.
dashboard() {
  dotnet restore AppHost -nologo -v q >/dev/null
  local packages version
  packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
  version=$(sed -n 's/.*"Aspire.Dashboard.Sdk.linux-x64\/\([^"]*\)".*/\1/p' AppHost/obj/project.assets.json | head -n 1)
  [ -n "$version" ] || { echo "the AppHost's restore names no Aspire.Dashboard.Sdk.linux-x64 package"; return 1; }
  mkdir -p "$work/dashboard"
  cp deploy/images/dashboard/Containerfile "$work/dashboard/"
  cp -a "$packages/aspire.dashboard.sdk.linux-x64/$version/tools" "$work/dashboard/tools"
  podman build -q -t "localhost/platform/dashboard:$tag" "$work/dashboard"
}
timed dashboard dashboard

# The SDK publishes onto a base image it fetches from a registry, and cannot read podman's storage: a registry on
# loopback, for the length of this script, serves it platform-dotnet. "localhost:PORT" makes the SDK use plain HTTP.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/registry" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
podman push -q --tls-verify=false localhost/platform-dotnet:10.0 "127.0.0.1:$port/platform-dotnet:10.0" >/dev/null

publish() { # project, image name, then any more publish options
  dotnet publish "$1" -c Release -t:PublishContainer -nologo -clp:ErrorsOnly "${@:3}" \
    -p:ContainerBaseImage="localhost:$port/platform-dotnet:10.0" -p:ContainerRepository="platform/$2" -p:ContainerImageTag="$tag" \
    -p:ContainerArchiveOutputPath="$work/$2.tar.gz" -o "$work/publish/$2"
  podman load -q -i "$work/$2.tar.gz" >/dev/null
  podman tag "docker.io/platform/$2:$tag" "localhost/platform/$2:$tag"
  podman rmi -f "docker.io/platform/$2:$tag" >/dev/null
}
# The functions are published ReadyToRun: precompiled, an instance is ready about 30% sooner (ADR 0049); only the
# assemblies an instance loads are precompiled, each function's ReadyToRunAtStart (ADR 0064).
while read -r project name options; do
  # shellcheck disable=SC2086 # the options are words
  timed "$name" publish "$project" "$name" $options
done <<'EOF'
services/UserCommand/Platform.UserCommand.csproj user-command
services/UserQuery/Platform.UserQuery.csproj user-query
services/Order/Platform.Order.csproj order
services/Email/Platform.Email.csproj email
services/Analytics/Platform.Analytics.csproj analytics
services/Chat/Platform.Chat.csproj chat
gateway/Platform.Gateway.csproj gateway
functions/RegisterUser/Platform.Functions.RegisterUser.csproj register-user -r linux-x64 --self-contained false -p:PublishReadyToRun=true
functions/SendWelcomeMail/Platform.Functions.SendWelcomeMail.csproj send-welcome-mail -r linux-x64 --self-contained false -p:PublishReadyToRun=true
EOF

echo
printf '%-40s %10s %8s\n' image size seconds
for entry in "${report[@]}"; do
  name=${entry% *}
  case $name in
    platform-base) image=localhost/platform-base:bookworm ;;
    platform-dotnet) image=localhost/platform-dotnet:10.0 ;;
    *) image=localhost/platform/$name:$tag ;;
  esac
  printf '%-40s %10s %8s\n' "$image" "$(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=si)" "${entry##* }"
done

for id in $previous; do
  if [ -z "$(podman image inspect --format '{{join .RepoTags ""}}' "$id" 2>/dev/null)" ]; then
    podman rmi "$id" >/dev/null 2>&1 || true # still used by a container: kept
  fi
done

if [ -n "$push" ]; then
  for entry in "${report[@]}"; do
    name=${entry% *}
    case $name in platform-base | platform-dotnet) continue ;; esac
    podman push -q "localhost/platform/$name:$tag" "$push/platform/$name:$tag"
    echo "pushed $push/platform/$name:$tag"
  done
fi
