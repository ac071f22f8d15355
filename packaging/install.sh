#!/bin/bash
# Installs (or upgrades) mcp-daemon as a systemd service.
#
#   packaging/install.sh                      publish from this checkout and install on this machine
#   packaging/install.sh --from DIR           install an already published build (dotnet publish output)
#   packaging/install.sh --publish-only DIR   only publish into DIR (for example to copy it to a server)
#   packaging/install.sh --rollback           switch back to the previous release and restart
#   DESTDIR=/tmp/pkg packaging/install.sh     install the files under a staging root (packaging); no
#                                             user is created and systemctl is not called
#
# Options:
#   --from DIR            use the published build in DIR instead of publishing
#   --publish-only DIR    publish into DIR and stop
#   --configuration NAME  build configuration to publish (default Release)
#   --no-build            publish the existing build output of that configuration (no compilation)
#   --root DIR            same as DESTDIR=DIR
#   --start               also start the service on a first install (by default a first install only
#                         enables it: the daemon needs at least one node, see /etc/mcp-daemon/nodes.yaml)
#   --no-start            never start or restart the service
#   --keep N              releases kept under /opt/mcp-daemon/releases (default 3, at least 2)
#   --rollback            point "current" at the previous release, restart, and stop
#
# Layout (every path below the root, "/" by default):
#   /opt/mcp-daemon/releases/<version>-<content hash>/   one directory per published build
#   /opt/mcp-daemon/current  -> releases/<...>          the release the unit runs
#   /opt/mcp-daemon/previous -> releases/<...>          the release before it (for --rollback)
#   /etc/systemd/system/mcp-daemon.service             the unit (local changes: systemctl edit)
#   /etc/sysusers.d/mcp-daemon.conf                    the service user
#   /etc/tmpfiles.d/mcp-daemon.conf                    /etc/mcp-daemon ownership and mode
#   /etc/logrotate.d/mcp-daemon                        rotation of /var/log/mcp-daemon/*.log
#   /etc/mcp-daemon/{mcp-daemon.env,nodes.yaml,nodes.example.yaml,decision_thresholds.yaml}
#                                             examples, first install only, only if absent
#                                             (mode 0640, group mcp-daemon: systemd reads the env file
#                                             at start, the daemon re-reads it on reload)
#
# The publish is framework-dependent: the server needs the ASP.NET Core runtime 10
# (package aspnetcore-runtime-10.0) in /usr/share/dotnet or /usr/lib/dotnet.
# Running the script twice with the same build changes nothing.
set -euo pipefail

PACKAGING=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
REPO=$(dirname "$PACKAGING")
PROJECT="$REPO/src/Mcp.Daemon/Mcp.Daemon.csproj"
UNIT=mcp-daemon.service
SERVICE_USER=mcp-daemon

ROOT=${DESTDIR:-}
FROM=""
PUBLISH_ONLY=""
CONFIGURATION=Release
NO_BUILD=0
START=1
START_FRESH=0
KEEP=3
ROLLBACK=0

say() { printf 'mcp-daemon install: %s\n' "$*"; }
die() { printf 'mcp-daemon install: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from) FROM=${2:?--from needs a directory}; shift 2 ;;
    --publish-only) PUBLISH_ONLY=${2:?--publish-only needs a directory}; shift 2 ;;
    --configuration) CONFIGURATION=${2:?--configuration needs a name}; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    --start) START_FRESH=1; shift ;;
    --no-start) START=0; shift ;;
    --keep) KEEP=${2:?--keep needs a number}; shift 2 ;;
    --rollback) ROLLBACK=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $KEEP =~ ^[0-9]+$ ]] && [ "$KEEP" -ge 2 ] || die "--keep must be a number of at least 2 (current and previous)"
ROOT=${ROOT%/}
if [ -n "$ROOT" ]; then
  [ -d "$ROOT" ] || die "root directory $ROOT does not exist"
  ROOT=$(cd "$ROOT" && pwd)
  [ "$ROOT" = / ] && ROOT=""
