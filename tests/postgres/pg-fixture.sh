#!/usr/bin/env bash
# A private PostgreSQL server for the tests, on loopback, started and stopped by CTest
# (tests/postgres/CMakeLists.txt: postgres.start / postgres.stop, fixture "postgres").
#
#   pg-fixture.sh start DIR   fresh cluster, free port; writes DIR/url
#                             (postgresql://scoreboard@127.0.0.1:PORT/scoreboard)
#   pg-fixture.sh stop DIR    stops the cluster recorded in DIR and removes it
#
# The cluster itself lives in /tmp/scoreboard-pg-<hash of DIR and uid> (recorded in DIR/cluster):
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user,
# which may not be able to enter the build folder; a short path also keeps the Unix socket
# under the 107-byte limit. The server log is copied to DIR/server.log when the cluster stops
# (DIR/server.log is a link to the live log while it runs).
#
# Both commands are safe to repeat and clean up after a run that was killed: start first stops
# and removes whatever an earlier start left behind.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

say() { echo "pg-fixture: $*"; }
die() {
    echo "pg-fixture: ERROR: $*" >&2
    exit 1
}

(($# == 2)) || usage
command=$1
dir_arg=$2
[[ $command == start || $command == stop ]] || usage

mkdir -p "$dir_arg"
DIR=$(cd "$dir_arg" && pwd -P)

if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 ||
        die "running as root, but there is no 'postgres' system user to run the server as (install the Debian package 'postgresql')"
    as_server() { (cd / && runuser -u postgres -- "$@"); }
    cluster_base=/tmp
else
    as_server() { (cd / && "$@"); }
    cluster_base=${TMPDIR:-/tmp}
fi

find_bindir() {
    local candidate best=""
    # Newest /usr/lib/postgresql/<major>/bin (Debian), else pg_config --bindir.
    while read -r candidate; do
        if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
            best=$candidate
        fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V)
    if [[ -z $best ]] && command -v pg_config >/dev/null; then
        candidate=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n $candidate && -x $candidate/initdb && -x $candidate/pg_ctl ]]; then
            best=$candidate
        fi
    fi
    [[ -n $best ]] ||
        die "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or pg_config --bindir; install the Debian package 'postgresql' (bash .ci/setup does)"
    for tool in initdb pg_ctl postgres createdb psql; do
        [[ -x $best/$tool ]] || die "$best/$tool is missing; install the Debian packages 'postgresql' and 'postgresql-client'"
    done
    echo "$best"
}

# The cluster folder for DIR: fixed for a given DIR and user, so a killed run's leftovers are found.
cluster_for_dir() {
    local hash
    hash=$(printf '%s:%s' "$(id -u)" "$DIR" | sha1sum | cut -c1-12)
    echo "$cluster_base/scoreboard-pg-$hash"
}

# Only ever delete folders this script creates.
is_our_cluster() {
    [[ $1 == */scoreboard-pg-* && $1 != *..* && -d $1 ]]
}

# True if process $1 exists and is not a zombie (an exited server its parent has not reaped yet).
pid_alive() {
    local state
    kill -0 "$1" 2>/dev/null || return 1
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || true)
    [[ -n $state && $state != Z && $state != X ]]
}

# Stops the server of cluster folder $1 if one runs, then removes the folder (keeping the log).
destroy_cluster() {
    local cluster=$1 bindir=$2 pid
    is_our_cluster "$cluster" || return 0
    if [[ -f $cluster/data/postmaster.pid ]]; then
        pid=$(head -n1 "$cluster/data/postmaster.pid" 2>/dev/null || true)
        if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid"; then
            say "stopping the server in $cluster (pid $pid)"
            if ! as_server "$bindir/pg_ctl" stop -D "$cluster/data" -m fast -w -t 30 >/dev/null 2>&1; then
                as_server "$bindir/pg_ctl" stop -D "$cluster/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
            fi
            # Still there (pg_ctl gave up)? Kill it, but only if it is this cluster's postmaster.
            if pid_alive "$pid" &&
                tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$cluster/data"; then
                say "pg_ctl could not stop pid $pid; killing it"
                kill -KILL "$pid" 2>/dev/null || true
                sleep 0.5
            fi
        fi
    fi
    if [[ -f $cluster/server.log ]]; then
        rm -f "$DIR/server.log"
        if cp "$cluster/server.log" "$DIR/server.log" 2>/dev/null; then
            chmod 644 "$DIR/server.log"
        fi
    fi
    rm -rf "$cluster"
    say "removed $cluster"
}

