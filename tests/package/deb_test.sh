#!/usr/bin/env bash
# Builds bounced_<version>_amd64.deb with cpack, installs it with dpkg on THIS machine,
# checks what it installed (program, unit, conffile, user, nothing started), then
# removes and purges it and checks that its files are gone.
#
#   sudo BOUNCED_TEST_PACKAGE=1 tests/package/deb_test.sh [BUILD_DIR]    (default: build)
#
# It installs and removes a system package, so it refuses to run unless root and
# BOUNCED_TEST_PACKAGE=1 (CI: .ci/run), and unless bounced is not installed already.
# Reuses BUILD_DIR when it is configured (RelWithDebInfo otherwise).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}

fail() { echo "deb_test: FAIL: $*" >&2; exit 1; }
ok() { echo "deb_test: ok: $*"; }

if [ "$(id -u)" != 0 ] || [ "${BOUNCED_TEST_PACKAGE:-}" != 1 ]; then
    echo "deb_test: installs a package on this machine: run as root with BOUNCED_TEST_PACKAGE=1" >&2
    exit 77
fi
if dpkg-query -W -f='${Status}' bounced 2>/dev/null | grep -q installed; then
    echo "deb_test: a bounced package is installed already; refusing to replace and remove it" >&2
    exit 1
fi
if [ -e /etc/bounced/bounced.conf ]; then
    echo "deb_test: /etc/bounced/bounced.conf exists (not from a package); refusing to touch it" >&2
    exit 1
fi

deploy/install-deps.sh --package
export DEBIAN_FRONTEND=noninteractive
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
# cpack builds `all` first, on one core: build it here on all of them.
cmake --build "$build" -j"$(nproc)" >/dev/null
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
deb="$build/bounced_${version}_amd64.deb"
rm -f "$deb"
(cd "$build" && cpack -G DEB >/dev/null)
[ -f "$deb" ] || fail "cpack made no $deb"
ok "built $deb ($(du -k "$deb" | cut -f1) KiB)"

# The metadata: Depends from dpkg-shlibdeps names the libraries the program links.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libpq5 libre2 libmimalloc libsystemd0 libc6 libstdc++6 libboost-program-options; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/bounced/bounced.conf \
    || fail "/etc/bounced/bounced.conf is not a conffile"
ok "Depends and conffiles"

trap 'dpkg -P bounced >/dev/null 2>&1 || true' EXIT
out=$(dpkg -i "$deb" 2>&1) || { echo "$out"; fail "dpkg -i"; }
echo "$out" | sed 's/^/  dpkg: /'
grep -q "systemctl enable --now bounced" <<<"$out" || fail "postinst does not say how to start the service"

[ -x /usr/bin/bounced ] || fail "no /usr/bin/bounced"
got=$(/usr/bin/bounced --version)
grep -q "$version" <<<"$got" || fail "bounced --version says '$got', not $version"
ok "bounced --version: $got"

getent passwd bounced >/dev/null || fail "postinst made no bounced user"
[ "$(stat -c '%U:%G %a' /etc/bounced/bounced.conf)" = "root:bounced 640" ] \
    || fail "/etc/bounced/bounced.conf is $(stat -c '%U:%G %a' /etc/bounced/bounced.conf), not root:bounced 640"
[ "$(stat -c '%U:%G %a' /var/lib/bounced)" = "bounced:bounced 750" ] || fail "/var/lib/bounced is not bounced:bounced 750"
ok "user bounced; /etc/bounced/bounced.conf root:bounced 640; /var/lib/bounced"

unit=/usr/lib/systemd/system/bounced.service
[ -f "$unit" ] || unit=/lib/systemd/system/bounced.service
[ -f "$unit" ] || fail "no bounced.service under /usr/lib/systemd/system"
grep -qx "ExecStart=/usr/bin/bounced run --config /etc/bounced/bounced.conf" "$unit" \
    || fail "ExecStart in $unit does not run /usr/bin/bounced: $(grep ExecStart "$unit")"
grep -q "/usr/local" "$unit" && fail "$unit still names /usr/local"
# Nothing enabled or started.
ls /etc/systemd/system/*.wants/bounced.service >/dev/null 2>&1 && fail "the package enabled bounced.service"
pgrep -f '^/usr/bin/bounced ' >/dev/null && fail "a bounced process is running after install"
ok "unit $unit runs /usr/bin/bounced; nothing enabled or running"
serve_unit=$(dirname "$unit")/bounced-serve.service
grep -qx "ExecStart=/usr/bin/bounced serve --config /etc/bounced/bounced.conf" "$serve_unit" \
    || fail "$serve_unit is missing or does not run /usr/bin/bounced serve"
ok "unit $serve_unit runs /usr/bin/bounced serve"

# systemd-analyze verify loads the unit offline (no running systemd needed); it checks
# the syntax, the directives and that ExecStart's program exists.
if ! command -v systemd-analyze >/dev/null; then
    echo "deb_test: systemd-analyze not installed (package systemd): unit not verified"
elif verify=$(systemd-analyze verify --man=no "$unit" "$serve_unit" 2>&1); then
    [ -z "$verify" ] || echo "$verify" | sed 's/^/  systemd-analyze: /'
    grep -qiE "bounced(-serve)?.service" <<<"$verify" && fail "systemd-analyze verify warns about a unit"
    ok "systemd-analyze verify $unit $serve_unit"
else
    echo "$verify"
    fail "systemd-analyze verify $unit $serve_unit"
fi

# An operator's edit survives reinstalling the package (a conffile, not overwritten).
echo "# edited by deb_test" >>/etc/bounced/bounced.conf
dpkg -i --force-confold "$deb" >/dev/null 2>&1 || fail "dpkg -i again"
grep -q "edited by deb_test" /etc/bounced/bounced.conf || fail "reinstalling replaced the edited configuration"
ok "reinstall keeps the edited /etc/bounced/bounced.conf"

files=$(dpkg -L bounced | while read -r f; do [ -f "$f" ] && echo "$f"; done)
[ -n "$files" ] || fail "dpkg -L lists no files"
dpkg -r bounced >/dev/null 2>&1 || fail "dpkg -r"
for f in $files; do
    case $f in
        /etc/*) [ -e "$f" ] || fail "dpkg -r removed the conffile $f (only purge may)" ;;
        *) [ -e "$f" ] && fail "dpkg -r left $f" ;;
    esac
done
ok "dpkg -r removed $(wc -w <<<"$files") files, kept the conffile"
dpkg -P bounced >/dev/null 2>&1 || fail "dpkg -P"
[ -e /etc/bounced ] && fail "dpkg -P left /etc/bounced"
dpkg-query -W -f='${Status}' bounced 2>/dev/null | grep -q installed && fail "bounced still installed"
trap - EXIT
ok "dpkg -P removed /etc/bounced; the bounced user stays (files it owns may remain)"
echo "deb_test: all passed"
