#!/usr/bin/env bash
# The packages end to end (CTest: installer.packages).
#
#   test_packages.sh BUILD_DIR CPACK VERSION ROUND_PROGRAM
#
# 1. cpack builds the three .deb packages and the .tar.gz from BUILD_DIR into a temporary folder.
# 2. Their contents and metadata are checked: file lists, modes, Depends (computed and
#    explicit), conffiles, maintainer scripts, .desktop files, icons, the unit; the archive
#    holds exactly the files of the three packages; the packaged config's commented defaults
#    are all accepted by the packaged server.
# 3. As root: `apt-get install` of the three packages on this machine (service user, state
#    folder, config owner, unit enabled, unit verified). Not root: the packages are extracted
#    into a temporary root instead, and what needs root is said and left out.
# 4. The installed server runs the unit's ExecStart as the unit's User with the packaged config,
#    on a temporary state folder and a free loopback port; add-staff from the installed layout
#    makes an admin while it runs; installer_round signs up, verifies with the mailed code, logs
#    in, scores and checks the board and the staff login over the protocol.
# 5. The installed player app and console start offscreen, load their QML and connect; every
#    Qt library, plugin and QML module they load belongs to a package they depend on.
# 6. The server stops cleanly (exit 0); as root: a reinstall keeps a changed conffile, `remove`
#    keeps config, data and account, `purge` removes everything.
# Whatever happens, the packages are purged and the temporary files removed at exit.
set -eEuo pipefail
# Anything failing outside the explicit checks still says what and where.
trap 'printf "FAIL line %d: %s (exit %d)\n" "$LINENO" "$BASH_COMMAND" "$?" >&2' ERR

if (($# != 4)); then
    echo "usage: $0 BUILD_DIR CPACK VERSION ROUND_PROGRAM" >&2
    exit 2
fi
build_dir=$1
cpack_cmd=$2
version=$3
round=$4

packages=(scoreboard-server scoreboard-client scoreboard-admin)
apps=(client admin)
clean_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

t0=$SECONDS
say() { printf '\n== [%3ds] %s\n' $((SECONDS - t0)) "$*"; }
ok() { printf 'ok   %s\n' "$*"; }
note() { printf 'NOTE %s\n' "$*"; }
fail() {
    printf 'FAIL %s\n' "$*" >&2
    exit 1
}
# check DESCRIPTION COMMAND...: runs the command, fails the test with DESCRIPTION if it fails.
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# ---------------------------------------------------------------- tools
missing=()
for tool in dpkg dpkg-deb dpkg-shlibdeps dpkg-query file tar desktop-file-validate \
    systemd-analyze python3 setpriv sha256sum timeout; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ -x $round ]] || missing+=("$round")
