#!/bin/sh
# Installs what bounced needs to build, test and run, from Debian's packages.
# Does nothing when everything is there already; otherwise needs root (or sudo).
#
#   deploy/install-deps.sh            build + test + run dependencies
#     --e2e      also the real servers the end-to-end tests start (Postfix, Dovecot)
#                and Chromium with a Japanese font, which renders the HTML report in its test
#     --fuzz     also clang and its sanitizer runtime for the libFuzzer targets
#     --bench    also what the benchmarks compare against and measure with
#     --package  also what `cpack -G DEB` and tests/package/deb_test.sh use
set -eu

packages="cmake g++ make pkg-config python3 libboost-program-options-dev libboost-filesystem-dev
libmimetic-dev libmimalloc-dev libpq-dev libspdlog-dev catch2 libre2-dev libssl-dev libcurl4-openssl-dev libsystemd-dev
libcpp-httplib-dev nlohmann-json3-dev
postgresql postgresql-client"
for option in "$@"; do
    case $option in
        --e2e) packages="$packages postfix dovecot-imapd dovecot-pop3d chromium fonts-ipafont-gothic python3-prometheus-client" ;;
        --fuzz) packages="$packages clang libclang-rt-14-dev" ;;
        --bench) packages="$packages libsisimai-perl time hyperfine valgrind" ;;
        --package) packages="$packages dpkg-dev file binutils systemd" ;;
        *) echo "$0: unknown option '$option' (--e2e, --fuzz, --bench, --package)" >&2; exit 64 ;;
    esac
done

missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing:$missing" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "$0: need root or sudo to install:$missing" >&2; exit 1; }
    sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; the tests run private instances of their own.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