fi
LIVE=0
[ -z "$ROOT" ] && LIVE=1
OPT="$ROOT/opt/mcp-daemon"

# systemd is only driven on a live install where it runs as the service manager.
systemd_running() { [ "$LIVE" = 1 ] && [ -d /run/systemd/system ]; }

publish() { # DIR
  command -v dotnet >/dev/null || die "dotnet SDK not found (needed to publish; or use --from DIR)"
  [ -f "$PROJECT" ] || die "project $PROJECT not found (run the script from a checkout, or use --from DIR)"
  local args=(publish "$PROJECT" -c "$CONFIGURATION" -o "$1" --nologo -v quiet -p:UseAppHost=true)
  [ "$NO_BUILD" = 1 ] && args+=(--no-build)
  say "publishing $PROJECT ($CONFIGURATION, framework-dependent) into $1"
  dotnet "${args[@]}" >&2 || die "dotnet publish failed"
}

check_build() { # DIR
  [ -x "$1/mcp-daemon" ] && [ -f "$1/mcp-daemon.dll" ] \
    || die "$1 is not a published mcp-daemon (mcp-daemon and mcp-daemon.dll expected)"
}

# A release is named after the assembly version and a hash of every published file, so the same
# build always lands in the same directory (idempotent) and a rebuild never overwrites a release.
release_name() { # DIR
  local version hash
  version=$(sed -n 's/.*"mcp-daemon\/\([^"]*\)".*/\1/p' "$1/mcp-daemon.deps.json" 2>/dev/null | head -n 1)
  [[ ${version:-} =~ ^[A-Za-z0-9.+-]+$ ]] || version=0.0.0
  hash=$(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
  echo "$version-$hash"
}

link_target() { # LINK -> release name or empty
  local t
  t=$(readlink "$1" 2>/dev/null) || return 0
  basename "$t"
}

switch_link() { # NAME RELEASE: atomic replacement of a symlink
  ln -sfn "releases/$2" "$OPT/.$1.new"
  mv -T "$OPT/.$1.new" "$OPT/$1"
}

install_file() { # SRC DEST MODE [OWNER:GROUP]: copy only when the content or mode differs
  local src=$1 dest=$2 mode=$3 owner=${4:-root:root}
  if [ -f "$dest" ] && cmp -s "$src" "$dest" && [ "$(stat -c %a "$dest")" = "${mode#0}" ]; then
    return 1
  fi
  install -D -m "$mode" "$src" "$dest.new"
  [ "$LIVE" = 1 ] && chown "$owner" "$dest.new"
  mv -f "$dest.new" "$dest"
  say "installed $dest"
}

install_example() { # SRC DEST MODE: only when DEST does not exist (operators own these files)
  local src=$1 dest=$2 mode=$3
  [ -e "$dest" ] && return 0
  [ -f "$src" ] || { say "no example for $dest in this checkout, skipped"; return 0; }
  install -D -m "$mode" "$src" "$dest.new"
  [ "$LIVE" = 1 ] && chown "root:$SERVICE_USER" "$dest.new"
  mv -f "$dest.new" "$dest"
  say "installed example $dest (mode $mode)"
}

restart_or_rollback() { # a release or the unit changed
  local was_active=$1 fresh=$2
  systemd_running && [ "$START" = 1 ] || return 0
  if [ "$was_active" = 1 ] || { [ "$fresh" = 1 ] && [ "$START_FRESH" = 1 ]; }; then
    say "starting $UNIT (returns once the daemon reports READY)"
    if systemctl restart "$UNIT"; then
      say "$UNIT is $(systemctl is-active "$UNIT")"
      return 0
    fi
    if [ "$fresh" = 0 ] && [ -n "$CURRENT" ] && [ -d "$OPT/releases/$CURRENT" ] && [ "$CURRENT" != "$RELEASE" ]; then
      say "the new release $RELEASE did not start; rolling back to $CURRENT"
      switch_link current "$CURRENT"
      if [ -n "$PREVIOUS" ] && [ -d "$OPT/releases/$PREVIOUS" ]; then switch_link previous "$PREVIOUS"; else rm -f "$OPT/previous"; fi
      if [ "$CREATED" = 1 ]; then
        rm -rf "${OPT:?}/releases/$RELEASE"
        say "removed the failed release $RELEASE"
      fi
      systemctl reset-failed "$UNIT" 2>/dev/null || true
      systemctl restart "$UNIT" || true
    fi
    die "$UNIT did not start: see journalctl -u $UNIT -n 50"
  fi
  if [ "$fresh" = 1 ]; then
    say "installed and enabled, not started: declare your nodes in /etc/mcp-daemon/nodes.yaml, check with"
    say "  /opt/mcp-daemon/current/mcp-daemon check-config --env-file /etc/mcp-daemon/mcp-daemon.env"
    say "then: systemctl start $UNIT"
  else
    say "$UNIT is not running; start it with: systemctl start $UNIT"
  fi
}

do_rollback() {
  local current previous
  current=$(link_target "$OPT/current")
  previous=$(link_target "$OPT/previous")
  [ -n "$previous" ] && [ -d "$OPT/releases/$previous" ] || die "no previous release to roll back to"
  switch_link current "$previous"
  switch_link previous "$current"
  say "current release: $previous (was $current)"
  if systemd_running && [ "$START" = 1 ]; then
    systemctl restart "$UNIT" || die "$UNIT did not start after the rollback: journalctl -u $UNIT -n 50"
    say "$UNIT is $(systemctl is-active "$UNIT")"
  fi
}

prune_releases() {
  local keep current previous name
  current=$(link_target "$OPT/current")
  previous=$(link_target "$OPT/previous")
  keep=$KEEP
  # Newest first; current and previous are never removed.
  while read -r name; do
    [ -n "$name" ] || continue
    if [ "$name" = "$current" ] || [ "$name" = "$previous" ]; then continue; fi
    if [ "$keep" -gt 2 ]; then keep=$((keep - 1)); continue; fi
    rm -rf "${OPT:?}/releases/$name"
    say "removed old release $name"
  done < <(ls -1t "$OPT/releases" 2>/dev/null)
}

# ------------------------------------------------------------------------------------------------
if [ -n "$PUBLISH_ONLY" ]; then
  publish "$PUBLISH_ONLY"
  check_build "$PUBLISH_ONLY"
  say "published $(release_name "$PUBLISH_ONLY") into $PUBLISH_ONLY"
  exit 0
fi

if [ "$LIVE" = 1 ] && [ "$(id -u)" != 0 ]; then die "run as root (or give --root/DESTDIR for a staging install)"; fi

if [ "$ROLLBACK" = 1 ]; then do_rollback; exit 0; fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$FROM" ]; then
  publish "$WORK/publish"
  FROM="$WORK/publish"
fi
FROM=$(cd "$FROM" && pwd)
check_build "$FROM"
RELEASE=$(release_name "$FROM")

# 1. The release directory and the "current"/"previous" links.
mkdir -p "$OPT/releases"
CREATED=0
if [ ! -d "$OPT/releases/$RELEASE" ]; then
  CREATED=1
  rm -rf "$OPT/releases/.$RELEASE.partial"
  cp -R "$FROM" "$OPT/releases/.$RELEASE.partial"
  [ "$LIVE" = 1 ] && chown -R root:root "$OPT/releases/.$RELEASE.partial"
  chmod -R u=rwX,go=rX "$OPT/releases/.$RELEASE.partial"
  chmod 0755 "$OPT/releases/.$RELEASE.partial/mcp-daemon"
  mv -T "$OPT/releases/.$RELEASE.partial" "$OPT/releases/$RELEASE"
  say "installed release $RELEASE"
fi
# A live install refuses a build that cannot even start here (missing ASP.NET Core runtime, damaged
# files) before it touches the running release.
if [ "$LIVE" = 1 ] && ! env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$OPT/releases/$RELEASE/mcp-daemon" version >"$WORK/version.out" 2>&1; then
  sed 's/^/  /' "$WORK/version.out" >&2
  [ "$CREATED" = 1 ] && rm -rf "${OPT:?}/releases/$RELEASE"
  die "the new build does not run on this machine ('mcp-daemon version' failed; is the ASP.NET Core runtime 10 installed?); nothing was changed"
fi

CURRENT=$(link_target "$OPT/current")
PREVIOUS=$(link_target "$OPT/previous")
FRESH=0
[ -z "$CURRENT" ] && FRESH=1
CHANGED=0
if [ "$CURRENT" != "$RELEASE" ]; then
  [ -n "$CURRENT" ] && switch_link previous "$CURRENT"
  switch_link current "$RELEASE"
  CHANGED=1
  say "current release: $RELEASE${CURRENT:+ (previous: $CURRENT)}"
fi
prune_releases

# 2. The unit and its companions (owned by the package: replaced when they differ).
UNIT_CHANGED=0
install_file "$PACKAGING/systemd/mcp-daemon.service" "$ROOT/etc/systemd/system/$UNIT" 0644 && UNIT_CHANGED=1
install_file "$PACKAGING/systemd/mcp-daemon.sysusers" "$ROOT/etc/sysusers.d/mcp-daemon.conf" 0644 || true
install_file "$PACKAGING/systemd/mcp-daemon.tmpfiles" "$ROOT/etc/tmpfiles.d/mcp-daemon.conf" 0644 || true
if [ -f "$PACKAGING/logrotate/mcp-daemon" ]; then
  install_file "$PACKAGING/logrotate/mcp-daemon" "$ROOT/etc/logrotate.d/mcp-daemon" 0644 || true
else
  say "packaging/logrotate/mcp-daemon is missing from this checkout; log rotation not installed"
fi

# 3. The service user and the configuration directory (live installs only).
if [ "$LIVE" = 1 ]; then
  if ! getent passwd "$SERVICE_USER" >/dev/null; then
    systemd-sysusers /etc/sysusers.d/mcp-daemon.conf
    say "created system user $SERVICE_USER"
  fi
  systemd-tmpfiles --create /etc/tmpfiles.d/mcp-daemon.conf
else
  mkdir -p "$ROOT/etc/mcp-daemon"
  chmod 0750 "$ROOT/etc/mcp-daemon"
fi

# 4. Examples, on the first install only and only where the operator has no file yet (an upgrade
#    never brings back a file the operator removed, e.g. nodes.yaml when the node comes from the env
#    file). systemd reads the env file as root at start; the daemon re-reads it on reload (SIGHUP),
#    hence group mcp-daemon may read it (0640).
if [ "$FRESH" = 1 ]; then
  install_example "$REPO/config/mcp-daemon.env.example" "$ROOT/etc/mcp-daemon/mcp-daemon.env" 0640
  install_example "$PACKAGING/config/nodes.yaml" "$ROOT/etc/mcp-daemon/nodes.yaml" 0640
  install_example "$REPO/config/nodes.example.yaml" "$ROOT/etc/mcp-daemon/nodes.example.yaml" 0640
  install_example "$REPO/config/decision_thresholds.yaml" "$ROOT/etc/mcp-daemon/decision_thresholds.yaml" 0640
fi

# 5. systemd.
if systemd_running; then
  WAS_ACTIVE=0
  systemctl is-active --quiet "$UNIT" && WAS_ACTIVE=1
  if [ "$UNIT_CHANGED" = 1 ]; then systemctl daemon-reload; fi
  if ! systemctl is-enabled --quiet "$UNIT" 2>/dev/null; then
    systemctl enable --quiet "$UNIT"
    say "enabled $UNIT"
  fi
  if [ "$CHANGED" = 1 ] || [ "$UNIT_CHANGED" = 1 ]; then
    restart_or_rollback "$WAS_ACTIVE" "$FRESH"
  fi
elif [ "$LIVE" = 1 ]; then
  say "systemd is not running here: enable the unit later with: systemctl enable --now $UNIT"
fi

if [ "$CHANGED" = 0 ] && [ "$UNIT_CHANGED" = 0 ]; then
  say "release $RELEASE is already installed and current; nothing to do"
fi
