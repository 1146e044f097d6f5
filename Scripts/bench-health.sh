#!/usr/bin/env bash
# Load and abuse test (release build, loopback only, bounded in time): while writes, report renders
# that miss the cache (known_at replays, HTML pages) and token-holding `verify` runs hit the
# server, /api/health is measured with wrk and its p50/p95/p99/max printed. Target: p99 < 50 ms.
#
#   Scripts/bench-health.sh                     # a 200,000-event ledger in bench-out/health.sqlite
#   DB=bench-out/ledger.sqlite Scripts/bench-health.sh    # the 1,000,000-event ledger of bench-import.sh
#   DURATION=30 HEAVY=4 Scripts/bench-health.sh
# Needs wrk (apt-get install -y wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench-out}; PORT=${PORT:-18089}; DURATION=${DURATION:-20}; HEAVY=${HEAVY:-3}; EVENTS=${EVENTS:-200000}
DB=${DB:-$OUT/health.sqlite}; RUN=$(date +%s)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
. Scripts/release-binary.sh
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
  echo "== building a ledger of $EVENTS synthetic events in $DB"
  "$BIN" generate measures --events "$EVENTS" --seed 7 --output "$OUT/health.csv" --db "$OUT/health-gen.sqlite" >/dev/null
  "$BIN" import measures "$OUT/health.csv" --db "$DB" --actor bench >/dev/null
fi
TOKEN=$("$BIN" token create --db "$DB" --role editor --name "bench-health load test (EXAMPLE data)" 2>/dev/null)
"$BIN" serve --db "$DB" --port "$PORT" >"$OUT/health-serve.log" 2>&1 &
SERVER=$!
PIDS=()
cleanup() { kill "${PIDS[@]}" "$SERVER" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT"

cat > "$OUT/health.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("health: %d requests, %d errors, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
cat > "$OUT/health-post.lua" <<LUA
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  counter = counter + 1
  local body = string.format('{"state":"FRA","obligation":"art8.suspicious-transaction-reporting","status":"partial","effective_date":"2020-01-01","title":"EXAMPLE bench-health $RUN %d","kind":"regulation"}', counter)
  return wrk.format(nil, "/api/measures", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("writes: %d requests, %d not 2xx, p99 %.1f ms\n", summary.requests, summary.errors.status, latency:percentile(99) / 1000))
end
LUA

echo "== 1. /api/health alone (${DURATION}s, 2 connections)"
wrk -t1 -c2 -d"${DURATION}s" -s "$OUT/health.lua" "$URL/api/health" | grep "^health:"

echo "== 2. /api/health while $HEAVY clients render uncached reports (known_at replays, HTML, CSV), 1 writer and verify with a token (${DURATION}s)"
heavy_client() {  # every request a different as_of date, so none is answered from the cache
  local n=0 end=$((SECONDS + DURATION)) code
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1)); day=$(printf %02d $(( (n + $1 * 9) % 28 + 1 ))); month=$(printf %02d $(( (n / 28 + $1) % 12 + 1 )))
    case $((n % 3)) in
      0) path="/api/reports/summary?as_of=2005-$month-$day&known_at=2026-01-01" ;;
      1) path="/?as_of=2004-$month-$day" ;;
      2) path="/api/reports/matrix?format=csv&as_of=2003-$month-$day&known_at=2026-01-01" ;;
    esac
    code=$(curl -s -o /dev/null -w "%{http_code}" "$URL$path")
    echo "$code" >> "$OUT/heavy-$1.codes"
  done
}
verify_client() {
  local end=$((SECONDS + DURATION))
  while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer $TOKEN" "$URL/api/verify" >> "$OUT/verify.codes"
  done
}
rm -f "$OUT"/heavy-*.codes "$OUT/verify.codes"
for i in $(seq "$HEAVY"); do heavy_client "$i" & PIDS+=($!); done
verify_client & PIDS+=($!)
wrk -t1 -c1 -d"${DURATION}s" -s "$OUT/health-post.lua" "$URL" > "$OUT/health-post.txt" & PIDS+=($!)
sleep 1
wrk -t1 -c2 -d"$((DURATION - 2))s" -s "$OUT/health.lua" "$URL/api/health" | grep "^health:"
wait "${PIDS[@]}" 2>/dev/null || true
PIDS=()
grep "^writes:" "$OUT/health-post.txt"
echo "heavy: $(cat "$OUT"/heavy-*.codes | wc -l) uncached renders, by status: $(cat "$OUT"/heavy-*.codes | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "verify (token, full runs): $(wc -l < "$OUT/verify.codes") answered, by status: $(sort "$OUT/verify.codes" | uniq -c | tr -s ' ' | tr '\n' ';')"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
trap - EXIT
"$BIN" verify --db "$DB" | tail -1
