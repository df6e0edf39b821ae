#!/bin/sh
# Installs what bounced needs to build, test and run, from Debian's packages.
# Does nothing when everything is there already; otherwise needs root (or sudo).
#
#   deploy/install-deps.sh            build + test + run dependencies
#   deploy/install-deps.sh --bench    also what the benchmarks compare against
set -eu

packages="cmake g++ make pkg-config python3 libboost-program-options-dev libboost-filesystem-dev
libmimetic-dev libpq-dev libspdlog-dev catch2 libre2-dev libssl-dev libcurl4-openssl-dev
postgresql postgresql-client"
[ "${1:-}" = "--bench" ] && packages="$packages libsisimai-perl time hyperfine valgrind clang libclang-rt-14-dev"
[ "${1:-}" = "--fuzz" ] && packages="$packages clang libclang-rt-14-dev"

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
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
