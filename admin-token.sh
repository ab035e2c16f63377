#!/usr/bin/env bash
# Mints a bearer token for the gateway's admin routes (/api/admin/*, /topology's data; ADR 0019) and prints it.
# Usage: ./admin-token.sh [ROLE] [HOURS]      ROLE defaults to admin, HOURS (validity) to 8
#   TOKEN=$(./admin-token.sh) && curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/admin/services
# The signing key is the AppHost's secret parameter admin-signing-key: ./run.sh generates it on its first run and keeps
# it in the AppHost's user secrets, where this reads it; ADMIN_SIGNING_KEY overrides it.
set -euo pipefail
role=${1:-admin}
hours=${2:-8}
secrets="${DOTNET_USER_SECRETS_DIR:-$HOME/.microsoft/usersecrets}/platform-apphost/secrets.json"

exec /usr/bin/python3 - "$role" "$hours" "$secrets" <<'PY'
import base64, hashlib, hmac, json, os, sys, time

role, hours, secrets = sys.argv[1], float(sys.argv[2]), sys.argv[3]
key = os.environ.get("ADMIN_SIGNING_KEY")
if not key and os.path.exists(secrets):
    with open(secrets, encoding="utf-8-sig") as file:
        stored = json.load(file)
    key = stored.get("Parameters:admin-signing-key") or stored.get("Parameters", {}).get("admin-signing-key")
if not key:
    sys.exit(f"admin-token.sh: no signing key in {secrets}: start the system once with ./run.sh (it generates the key), "
             "or set ADMIN_SIGNING_KEY.")

def encode(part: bytes) -> str:
    return base64.urlsafe_b64encode(part).rstrip(b"=").decode()

now = int(time.time())
header = encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = encode(json.dumps({"iss": "platform", "aud": "platform-gateway", "sub": os.environ.get("USER", "local-admin"),
                            "role": role, "iat": now, "nbf": now, "exp": now + int(hours * 3600)}).encode())
signature = hmac.new(key.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
print(f"{header}.{claims}.{encode(signature)}")
PY