free_port() {
    local py port
    for py in /usr/bin/python3 python3; do
        if command -v "$py" >/dev/null 2>&1 &&
            port=$("$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null); then
            echo "$port"
            return
        fi
    done
    # No Python: probe random ports in the dynamic range until nothing answers.
    for _ in $(seq 50); do
        port=$((49152 + RANDOM % 16000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "found no free TCP port on 127.0.0.1"
}

# Everything earlier runs left: the recorded cluster and the one this DIR maps to.
cleanup_previous() {
    local recorded=""
    if [[ -f $DIR/cluster ]]; then
        recorded=$(head -n1 "$DIR/cluster")
    fi
    if [[ -n $recorded ]]; then
        destroy_cluster "$recorded" "$BINDIR"
    fi
    destroy_cluster "$(cluster_for_dir)" "$BINDIR"
    rm -f "$DIR/url" "$DIR/cluster"
    # An older layout or a hand-made cluster right in DIR.
    if [[ -f $DIR/data/postmaster.pid ]]; then
        "$BINDIR/pg_ctl" stop -D "$DIR/data" -m fast -w -t 30 >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR/data"
}

if [[ $command == stop ]]; then
    if [[ ! -f $DIR/cluster ]] && ! is_our_cluster "$(cluster_for_dir)"; then
        say "no cluster recorded in $DIR; nothing to stop"
        rm -f "$DIR/url"
        exit 0
    fi
    BINDIR=$(find_bindir)
    cleanup_previous
    say "stopped; the server log is in $DIR/server.log"
    exit 0
fi

# --- start ---
started=$EPOCHREALTIME
BINDIR=$(find_bindir)
say "PostgreSQL binaries: $BINDIR ($("$BINDIR/postgres" --version))"
cleanup_previous

CLUSTER=$(cluster_for_dir)
mkdir -m 700 "$CLUSTER"
if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$CLUSTER"
fi
echo "$CLUSTER" >"$DIR/cluster"
say "cluster: $CLUSTER (recorded in $DIR/cluster)"

if ! as_server "$BINDIR/initdb" -D "$CLUSTER/data" -U scoreboard --auth=trust -E UTF8 --locale=C \
    --no-sync --no-instructions >"$CLUSTER/initdb.log" 2>&1; then
    cat "$CLUSTER/initdb.log" >&2
    die "initdb failed (output above)"
fi

rm -f "$DIR/server.log"
ln -s "$CLUSTER/server.log" "$DIR/server.log"

# The port is free when picked, but something may take it before the server binds: retry.
PORT=""
for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_server "$BINDIR/pg_ctl" start -D "$CLUSTER/data" -w -t 60 -l "$CLUSTER/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $CLUSTER -c fsync=on -c max_connections=200" \
        >/dev/null; then
        PORT=$port
        break
    fi
    say "the server did not start on port $port (attempt $attempt); server log:"
    tail -n 20 "$CLUSTER/server.log" >&2 || true
    # pg_ctl may have given up on a server that is still coming up; make sure it is gone.
    as_server "$BINDIR/pg_ctl" stop -D "$CLUSTER/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
done
[[ -n $PORT ]] || die "could not start PostgreSQL (see $CLUSTER/server.log)"
say "server running on 127.0.0.1:$PORT (socket folder $CLUSTER, log $DIR/server.log)"

# Over TCP (trust), so this also checks the address the tests will use.
if ! "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U scoreboard scoreboard; then
    die "createdb scoreboard failed (see $DIR/server.log)"
fi

URL="postgresql://scoreboard@127.0.0.1:$PORT/scoreboard"
echo "$URL" >"$DIR/url"
elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
say "database ready: $URL (written to $DIR/url) in ${elapsed}s"