[[ -f $build_dir/CPackConfig.cmake ]] || missing+=("$build_dir/CPackConfig.cmake")
if ((${#missing[@]})); then
    fail "missing: ${missing[*]} (bash .ci/setup installs dpkg-dev, file, desktop-file-utils, systemd)"
fi
arch=$(dpkg --print-architecture)
as_root=0
if [[ $(id -u) -eq 0 ]]; then
    as_root=1
    command -v apt-get >/dev/null || fail "running as root but apt-get is missing"
fi

# ---------------------------------------------------------------- clean-up, always
work=$(mktemp -d /tmp/scoreboard-packages.XXXXXX)
chmod 0755 "$work" # the service user walks into the state folder; apt's _apt user reads the .debs
server_pid=""
app_pid=""
installed=0
user_existed=0

apt_quiet() {
    DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=120 "$@"
}

known_packages() { # those of ours dpkg knows: installed, or removed with their config left
    local p status
    for p in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || continue
        [[ $status == *not-installed ]] || echo "$p"
    done
}

stop_pid() { # stop_pid PID: SIGTERM, then SIGKILL after 10 s
    local pid=$1
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

wait_for_start() { # wait_for_start LOG PID: up to 20 s for the server PID to say in LOG that it runs
    local log=$1 pid=$2
    for _ in $(seq 200); do
        grep -q "Scoreboard is running at" "$log" && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    grep -q "Scoreboard is running at" "$log"
}

cleanup() {
    local rc=$?
    set +e
    stop_pid "$app_pid"
    stop_pid "$server_pid"
    if ((rc != 0)) && [[ -s $work/server.log ]]; then
        echo "--- server log (last 30 lines)"
        tail -n 30 "$work/server.log"
    fi
    if ((installed)) && [[ -n $(known_packages) ]]; then
        echo "clean-up: purging $(known_packages | tr '\n' ' ')"
        # shellcheck disable=SC2046 # one word per package
        apt_quiet purge $(known_packages) >"$work/cleanup-purge.log" 2>&1 || cat "$work/cleanup-purge.log"
    fi
    if ((as_root && !user_existed)) && getent passwd scoreboard >/dev/null; then
        deluser --system --quiet scoreboard >/dev/null 2>&1
        delgroup --system --quiet scoreboard >/dev/null 2>&1
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- 1. build the packages
say "cpack -G 'DEB;TGZ' from $build_dir"
if ! "$cpack_cmd" --config "$build_dir/CPackConfig.cmake" -G "DEB;TGZ" -B "$work/out" \
    >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    fail "cpack"
fi
declare -A deb
for p in "${packages[@]}"; do
    deb[$p]=$work/out/${p}_${version}_${arch}.deb
    [[ -f ${deb[$p]} ]] || fail "cpack made no ${deb[$p]##*/} (made: $(ls "$work/out"))"
done
tgz=$(find "$work/out" -maxdepth 1 -name "scoreboard-${version}-*.tar.gz")
[[ -n $tgz && -f $tgz ]] || fail "cpack made no scoreboard-${version}-*.tar.gz"
for f in "${deb[scoreboard-server]}" "${deb[scoreboard-client]}" "${deb[scoreboard-admin]}" "$tgz"; do
    printf 'made %-45s %8d bytes (%d KiB)\n' "${f##*/}" "$(stat -c %s "$f")" \
        $(($(stat -c %s "$f") / 1024))
done

# ---------------------------------------------------------------- 2. contents and metadata
say "package contents"
files_of() { dpkg-deb -c "$1" | awk '$1 !~ /^d/ { print $1, $2, $6 }' | sort -k3; }
expect_files() { # expect_files PACKAGE "MODE OWNER PATH" lines...
    local p=$1
    shift
    local expected actual
    expected=$(printf '%s\n' "$@" | sort -k3)
    actual=$(files_of "${deb[$p]}")
    if [[ $expected != "$actual" ]]; then
        diff <(echo "$expected") <(echo "$actual") || true
        fail "$p: files (< expected, > packaged)"
    fi
    ok "$p: $(($# )) files with the expected modes and owners"
}
expect_files scoreboard-server \
    "-rwxr-xr-x root/root ./usr/bin/scoreboard-server" \
    "-rw-r----- root/root ./etc/scoreboard/server.conf" \
    "-rw-r--r-- root/root ./lib/systemd/system/scoreboard-server.service" \
    "-rw-r--r-- root/root ./usr/share/doc/scoreboard-server/install.md" \
    "-rw-r--r-- root/root ./usr/share/doc/scoreboard-server/running.md" \
    "-rw-r--r-- root/root ./usr/share/doc/scoreboard-server/anti-cheat.md" \
    "-rw-r--r-- root/root ./usr/share/doc/scoreboard-server/scaling.md" \
    "-rw-r--r-- root/root ./usr/share/doc/scoreboard-server/events.md"
for app in "${apps[@]}"; do
    expect_files "scoreboard-$app" \
        "-rwxr-xr-x root/root ./usr/bin/scoreboard-$app" \
        "-rw-r--r-- root/root ./usr/share/applications/scoreboard-$app.desktop" \
        "-rw-r--r-- root/root ./usr/share/icons/hicolor/scalable/apps/scoreboard-$app.svg"
done

root=$work/root # the three packages extracted, as they would lie on the disk
mkdir -p "$root" "$work/control"
for p in "${packages[@]}"; do
    dpkg-deb -x "${deb[$p]}" "$root"
    dpkg-deb -e "${deb[$p]}" "$work/control/$p"
done
for p in "${packages[@]}"; do
    bin=$root/usr/bin/$p
    desc=$(file -b "$bin")
    [[ $desc == *ELF*executable* || $desc == *ELF*pie\ executable* ]] || fail "$p: not an executable: $desc"
    [[ $desc == *", stripped"* ]] || fail "$p: binary is not stripped: $desc"
    ok "$p: stripped ELF binary, $(stat -c %s "$bin") bytes"
done
for app in "${apps[@]}"; do
    desktop=$root/usr/share/applications/scoreboard-$app.desktop
    check "scoreboard-$app: desktop-file-validate" desktop-file-validate "$desktop"
    exec_line=$(sed -n 's/^Exec=//p' "$desktop")
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [[ -x $root/usr/bin/${exec_line%% *} ]] || fail "scoreboard-$app: Exec=$exec_line is not in the package"
    svg=$root/usr/share/icons/hicolor/scalable/apps/$icon.svg
    [[ -f $svg ]] || fail "scoreboard-$app: Icon=$icon has no icon in the package"
    check "scoreboard-$app: icon is well-formed SVG" python3 -c \
        'import sys, xml.dom.minidom as m; sys.exit(m.parse(sys.argv[1]).documentElement.tagName != "svg")' "$svg"
done

say "package metadata"
field() { dpkg-deb -f "$1" "$2"; }
# depends_has PACKAGE NAME...: every NAME is in the package's Depends.
depends_has() {
    local p=$1
    shift
    local names
    # shellcheck disable=SC2020 # both separators become line breaks
    names=$(field "${deb[$p]}" Depends | tr ',|' '\n\n' | sed -E 's/^ *([^ (]+).*/\1/')
    for n in "$@"; do
        grep -qxF "$n" <<<"$names" || fail "$p: Depends lacks $n (Depends: $(field "${deb[$p]}" Depends))"
    done
    ok "$p: Depends has $*"
}
for p in "${packages[@]}"; do
    f=${deb[$p]}
    [[ $(field "$f" Package) == "$p" ]] || fail "$p: Package is $(field "$f" Package)"
    [[ $(field "$f" Version) == "$version" ]] || fail "$p: Version is $(field "$f" Version), not $version"
    [[ $(field "$f" Architecture) == "$arch" ]] || fail "$p: Architecture is $(field "$f" Architecture)"
    [[ -n $(field "$f" Maintainer) ]] || fail "$p: no Maintainer"
    [[ -n $(field "$f" Section) ]] || fail "$p: no Section"
    description=$(field "$f" Description)
    synopsis=${description%%$'\n'*}
    [[ $synopsis == "Live Scoreboard"* ]] || fail "$p: Description synopsis is '$synopsis'"
    ok "$p: Package, Version $version, Architecture $arch, Maintainer, Section, Description ($synopsis)"
done
depends_has scoreboard-server libc6 libqt6core6 libqt6network6 libqt6websockets6 libhttp-parser2.9 \
    libqt6sql6 libqt6sql6-sqlite libqt6sql6-psql libsodium23 libcurl4 adduser
for app in "${apps[@]}"; do
    depends_has "scoreboard-$app" libc6 libqt6core6 libqt6gui6 libqt6qml6 libqt6quick6 \
        libqt6quickcontrols2-6 libqt6websockets6 qml6-module-qtquick qml6-module-qtquick-controls \
        qml6-module-qtquick-layouts qml6-module-qtquick-templates qml6-module-qtqml-workerscript \
        qml6-module-qtqml qml6-module-qtqml-models
done
control=$work/control/scoreboard-server
[[ $(cat "$control/conffiles") == /etc/scoreboard/server.conf ]] ||
    fail "scoreboard-server: conffiles is '$(cat "$control/conffiles")'"
ok "scoreboard-server: conffiles lists /etc/scoreboard/server.conf"
for script in postinst prerm postrm; do
    [[ -x $control/$script ]] || fail "scoreboard-server: no executable $script"
    check "scoreboard-server: $script parses (sh -n)" sh -n "$control/$script"
done
for app in "${apps[@]}"; do
    extra=$(find "$work/control/scoreboard-$app" -type f ! -name control ! -name md5sums -printf '%f ')
    [[ -z $extra ]] || fail "scoreboard-$app: unexpected control files: $extra"
done
ok "scoreboard-client, scoreboard-admin: no maintainer scripts, no conffiles"

unit=$root/lib/systemd/system/scoreboard-server.service
for line in "User=scoreboard" "Group=scoreboard" "StateDirectory=scoreboard" "NoNewPrivileges=yes" \
    "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" \
    "ExecStart=/usr/bin/scoreboard-server --config /etc/scoreboard/server.conf" \
    "WantedBy=multi-user.target"; do
    grep -qxF "$line" "$unit" || fail "unit lacks $line"
done
ok "unit: ExecStart, User/Group, StateDirectory, hardening, WantedBy"
exposure=$(systemd-analyze security --offline=true "$unit" 2>&1 |
    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p') || true
[[ -n $exposure ]] || fail "systemd-analyze security --offline=true gave no exposure level"
check "unit: systemd-analyze security exposure $exposure (at most 2.0)" \
    python3 -c "import sys; sys.exit(float(sys.argv[1]) > 2.0)" "$exposure"

say "the archive"
tgz_dir=$work/tgz
mkdir -p "$tgz_dir"
tar -xzf "$tgz" -C "$tgz_dir"
top=$(basename "$tgz" .tar.gz)
[[ -d $tgz_dir/$top ]] || fail "${tgz##*/}: no top folder $top/ (has: $(ls "$tgz_dir"))"
diff -r "$tgz_dir/$top" "$root" || fail "${tgz##*/} differs from the three packages' files"
tgz_modes=$(cd "$tgz_dir/$top" && find . -type f -printf '%m %p\n' | sort)
deb_modes=$(cd "$root" && find . -type f -printf '%m %p\n' | sort)
[[ $tgz_modes == "$deb_modes" ]] || fail "${tgz##*/}: file modes differ from the packages'"
ok "${tgz##*/}: the same $(wc -l <<<"$tgz_modes") files (contents and modes) as the three packages, under $top/"

say "the packaged config's commented defaults"
# ";key=value" lines are commented settings, "; text" lines are prose: uncomment every setting
# (and section) and let the packaged server read it all.
defaults=$work/all-defaults.conf
sed -E 's/^;([a-z[])/\1/' "$root/etc/scoreboard/server.conf" >"$defaults"
echo "settings: $(grep -cE '^[a-z]' "$defaults") keys in $(grep -cE '^\[' "$defaults") sections and the general one"
mkdir -p "$work/defaults-state"
env -i PATH=$clean_path LANG=C.UTF-8 timeout 20 "$root/usr/bin/scoreboard-server" --config "$defaults" \
    --data-dir "$work/defaults-state" --mail-dir "$work/defaults-state/mail" --port 0 \
    --listen 127.0.0.1 >"$work/defaults.log" 2>&1 &
server_pid=$!
wait_for_start "$work/defaults.log" "$server_pid" || {
    cat "$work/defaults.log"
    fail "the packaged server refused the config with every default uncommented"
}
stop_pid "$server_pid"
server_pid=""
ok "the packaged server starts with every commented default uncommented"

# ---------------------------------------------------------------- 3. install
if ((as_root)); then
    say "apt-get install ${deb[*]##*/}"
    leftovers=$(known_packages | tr '\n' ' ')
    if [[ -n $leftovers ]]; then
        note "on this machine already (left by an interrupted run?): $leftovers: purging first"
        # shellcheck disable=SC2086 # one word per package
        apt_quiet purge $leftovers >/dev/null
    fi
    getent passwd scoreboard >/dev/null && user_existed=1
    installed=1
    if ! apt_quiet install --no-install-recommends "${deb[@]}" >"$work/install.log" 2>&1; then
        cat "$work/install.log"
        fail "apt-get install"
    fi
    for p in "${packages[@]}"; do
        [[ $(dpkg-query -W -f='${Status}' "$p") == "install ok installed" ]] || fail "$p is not installed"
        [[ -x /usr/bin/$p ]] || fail "/usr/bin/$p missing"
    done
    ok "installed: ${packages[*]}"
    IFS=: read -r _ _ uid gid _ home shell < <(getent passwd scoreboard) || fail "no user scoreboard"
    [[ $(getent group scoreboard | cut -d: -f3) == "$gid" ]] || fail "user scoreboard's group is not scoreboard"
    ((uid < 1000)) || fail "scoreboard is not a system user (uid $uid)"
    [[ $home == /var/lib/scoreboard ]] || fail "scoreboard's home is $home"
    [[ $shell == */nologin || $shell == /bin/false ]] || fail "scoreboard has a login shell ($shell)"
    ok "system user and group scoreboard (uid $uid), home /var/lib/scoreboard, shell $shell"
    [[ $(stat -c '%U:%G %a' /etc/scoreboard/server.conf) == "root:scoreboard 640" ]] ||
        fail "server.conf is $(stat -c '%U:%G %a' /etc/scoreboard/server.conf)"
    ok "/etc/scoreboard/server.conf is root:scoreboard 0640"
    [[ $(stat -c '%U:%G %a' /var/lib/scoreboard) == "scoreboard:scoreboard 750" ]] ||
        fail "/var/lib/scoreboard is $(stat -c '%U:%G %a' /var/lib/scoreboard)"
    ok "/var/lib/scoreboard is scoreboard:scoreboard 0750"
    conffiles=$(dpkg-query -W -f='${Conffiles}' scoreboard-server)
    [[ $conffiles == *"/etc/scoreboard/server.conf "* ]] || fail "dpkg lists no conffile: $conffiles"
    ok "dpkg records /etc/scoreboard/server.conf as a conffile"
    wants=/etc/systemd/system/multi-user.target.wants/scoreboard-server.service
    [[ $(readlink "$wants") == /lib/systemd/system/scoreboard-server.service ]] ||
        fail "the unit is not enabled ($wants)"
    ok "unit enabled ($wants)"
    if [[ -d /run/systemd/system ]]; then
        note "systemd runs here: postinst started the service; this test uses its own server"
    else
        ok "systemd does not run here: postinst enabled the unit without starting it"
    fi
    check "systemd-analyze verify scoreboard-server.service" \
        systemd-analyze verify /lib/systemd/system/scoreboard-server.service
    prefix=""
    run_as=(setpriv --reuid=scoreboard --regid=scoreboard --init-groups)
else
    say "not root: using the packages extracted into $root (nothing installed)"
    note "installation, the service account, file owners and remove/purge need root; not tested now"
    prefix=$root
    run_as=()
fi
conf=$prefix/etc/scoreboard/server.conf
server_bin=$prefix/usr/bin/scoreboard-server

# ---------------------------------------------------------------- 4. the installed server
say "the installed server, as the unit runs it"
unit=$prefix/lib/systemd/system/scoreboard-server.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
unit_user=$(sed -n 's/^User=//p' "$unit")
read -r -a command <<<"$exec_start"
command[0]=$prefix${command[0]}
[[ ${command[1]} == --config ]] && command[2]=$prefix${command[2]}
state=$work/state # stands in for StateDirectory=scoreboard
mkdir -p "$state"
if ((as_root)); then
    chown "$unit_user:$unit_user" "$state"
    chmod 0750 "$state"
fi
echo "ExecStart: ${command[*]} (+ --data-dir $state --port 0 --listen 127.0.0.1)"
env -i PATH=$clean_path LANG=C.UTF-8 STATE_DIRECTORY="$state" "${run_as[@]}" "${command[@]}" \
    --data-dir "$state" --port 0 --listen 127.0.0.1 >"$work/server.log" 2>&1 &
server_pid=$!
wait_for_start "$work/server.log" "$server_pid" || fail "the installed server did not start"
port=$(sed -n 's|.*Scoreboard is running at http://[^:]*:\([0-9]*\)/.*|\1|p' "$work/server.log")
[[ -n $port ]] || fail "the installed server did not start"
ok "server running on 127.0.0.1:$port (pid $server_pid)"
if ((as_root)); then
    [[ $(stat -c %U "/proc/$server_pid") == "$unit_user" ]] ||
        fail "the server runs as $(stat -c %U "/proc/$server_pid"), not $unit_user"
    ok "it runs as the unit's user $unit_user"
    foreign=$(find "$state" ! -user "$unit_user" -printf '%p ')
    [[ -z $foreign ]] || fail "files in the state folder not owned by $unit_user: $foreign"
    ok "everything it wrote is owned by $unit_user"
fi
[[ $(stat -c %a "$state/secret.key") == 600 ]] || fail "secret.key is mode $(stat -c %a "$state/secret.key")"
ok "secret.key is mode 0600"

say "add-staff from the installed layout, while the server runs"
staff_email=staff-admin@example.org
staff_password="packaged staff pass $RANDOM$RANDOM"
if ! printf '%s\n' "$staff_password" | env -i PATH=$clean_path LANG=C.UTF-8 "${run_as[@]}" \
    "$server_bin" add-staff --config "$conf" --data-dir "$state" --email "$staff_email" \
    --role admin >"$work/add-staff.log" 2>&1; then
    cat "$work/add-staff.log"
    fail "add-staff"
fi
ok "$(cat "$work/add-staff.log")"

say "a sign-up-and-action round over the protocol"
SCOREBOARD_STAFF_PASSWORD=$staff_password timeout 120 "$round" --url "ws://127.0.0.1:$port/ws" \
    --mail-dir "$state/mail" --staff-email "$staff_email" || fail "the protocol round"

# ---------------------------------------------------------------- 5. the apps
closure_of() { # closure_of "DEPENDS FIELD": the installed packages it pulls in, one a line
    python3 - "$1" <<'EOF'
import subprocess, sys
out = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Status}\t${Depends}, ${Pre-Depends}\t${Provides}\n"],
                     capture_output=True, text=True, check=True).stdout
deps, provides = {}, {}
for line in out.splitlines():
    pkg, status, depends, provided = line.split("\t")
    if not status.endswith(" installed"):
        continue
    deps[pkg] = depends
    for p in provided.split(","):
        name = p.strip().split(" ")[0]
        if name:
            provides.setdefault(name, []).append(pkg)
def names(field):
    for group in field.split(","):
        for alternative in group.split("|"):
            name = alternative.strip().split(" ")[0].split(":")[0]
            if name:
                yield name
closure, todo = set(), list(names(sys.argv[1]))
while todo:
    name = todo.pop()
    for pkg in ([name] if name in deps else provides.get(name, [])):
        if pkg not in closure:
            closure.add(pkg)
            todo.extend(names(deps[pkg]))
print("\n".join(sorted(closure)))
EOF
}
socket_to_port() { # socket_to_port PID PORT: the process has an established TCP connection to PORT
    local pid=$1 port_hex inodes
    port_hex=$(printf '%04X' "$2")
    inodes=$(find "/proc/$pid/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n')
    [[ -n $inodes ]] || return 1
    awk -v port=":$port_hex" -v inodes="$inodes" '
        BEGIN { n = split(inodes, list, "\n"); for (i = 1; i <= n; i++) want[list[i]] = 1 }
        FNR > 1 && $4 == "01" && substr($3, length($3) - 4) == port && ($10 in want) { found = 1 }
        END { exit !found }' "/proc/$pid/net/tcp" "/proc/$pid/net/tcp6"
}
for app in "${apps[@]}"; do
    p=scoreboard-$app
    say "$p: offscreen, loads its QML and connects"
    home=$work/home-$app
    mkdir -p "$home" "$work/runtime-$app"
    chmod 0700 "$work/runtime-$app"
    env -i PATH=$clean_path LANG=C.UTF-8 HOME="$home" XDG_RUNTIME_DIR="$work/runtime-$app" \
        QT_QPA_PLATFORM=offscreen QML_IMPORT_TRACE=1 \
        "$prefix/usr/bin/$p" --server "ws://127.0.0.1:$port/ws" >"$work/$app.log" 2>&1 &
    app_pid=$!
    connected=0
    for _ in $(seq 300); do
        if socket_to_port "$app_pid" "$port"; then
            connected=1
            break
        fi
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    if ((!connected)); then
        grep -v '^qt.qml.import' "$work/$app.log" | tail -n 20
        fail "$p did not connect (it connects only after its QML loaded)"
    fi
    ok "$p loaded its QML and connected to the server"
    # What it loaded from the system: Qt libraries and plugins (memory maps) and QML modules
    # (the qmldir files the import trace names).
    loaded=$({
        awk '{ print $6 }' "/proc/$app_pid/maps" | grep -E '/qt6/|/libQt6' || true
        grep -oE '/usr/lib/[^" ]*/qt6/qml/[^" ]*/qmldir' "$work/$app.log" || true
    } | sort -u)
    stop_pid "$app_pid"
    app_pid=""
    if ((as_root)); then
        depends=$(dpkg-query -W -f='${Depends}' "$p")
    else
        depends=$(field "${deb[$p]}" Depends)
    fi
    closure=$(closure_of "$depends")
    mapfile -t paths <<<"$loaded"
    owned=$(dpkg -S "${paths[@]}" 2>/dev/null | grep -v '^diversion ' || true)
    owners=""
    for path in "${paths[@]}"; do
        owner=$(awk -F': ' -v path="$path" \
            '$NF == path { split($1, names, ", "); sub(/:.*/, "", names[1]); print names[1]; exit }' <<<"$owned")
        [[ -n $owner ]] || fail "$p loaded $path, which no package owns"
        grep -qxF "$owner" <<<"$closure" ||
            fail "$p loaded $path from $owner, which its Depends do not pull in"
        owners+="$owner"$'\n'
    done
    qml_modules=$(sort -u <<<"$owners" | grep '^qml6-' | tr '\n' ' ') || true
    [[ -n $qml_modules ]] || fail "$p loaded no QML module from the system (import trace empty?)"
    ok "$p: all $(wc -l <<<"$loaded") Qt libraries, plugins and qmldirs it loaded come from its dependencies"
    ok "$p: QML modules used: $qml_modules"
done

# ---------------------------------------------------------------- 6. stop, upgrade, remove
say "stopping the server"
kill -TERM "$server_pid"
rc=0
for _ in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$server_pid" 2>/dev/null && fail "the server did not stop within 20 s of SIGTERM"
wait "$server_pid" || rc=$?
server_pid=""
((rc == 0)) || fail "the server exited with $rc after SIGTERM"
ok "the server stopped cleanly on SIGTERM (exit 0)"
if grep -qF "$staff_password" "$work/server.log" "$work/add-staff.log"; then
    fail "a password appears in the logs"
fi
ok "no password in the server's or add-staff's output"

if ((as_root)); then
    say "reinstall keeps a changed conffile"
    echo "; changed by the package test" >>/etc/scoreboard/server.conf
    if ! apt_quiet install --reinstall --no-install-recommends "${deb[@]}" >"$work/reinstall.log" 2>&1; then
        cat "$work/reinstall.log"
        fail "apt-get install --reinstall"
    fi
    grep -qxF "; changed by the package test" /etc/scoreboard/server.conf ||
        fail "the reinstall replaced the changed /etc/scoreboard/server.conf"
    [[ $(stat -c '%U:%G %a' /etc/scoreboard/server.conf) == "root:scoreboard 640" ]] ||
        fail "after the reinstall server.conf is $(stat -c '%U:%G %a' /etc/scoreboard/server.conf)"
    ok "the change survives, still root:scoreboard 0640"

    say "apt-get remove keeps config, data and account"
    touch /var/lib/scoreboard/kept-by-remove
    apt_quiet remove "${packages[@]}" >"$work/remove.log" 2>&1 || {
        cat "$work/remove.log"
        fail "apt-get remove"
    }
    for p in "${packages[@]}"; do
        [[ ! -e /usr/bin/$p ]] || fail "/usr/bin/$p is still there after remove"
    done
    [[ ! -e /lib/systemd/system/scoreboard-server.service ]] || fail "the unit is still there after remove"
    [[ ! -e /usr/share/applications/scoreboard-client.desktop ]] || fail "a .desktop file is still there"
    [[ -f /etc/scoreboard/server.conf ]] || fail "remove deleted the conffile"
    [[ -f /var/lib/scoreboard/kept-by-remove ]] || fail "remove deleted /var/lib/scoreboard"
    getent passwd scoreboard >/dev/null || fail "remove deleted the user scoreboard"
    [[ $(dpkg-query -W -f='${Status}' scoreboard-server) == "deinstall ok config-files" ]] ||
        fail "scoreboard-server is '$(dpkg-query -W -f='${Status}' scoreboard-server)' after remove"
    ok "programs, unit, desktop files gone; server.conf, /var/lib/scoreboard and the user kept"

    say "apt-get purge removes everything"
    # client and admin have no conffiles: remove already took them completely.
    # shellcheck disable=SC2046 # one word per package
    apt_quiet purge $(known_packages) >"$work/purge.log" 2>&1 || {
        cat "$work/purge.log"
        fail "apt-get purge"
    }
    installed=0
    for p in "${packages[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        [[ -z $status || $status == "unknown ok not-installed" ]] || fail "$p is '$status' after purge"
    done
    for path in /etc/scoreboard /var/lib/scoreboard /etc/systemd/system/scoreboard-server.service \
        /etc/systemd/system/multi-user.target.wants/scoreboard-server.service \
        /var/lib/systemd/deb-systemd-helper-enabled/scoreboard-server.service \
        /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/scoreboard-server.service \
        /var/lib/systemd/deb-systemd-helper-masked/scoreboard-server.service; do
        [[ ! -e $path && ! -L $path ]] || fail "$path is still there after purge"
    done
    ! getent passwd scoreboard >/dev/null || fail "the user scoreboard is still there after purge"
    ! getent group scoreboard >/dev/null || fail "the group scoreboard is still there after purge"
    ok "packages, config, state, unit state, user and group all gone"
fi

if ((as_root)); then
    say "PASS: the packages build, install, run, upgrade, remove and purge cleanly"
else
    say "PASS: the packages build and run from a temporary root (installation not tested: not root)"
fi
