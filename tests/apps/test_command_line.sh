#!/usr/bin/env bash
# Runs a desktop app's binary as a terminal would with no display at all (no DISPLAY,
# WAYLAND_DISPLAY or QT_QPA_PLATFORM): --help and --version must answer and exit 0.
# Usage: test_command_line.sh BINARY NAME VERSION
set -uo pipefail

binary=$1 name=$2 version=$3
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# run OPTION: sets $out (stdout), $err (stderr) and $rc.
run() {
    local errfile
    errfile=$(mktemp)
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM timeout 20 "$binary" "$@" 2>"$errfile")
    rc=$?
    err=$(cat "$errfile")
    rm -f "$errfile"
}

for option in --help -h; do
    run "$option"
    if [[ $rc -ne 0 ]]; then
        fail "$name $option exited with $rc: $err"
        continue
    fi
    [[ $out == *"Usage: "*"$name"* ]] || fail "$name $option: no usage line in: $out"
    [[ $out == *"--server <url>"* ]] || fail "$name $option: --server is not listed: $out"
    [[ $out == *"--version"* ]] || fail "$name $option: --version is not listed: $out"
    [[ $out != *"--screenshot"* ]] || fail "$name $option: the hidden --screenshot is listed"
    [[ -z $err ]] || fail "$name $option wrote to stderr: $err"
    ok "$name $option: exit 0, usage with --server and --version"
done

for option in --version -v; do
    run "$option"
    if [[ $rc -ne 0 ]]; then
        fail "$name $option exited with $rc: $err"
        continue
    fi
    [[ $out == "$name $version" ]] || fail "$name $option printed '$out', not '$name $version'"
    ok "$name $option: exit 0, '$out'"
done

exit $((failures > 0))
