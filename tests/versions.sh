#!/usr/bin/env bash
# Builds sipguide and runs its golden tests against Wireshark 4.4 (Debian 13
# "trixie") and 4.6 (Debian unstable) in debootstrap chroots, cached between
# runs under $SIPGUIDE_CHROOTS (default /var/cache/sipguide-chroots).  Needs root.
#   bash tests/versions.sh [trixie] [sid]
#   bash tests/versions.sh --prepare [trixie] [sid]   only build the chroots
#       (with valgrind and time, for bench/bench.py), run no tests
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
cache=${SIPGUIDE_CHROOTS:-/var/cache/sipguide-chroots}
prepare=0
if [ "${1:-}" = --prepare ]; then prepare=1; shift; fi
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
pkgs="tshark wireshark-dev libwireshark-dev libglib2.0-dev cmake python3 gcc make pkg-config"
# for bench/bench.py
bench_pkgs="valgrind time"

for suite in "${suites[@]}"; do
    root=$cache/$suite
    apt_opts=""
    # unstable's Release file can be stale: accept that there, and only there
    [ "$suite" = sid ] && apt_opts="-o Acquire::Check-Valid-Until=false"
    if [ ! -x "$root/usr/bin/tshark" ]; then
        echo "== $suite: building the chroot in $root"
        mkdir -p "$cache"
        [ -d "$root/usr" ] || debootstrap --variant=minbase "$suite" "$root" >/dev/null
        echo "wireshark-common wireshark-common/install-setuid boolean false" |
            chroot "$root" debconf-set-selections
        chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get $apt_opts update -qq
        chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq $pkgs >/dev/null
    fi
    if [ ! -x "$root/usr/bin/valgrind" ] || [ ! -x "$root/usr/bin/time" ]; then
        echo "== $suite: adding $bench_pkgs"
        chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq $bench_pkgs >/dev/null ||
        { chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get $apt_opts update -qq &&
          chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get $apt_opts install -y -qq $bench_pkgs >/dev/null; }
    fi
    echo "== $suite: $(chroot "$root" tshark --version | head -1)"
    if [ $prepare -eq 1 ]; then echo "== $suite: ready in $root"; continue; fi
    rm -rf "$root/src" && mkdir -p "$root/src"
    git ls-files -z | xargs -0 cp --parents -t "$root/src"
    mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
    status=0
    chroot "$root" bash -c 'cd /src && cmake -S . -B build >/dev/null && cmake --build build -j2 &&
        ctest --test-dir build --output-on-failure -j2 -R "core|track|sip|golden|context|user|transactions|calls|robust.Extremes"' || status=$?
    umount "$root/proc" || true
    [ $status -eq 0 ] || { echo "== $suite: FAILED"; exit $status; }
    echo "== $suite: passed"
done
