#!/usr/bin/env bash
# Installs what sipguide needs (Debian/Ubuntu), builds it, installs it into
# your personal Wireshark plugin folder and shows it on a bundled capture.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v tshark >/dev/null || ! dpkg -s wireshark-dev libwireshark-dev libglib2.0-dev cmake python3 valgrind clang libclang-rt-14-dev wireshark-qt xvfb xdotool imagemagick >/dev/null 2>&1; then
    echo "== Installing packages (tshark, wireshark-dev, libwireshark-dev, libglib2.0-dev, cmake, python3; valgrind, clang, wireshark-qt, xvfb, xdotool and imagemagick for the tests)"
    $SUDO apt-get update -qq
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        tshark wireshark-dev libwireshark-dev libglib2.0-dev cmake python3 gcc make \
        valgrind clang libclang-rt-14-dev wireshark-qt xvfb xdotool imagemagick >/dev/null
fi

echo "== Building"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

echo "== Installing for $(id -un)"
cmake --install build
echo "   The configuration profile \"SIP troubleshooting\" (sipguide's coloring rules first,"
echo "   verdict/title/finding columns, filter buttons) is installed with the plugin:"
echo "   in Wireshark pick it with Edit > Configuration Profiles, or start: wireshark -C \"SIP troubleshooting\""

CAP=captures/sipnab__sip-routing-error.pcapng
if [ "$(id -u)" -eq 0 ]; then
    echo "   (tshark run as root ignores personal plugins: the demo below runs it as 'nobody'"
    echo "    with the fresh build; as a normal user plain 'tshark' now loads sipguide.)"
fi
echo
echo "== Every SIP response in $CAP, with sipguide's hint in the Info column"
python3 tests/demo.py "$CAP" -Y sipguide
echo
echo "== What frame 6 (480) means and what to do: tshark -r $CAP -O sipguide -Y frame.number==6"
python3 tests/demo.py "$CAP" -O sipguide -Y frame.number==6 | sed -n '/^SIP Response Guide/,$p'
