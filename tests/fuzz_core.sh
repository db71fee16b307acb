#!/usr/bin/env bash
# libFuzzer over sipguide's pure-C core, for a fixed time.
#   bash tests/fuzz_core.sh [SECONDS]      (default 60; needs clang and libclang-rt-14-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Icore \
    core/sipguide_core.c core/sipguide_table.c core/sipguide_scan.c core/sipguide_sip.c \
    core/sipguide_track.c tests/fuzz_core.c \
    $(pkg-config --cflags --libs glib-2.0) -o "$out/fuzz_core"
mkdir -p "$out/corpus"
printf '486\0Busy\0meaning\0a | b\0warn' > "$out/corpus/row"
printf '100-199,401,407' > "$out/corpus/range"
printf 'SIP/2.0 404 Not Found' > "$out/corpus/line"
printf '305 gw.example.com "Incompatible media format"' > "$out/corpus/warning"
printf 'SIP/2.0 401 Unauthorized\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nWWW-Authenticate: Digest realm="r", stale=true\r\nContent-Type: application/sdp\r\n\r\nm=audio 0 RTP/AVP 0\r\na=inactive\r\n' > "$out/corpus/sip"
"$out/fuzz_core" -artifact_prefix="$out/" -max_total_time="$secs" -print_final_stats=1 "$out/corpus" 2>&1 | tail -15
