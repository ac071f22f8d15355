#!/bin/bash
# Removes the mcp-daemon service installed by packaging/install.sh.
#
#   packaging/uninstall.sh            stop and disable the service, remove the unit, the binaries
#                                     (/opt/mcp-daemon) and the logrotate file; KEEP the configuration
#                                     (/etc/mcp-daemon), the data (/var/lib/mcp-daemon), the logs
#                                     (/var/log/mcp-daemon) and the service user
#   packaging/uninstall.sh --purge    also remove the configuration, data, logs and the service user
#
# Options: --root DIR (or DESTDIR=DIR) removes the files below a staging root; systemctl is not called.
# Running it twice is harmless.
set -euo pipefail

UNIT=mcp-daemon.service
SERVICE_USER=mcp-daemon
ROOT=${DESTDIR:-}
PURGE=0

say() { printf 'mcp-daemon uninstall: %s\n' "$*"; }
die() { printf 'mcp-daemon uninstall: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) PURGE=1; shift ;;
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
ROOT=${ROOT%/}
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || die "root directory $ROOT does not exist"
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" = / ] && ROOT=""
fi
LIVE=0
[ -z "$ROOT" ] && LIVE=1
if [ "$LIVE" = 1 ] && [ "$(id -u)" != 0 ]; then die "run as root"; fi

remove() { # PATH...
  local p
  for p in "$@"; do
    if [ -e "$p" ] || [ -L "$p" ]; then
      rm -rf "$p"
      say "removed $p"
    fi
  done
}

if [ "$LIVE" = 1 ] && [ -d /run/systemd/system ]; then
  if systemctl cat "$UNIT" >/dev/null 2>&1; then
    systemctl disable --now --quiet "$UNIT" || true
    say "stopped and disabled $UNIT"
  fi
fi

remove "$ROOT/etc/systemd/system/$UNIT" "$ROOT/opt/mcp-daemon" "$ROOT/etc/logrotate.d/mcp-daemon"

if [ "$PURGE" = 1 ]; then
  remove "$ROOT/etc/systemd/system/$UNIT.d" \
    "$ROOT/etc/mcp-daemon" "$ROOT/var/lib/mcp-daemon" "$ROOT/var/log/mcp-daemon" \
    "$ROOT/etc/sysusers.d/mcp-daemon.conf" "$ROOT/etc/tmpfiles.d/mcp-daemon.conf"
  if [ "$LIVE" = 1 ] && getent passwd "$SERVICE_USER" >/dev/null; then
    userdel "$SERVICE_USER"
    say "removed user $SERVICE_USER"
  fi
  if [ "$LIVE" = 1 ] && getent group "$SERVICE_USER" >/dev/null; then
    groupdel "$SERVICE_USER"
    say "removed group $SERVICE_USER"
  fi
else
  say "kept /etc/mcp-daemon, /var/lib/mcp-daemon, /var/log/mcp-daemon and user $SERVICE_USER (use --purge to remove them)"
fi

if [ "$LIVE" = 1 ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl reset-failed "$UNIT" 2>/dev/null || true
fi
