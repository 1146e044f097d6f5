#!/usr/bin/env bash
# Server benchmark (release build) with wrk on loopback, against the ledger the import benchmark
# leaves in bench-out/ (run Scripts/bench-import.sh first, or set DB).
#   GET  /api/reports/summary   (target: 2,000 requests/s, p99 under 50 ms)
#   POST /api/measures          (target: 500 writes/s, no event lost or duplicated)
#   GET  /api/reports/summary, uncached (first after a write): target 15 ms, 50 ms with as_of
# Bounded: each run lasts DURATION seconds on 127.0.0.1 only. Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-bench-out/ledger.sqlite}; PORT=${PORT:-18088}; DURATION=${DURATION:-15}; RUN=$(date +%s)
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
. Scripts/release-binary.sh
TOKEN=$("$BIN" token create --db "$DB" --role editor --name "wrk load test (EXAMPLE data)" 2>/dev/null)
"$BIN" serve --db "$DB" --port "$PORT" >bench-out/serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.2; done
before=$(curl -s "http://127.0.0.1:$PORT/api/health" | sed 's/.*"events":\([0-9]*\).*/\1/')

# The uncached summary (the first request after a write), best of 10, each right after one POST,
# beside the cached answer to the same request from the same run.
ms() { echo "$1 * 1000" | bc -l | xargs printf %.1f; }
post_one() {
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d "{\"state\":\"FRA\",\"obligation\":\"art8.record-keeping\",\"status\":\"partial\",\"effective_date\":\"2020-01-01\",\"title\":\"EXAMPLE uncached $RUN $1\",\"kind\":\"regulation\"}" \
    "http://127.0.0.1:$PORT/api/measures"
}
n=0
for query in "" "?as_of=2005-06-30"; do
  uncached=999; cached=999
  for _ in $(seq 10); do
    n=$((n + 1)); post_one "$n"
    u=$(curl -sf -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT/api/reports/summary$query")
    c=$(curl -sf -o /dev/null -w "%{time_total}" "http://127.0.0.1:$PORT/api/reports/summary$query")
    uncached=$(echo "if ($u < $uncached) $u else $uncached" | bc -l); cached=$(echo "if ($c < $cached) $c else $cached" | bc -l)
  done
  echo "== GET /api/reports/summary$query uncached (first after a write): best of 10 $(ms "$uncached") ms;" \
    "cached $(ms "$cached") ms; ratio $(echo "$uncached / $cached" | bc -l | xargs printf %.1f)x"
done

echo "== GET /api/reports/summary (${DURATION}s, 4 connections)"
wrk -t2 -c4 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/api/reports/summary" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors" || true

cat > bench-out/post.lua <<LUA
-- Every request a new measure: thread number and counter make each title unique.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer $TOKEN"
end
request = function()
  counter = counter + 1
  local body = string.format('{"state":"FRA","obligation":"art8.suspicious-transaction-reporting","status":"partial","effective_date":"2020-01-01","title":"EXAMPLE wrk $RUN %d-%d","kind":"regulation"}', tid, counter)
  return wrk.format(nil, "/api/measures", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("posted %d requests\n", summary.requests))
end
LUA
echo "== POST /api/measures (${DURATION}s, 4 connections)"
wrk -t2 -c4 -d"${DURATION}s" --latency -s bench-out/post.lua "http://127.0.0.1:$PORT" | tee bench-out/post.txt | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors|posted" || true
after=$(curl -s "http://127.0.0.1:$PORT/api/health" | sed 's/.*"events":\([0-9]*\).*/\1/')
posted=$(grep -o "posted [0-9]*" bench-out/post.txt | cut -d' ' -f2)
non2xx=$(grep -o "Non-2xx or 3xx responses: [0-9]*" bench-out/post.txt | grep -o "[0-9]*$" || echo 0)
echo "events before $before, after $after: $((after - before)) new events for $posted requests ($non2xx not 2xx)"
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
"$BIN" verify --db "$DB"
