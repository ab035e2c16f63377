#!/usr/bin/env bash
# Runs a real SMTP server, Debian's python3-aiosmtpd, as a local process: it accepts every mail and delivers it
# to a Maildir (DATA_DIR/maildir/new/, one file per mail, with X-MailFrom and X-RcptTo headers added).
# Usage: smtp-local.sh DATA_DIR   (the port comes from SMTP_PORT, which the AppHost sets). Loopback only.
set -euo pipefail
data_dir=${1:?usage: smtp-local.sh DATA_DIR}
: "${SMTP_PORT:?SMTP_PORT must be set}"
# /usr/bin/python3: a python3 earlier on PATH may lack the Debian module.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "aiosmtpd is not installed: apt-get install -y python3-aiosmtpd" >&2; exit 1; }
mkdir -p "$data_dir/maildir/tmp" "$data_dir/maildir/new" "$data_dir/maildir/cur" # an existing folder is not made a Maildir
export PYTHONUNBUFFERED=1
exec /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$data_dir/maildir"
