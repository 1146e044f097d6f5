#!/usr/bin/env bash
# Starts `cpsledger serve` on a ledger, takes desktop and phone-width screenshots of the dashboard
# pages in headless Chromium, and stops the server. Look at the PNGs before calling a change done.
#   Scripts/screenshot-dashboard.sh [LEDGER] [OUTDIR]
# Needs chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-cpsledger.sqlite}; out=${2:-screenshots}; port=${PORT:-18090}
mkdir -p "$out"
bin=$(swift build --show-bin-path)/cpsledger
swift build >/dev/null
"$bin" serve --db "$db" --port "$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
for page in "/:summary" "/states/FRA:state-FRA" "/obligations/art8.record-keeping:obligation" "/treaties/VI-19:treaty-VI-19"; do
  url=${page%%:*}; name=${page##*:}
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1600 --screenshot="$out/$name.png" "http://127.0.0.1:$port$url" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=390,1200 --screenshot="$out/$name-phone.png" "http://127.0.0.1:$port$url" 2>/dev/null
  echo "wrote $out/$name.png and $out/$name-phone.png"
done
