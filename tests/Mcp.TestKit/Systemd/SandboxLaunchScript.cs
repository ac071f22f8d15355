namespace Mcp.TestKit.Systemd;

/// <summary>
/// The part of the sandbox that must run inside the new namespaces (mounts and the root switch
/// cannot be done from the host). <see cref="SystemdSandbox"/> writes it into the state directory
/// with a <c>config</c> file of plain <c>KEY=value</c> lines next to it, and starts it as
/// <c>sh launch.sh launch STATE</c>.
/// </summary>
public static class SandboxLaunchScript
{
    public const string FileName = "launch.sh";

    public const string Text = """
        #!/bin/sh
        # Test sandbox launcher, written by the test harness into the sandbox's state directory.
        #   launch STATE : on the host: create the namespaces in the sandbox cgroups, then guard them
        #   inside STATE : as PID 1 of the new PID namespace: build the root, exec systemd
        set -eu
        mode=$1
        S=$2
        . "$S/config"
        say() { printf '[sandbox %s] %s\n' "$mode" "$*" >&2; }

        started() { # start time of a process (field 22 of /proc/PID/stat), empty when it is gone
          awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null || true
        }

        if [ "$mode" = launch ]; then
          exec </dev/null >>"$S/console.log" 2>&1
          echo $$ > "$S/guard.pid"
          while read -r dir; do echo $$ > "$dir/cgroup.procs"; done < "$S/cgroup.join"
          netns=
          [ "$NETWORK" = private ] && netns=--net
          # unshare passes the sandbox cgroups on to its child, PID 1; --kill-child makes the kernel
          # SIGKILL that PID 1 (and so the whole PID namespace) whenever unshare ends.
          unshare --pid --fork --kill-child=SIGKILL --mount --propagation=private --uts --ipc --cgroup $netns \
            --mount-proc -- /bin/sh "$0" inside "$S" &
          child=$!
          echo "$child" > "$S/launcher.pid"
          while read -r dir; do echo $$ > "$dir/cgroup.procs"; done < "$S/cgroup.original"
          # Guard: should the test process that owns the sandbox die without tearing it down, the
          # sandbox goes with it.
          while kill -0 "$child" 2>/dev/null; do
            if [ "$(started "$OWNER_PID")" != "$OWNER_START" ]; then
              say "owner process $OWNER_PID is gone: killing the sandbox"
              kill -KILL "$child" 2>/dev/null || true
            fi
            sleep 1
          done
          wait "$child" 2>/dev/null || true
          exit 0
        fi

        [ "$mode" = inside ] || { say "unknown mode"; exit 2; }
        [ "$$" = 1 ] || { say "not PID 1 of a new PID namespace"; exit 1; }
        L=$S/lower
        R=$S/root
        W=$S/scratch

        mounts_below() { # mount points at or below $1 in this mount namespace, parents first
          awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo
        }

        # 1. A read-only copy of the host's mount tree without its kernel and runtime file systems.
        #    Only the copies in this private mount namespace change; the host's mounts stay as they are.
        mount --rbind / "$L"
        for d in proc sys dev run tmp; do
          if mountpoint -q "$L/$d"; then umount -R "$L/$d" 2>/dev/null || umount -l "$L/$d"; fi
        done
        for m in $(mounts_below "$L"); do
          case "$m" in *\\*) say "mount point with escaped characters: $m"; exit 1 ;; esac
          mount -o remount,bind,ro "$m"
        done
        writable=$(awk -v p="$L" '($5 == p || index($5, p "/") == 1) && $6 !~ /(^|,)ro(,|$)/' /proc/self/mountinfo | wc -l)
        [ "$writable" = 0 ] || { say "$writable host mounts are still writable"; exit 1; }

        # 2. The sandbox root: an overlay whose writes land in memory and vanish with the namespace.
        mount -t tmpfs -o "mode=0700,size=$SCRATCH_SIZE" tmpfs "$W"
        mkdir "$W/upper" "$W/work"
        mount -t overlay overlay -o "lowerdir=$L,upperdir=$W/upper,workdir=$W/work" "$R"
        for m in $(mounts_below "$L"); do
          rel=${m#"$L"}
          [ -n "$rel" ] && [ -e "$R$rel" ] || continue
          mount --bind "$m" "$R$rel"
          mount -o remount,bind,ro "$R$rel"
        done

        # 3. Fresh runtime file systems, a private (empty) unit directory, the harness's files.
        mount -t tmpfs -o mode=0755,nosuid,nodev,size=256m tmpfs "$R/run"
        mount -t tmpfs -o mode=1777,nosuid,nodev,size=512m tmpfs "$R/tmp"
        mkdir -p "$R/etc/systemd/system"
        mount -t tmpfs -o mode=0755,size=32m tmpfs "$R/etc/systemd/system"
        cp -a "$S/files/." "$R/"

        # 4. A private /dev with harmless nodes only; /dev/console leads nowhere.
        mount -t tmpfs -o mode=0755,nosuid,size=4m tmpfs "$R/dev"
        for n in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
          set -- $n
          mknod -m 0666 "$R/dev/$1" c "$2" "$3"
        done
        mkdir -m 0755 "$R/dev/pts" "$R/dev/mqueue"
        mkdir -m 1777 "$R/dev/shm"
        mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts "$R/dev/pts"
        mount -t tmpfs -o mode=1777,nosuid,nodev,size=64m tmpfs "$R/dev/shm"
        ln -s pts/ptmx "$R/dev/ptmx"
        ln -s /proc/self/fd "$R/dev/fd"
        ln -s /proc/self/fd/0 "$R/dev/stdin"
        ln -s /proc/self/fd/1 "$R/dev/stdout"
        ln -s /proc/self/fd/2 "$R/dev/stderr"
        : > "$R/dev/console"
        mount --bind "$R/dev/null" "$R/dev/console"

        # 5. /proc of the new PID namespace with the host-wide knobs read-only; a read-only /sys.
        mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
        for d in sys sysrq-trigger irq bus fs acpi scsi; do
          [ -e "$R/proc/$d" ] || continue
          mount --bind "$R/proc/$d" "$R/proc/$d"
          mount -o remount,bind,ro "$R/proc/$d"
        done
        mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"

        # 6. Control groups through the cgroup namespace: rooted at the sandbox's own host cgroup.
        if [ "$CGROUP_LAYOUT" = unified ]; then
          mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$R/sys/fs/cgroup"
        else
          mount -t tmpfs -o mode=0755,nosuid,nodev,noexec,size=1m tmpfs "$R/sys/fs/cgroup"
          while IFS='|' read -r name fstype opts; do
            mkdir -p "$R/sys/fs/cgroup/$name"
            if [ "$fstype" = cgroup2 ]; then
              mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$R/sys/fs/cgroup/$name"
            else
              mount -t cgroup -o "nosuid,nodev,noexec,$opts" cgroup "$R/sys/fs/cgroup/$name"
            fi
          done < "$S/cgroup.mounts"
          mount -o remount,ro,nosuid,nodev,noexec,mode=0755,size=1m "$R/sys/fs/cgroup"
        fi

        # 7. The directory shared with the host, then the switch to the new root.
        mkdir -p "$R$SHARE_MOUNT"
        mount --bind "$S/share" "$R$SHARE_MOUNT"
        hostname "$SANDBOX_HOSTNAME"
        mkdir "$R/run/.old-root"
        cd "$R"
        pivot_root . run/.old-root
        cd /
        umount -l /run/.old-root
        rmdir /run/.old-root
        # Mounts made by systemd's helpers (credentials, private /tmp) must propagate inside the sandbox.
        mount --make-rshared /
        say "starting systemd"
        exec setpriv --bounding-set="$DROP_CAPS" -- env -i container=mcp-sandbox TERM=dumb LANG=C.UTF-8 \
          "$SYSTEMD" --system --unit="$BOOT_TARGET" --log-color=no --show-status=no
        """;
}
