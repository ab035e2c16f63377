#!/usr/bin/env bash
# Asks the Platform's identity server for an admin token and prints it: the client credentials of the admin tooling's
# client, platform-admin, whose tokens carry the role admin (ADR 0036). A token lives five minutes: ask again.
# Usage: ./admin-token.sh [GATEWAY]      GATEWAY: $PLATFORM_GATEWAY, or http://localhost:8080
#   TOKEN=$(./admin-token.sh) && curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/admin/services
# The client's secret is the AppHost's secret parameter admin-client-secret: ./run.sh generates it on its first run and
# keeps it in the AppHost's user secrets, where this reads it; ADMIN_CLIENT_SECRET overrides it.
set -euo pipefail
gateway=${1:-${PLATFORM_GATEWAY:-http://localhost:8080}}
secrets="${DOTNET_USER_SECRETS_DIR:-$HOME/.microsoft/usersecrets}/platform-apphost/secrets.json"

exec /usr/bin/python3 - "$gateway" "$secrets" <<'PY'
import json, os, sys, urllib.error, urllib.parse, urllib.request

gateway, secrets = sys.argv[1].rstrip("/"), sys.argv[2]
secret = os.environ.get("ADMIN_CLIENT_SECRET")
if not secret and os.path.exists(secrets):
    with open(secrets, encoding="utf-8-sig") as file:
        stored = json.load(file)
    secret = stored.get("Parameters:admin-client-secret") or stored.get("Parameters", {}).get("admin-client-secret")
if not secret:
    sys.exit(f"admin-token.sh: no admin client secret in {secrets}: start the system once with ./run.sh (it generates "
             "the secret), or set ADMIN_CLIENT_SECRET.")

form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "platform-admin",
                               "client_secret": secret, "scope": "platform"}).encode()
try:
    with urllib.request.urlopen(urllib.request.Request(f"{gateway}/connect/token", data=form), timeout=15) as response:
        print(json.load(response)["access_token"])
except urllib.error.HTTPError as refused:
    sys.exit(f"admin-token.sh: {gateway}/connect/token refused the admin client ({refused.code}): {refused.read().decode(errors='replace')}")
except (urllib.error.URLError, TimeoutError) as unreachable:
    sys.exit(f"admin-token.sh: the gateway at {gateway} did not answer ({unreachable}): is the system running (./run.sh)?")
PY
