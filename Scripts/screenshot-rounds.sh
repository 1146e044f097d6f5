#!/usr/bin/env bash
# Plays a small round with EXAMPLE data and takes desktop (1280 px) and phone (390 px) screenshots of
# the round pages in headless Chromium: an admin opens a round (CLI), the France focal point signs in,
# makes a mistake, drafts a measure and submits, a reviewer returns it with a comment. Look at the PNGs
# before calling a change done; they are not committed.
#   Scripts/screenshot-rounds.sh [OUTDIR]
# Needs chromium (apt-get install -y chromium) and Node 20+.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}; port=${PORT:-18091}
mkdir -p "$out"
swift build >/dev/null
bin=$(swift build --show-bin-path)/cpsledger
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
export CPSLEDGER_DB="$work/rounds.sqlite"
"$bin" init >/dev/null
focal=$("$bin" token create --role focal_point --state FRA --name "EXAMPLE focal point, France" 2>/dev/null)
reviewer=$("$bin" token create --role reviewer --name "EXAMPLE reviewer" 2>/dev/null)
"$bin" round open 2026-review --due 2026-12-31 --article 8 --states FRA,KEN >/dev/null
"$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
node --experimental-websocket --no-warnings Scripts/screenshot-rounds.mjs "http://127.0.0.1:$port" "$focal" "$reviewer" 2026-review "$out"
