#!/usr/bin/env bash
# Installs what the Platform needs on a fresh Debian machine and is a no-op when it is all there:
# PostgreSQL, RabbitMQ and an SMTP server (aiosmtpd) from Debian's packages, run as local processes by the
# AppHost (ADR 0002).
# With --tests it also installs Debian's Chromium, which the browser tests drive (Playwright, no browser download);
# with --containers, podman with runc, catatonit (its pause image) and the dnsname network plugin (pods find each
# other by name), mmdebstrap and a local registry, which deploy/build-images.sh and ./deploy.sh use (ADR 0027).
# The .NET SDK is checked first (require-dotnet-sdk.sh): it is the one thing this script does not install.
set -euo pipefail
"$(dirname "$0")/require-dotnet-sdk.sh"

missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
for option in "$@"; do
  case $option in
    --tests) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    --containers)
      for tool in podman runc catatonit mmdebstrap docker-registry; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
      [ -x /usr/lib/cni/dnsname ] || missing+=(golang-github-containernetworking-plugin-dnsname) ;;
  esac
done
[ ${#missing[@]} -gt 0 ] || exit 0

sudo=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "$(basename "$0"): ${missing[*]} must be installed, and this user is not root and has no sudo: run 'apt-get install ${missing[*]}' as root, then run this again." >&2
    exit 1
  fi
  sudo=(sudo)
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$(basename "$0"): ${missing[*]} must be installed and there is no apt-get: install them with this system's package manager, then run this again." >&2
  exit 1
fi
echo "Installing ${missing[*]} ..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
