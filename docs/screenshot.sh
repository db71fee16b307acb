#!/usr/bin/env bash
# Takes docs/screenshot.png: the real Wireshark (wireshark-qt) under Xvfb with
# the fresh build and the "SIP troubleshooting" profile (its colours, columns
# and filter buttons), a failing response selected and the sipguide subtree
# expanded.  SIPGUIDE_PLUGIN=path/to/sipguide.so picks another build.
#   bash docs/screenshot.sh     (needs wireshark-qt xvfb xdotool imagemagick)
set -euo pipefail
cd "$(dirname "$0")/.."
plugin=${SIPGUIDE_PLUGIN:-$(pwd)/build/sipguide.so}
series=$(tshark --version | sed -n 's/.*(Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
stage=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$stage"' EXIT
mkdir -p "$stage/home/.local/lib/wireshark/plugins/$series/epan" "$stage/home/.config/wireshark"
cp "$plugin" "$stage/home/.local/lib/wireshark/plugins/$series/epan/"
cp captures/sipnab__sip-routing-error.pcapng "$stage/"
mkdir -p "$stage/home/.config/wireshark/profiles"
cp -r "profile/SIP troubleshooting" "$stage/home/.config/wireshark/profiles/"
cat > "$stage/home/.config/wireshark/recent_common" <<'R'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1400
gui.geometry_main_height: 1000
gui.geometry_main_maximized: TRUE
R
printf 'gui.byte_view_show: FALSE\n' >> "$stage/home/.config/wireshark/profiles/SIP troubleshooting/recent"
chmod -R a+rwX "$stage"
as_user=()
[ "$(id -u)" -ne 0 ] || as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
Xvfb :77 -screen 0 1400x1000x24 >/dev/null 2>&1 &
xvfb=$!
sleep 2
export DISPLAY=:77
"${as_user[@]}" env HOME="$stage/home" XDG_CONFIG_HOME="$stage/home/.config" DISPLAY=:77 \
    wireshark -C "SIP troubleshooting" -r "$stage/sipnab__sip-routing-error.pcapng" \
    -Y sipguide -g 20 -o gui.ask_unsaved:FALSE >/dev/null 2>&1 &
sleep 12
win=$(xdotool search --sync --onlyvisible --name "sip-routing-error" | head -1)
xdotool windowsize "$win" 1400 1000 windowmove "$win" 0 0
sleep 2
xdotool windowactivate --sync "$win" 2>/dev/null || true
xdotool windowfocus "$win" 2>/dev/null || true
# Click the last row of the packet details (SIP Response Guide, below frame,
# Ethernet, IP, UDP and SIP) and expand it with its subtrees (Shift+Right).
xdotool mousemove 120 630 click 1
sleep 1
xdotool key shift+Right
sleep 2
import -window root docs/screenshot.png
echo "wrote docs/screenshot.png"
