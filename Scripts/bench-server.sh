#!/usr/bin/env bash
# Server benchmark (release build) with wrk and curl on loopback, against the ledger the import
# benchmark leaves in bench-out/ (run Scripts/bench-import.sh first, or set DB; with --quick and no
# ledger there, a 50,000-event one is made). Each figure beside its yardstick from the same run:
#   GET /api/reports/summary?as_of=D, first ask for a date not asked yet / the second ask (cached)
#   GET /api/reports/summary, cached, under wrk (4 connections) / Datasette serving the same file,
#     a per-group tally of `cells` (the same SQL as bench-import.sh's sqlite3 yardstick), same wrk
#     load; Datasette is installed from PyPI into a venv of its own (.build/bench-venv), and that row
#     is skipped, with a sentence, when PyPI cannot be reached
#   GET /api/reports/summary, uncached (the first after a write) / cached
#   POST /api/measures under wrk (no event lost or duplicated; `verify` after)
# Bounded: each wrk run lasts DURATION seconds, on 127.0.0.1 only. Needs wrk (apt-get install -y wrk).
#
#   Scripts/bench-server.sh            # 15 s per wrk run
#   Scripts/bench-server.sh --quick    # 3 s per wrk run, 5 dates: about a minute once built
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=false
if [ "${1:-}" = "--quick" ]; then QUICK=true; DURATION=${DURATION:-3}; fi
OUT=${OUT:-bench-out}
DB=${DB:-$OUT/ledger.sqlite}; PORT=${PORT:-18088}; DATASETTE_PORT=${DATASETTE_PORT:-$((PORT + 1))}; DURATION=${DURATION:-15}; RUN=$(date +%s)
VENV=${VENV:-.build/bench-venv}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed: apt-get install -y curl" >&2; exit 1; }
. Scripts/release-binary.sh
. Scripts/bench-timing.sh
mkdir -p "$OUT"
if [ ! -f "$DB" ]; then
  if ! $QUICK; then echo "no ledger at $DB: run Scripts/bench-import.sh first, or set DB, or use --quick" >&2; exit 1; fi
  echo "== building a ledger of 50,000 synthetic events in $DB"
  "$BIN" generate measures --events 50000 --seed 1 --output "$OUT/quick.csv" --db "$OUT/quick-gen.sqlite" >/dev/null
  "$BIN" init --db "$DB" >/dev/null
  "$BIN" import measures "$OUT/quick.csv" --db "$DB" --actor bench >/dev/null
fi
TOKEN=$("$BIN" token create --db "$DB" --role editor --name "wrk load test (EXAMPLE data)" 2>/dev/null)
"$BIN" serve --db "$DB" --port "$PORT" >"$OUT/serve.log" 2>&1 &
SERVER=$!
DATASETTE=
cleanup() { kill $SERVER ${DATASETTE:+$DATASETTE} 2>/dev/null || true; }
trap cleanup EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$URL/api/health" >/dev/null && break; sleep 0.2; done
events=$(curl -s "$URL/api/health" | sed 's/.*"events":\([0-9]*\).*/\1/')

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f\n", a[int((NR + 1) / 2)] }'; }
best() { tr ' ' '\n' | grep . | sort -n | head -1 | awk '{ printf "%.2f\n", $1 }'; }
ask_ms() { curl -sf -o /dev/null -w "%{time_total}" "$1" | awk '{ printf "%.3f", $1 * 1000 }'; }

# Today's summary first, as a dashboard would: the server then keeps today's cells.
curl -sf -o /dev/null "$URL/api/reports/summary"

# The first as-of summary for a date the server has not been asked yet, beside the second ask of the
# same URL (the response cache), each date once.
DATES="2005-06-30 1999-12-31 2012-03-31 2008-09-15 2016-12-31 2002-01-01 2010-06-30 2019-05-20 2004-02-29 2014-08-01"
$QUICK && DATES="2005-06-30 1999-12-31 2012-03-31 2008-09-15 2016-12-31"
first=""; second=""
for date in $DATES; do
  first+="$(ask_ms "$URL/api/reports/summary?as_of=$date") "
  second+="$(ask_ms "$URL/api/reports/summary?as_of=$date") "
done
first_best=$(best <<<"$first"); first_median=$(median <<<"$first")
second_best=$(best <<<"$second"); second_median=$(median <<<"$second")
echo "== GET /api/reports/summary?as_of=D, first ask for each of $(wc -w <<<"$DATES") dates: $first ms"
echo "   the second ask of each: $second ms"

# The cached summary under wrk.
echo "== GET /api/reports/summary, cached (${DURATION}s, 4 connections)"
wrk -t2 -c4 -d"${DURATION}s" --latency "$URL/api/reports/summary" >"$OUT/wrk-summary.txt" || true
grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" "$OUT/wrk-summary.txt" || true
ours_rps=$(awk '/Requests\/sec/ { print $2 }' "$OUT/wrk-summary.txt")
ours_p99=$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-summary.txt")

# Datasette on the same file, the same wrk load, the server above idle.
TALLY="SELECT s.regional_group, c.status, count(*) FROM cells c JOIN states s ON s.iso3 = c.state GROUP BY 1, 2"
ds_rps=""; ds_note=""
if [ ! -x "$VENV/bin/datasette" ]; then
  python3 -m venv "$VENV" >/dev/null 2>&1 && "$VENV/bin/pip" install -q --disable-pip-version-check "datasette==0.65.1" >"$OUT/datasette-install.log" 2>&1 ||
    ds_note="Datasette was not measured: it could not be installed from PyPI (no network, or PyPI unreachable; see $OUT/datasette-install.log)."
fi
if [ -z "$ds_note" ]; then
  "$VENV/bin/datasette" serve "$DB" -h 127.0.0.1 -p "$DATASETTE_PORT" >"$OUT/datasette.log" 2>&1 &
  DATASETTE=$!
  name=$(basename "$DB" .sqlite)
  query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$TALLY")
  DS_URL="http://127.0.0.1:$DATASETTE_PORT/$name.json?sql=$query&_shape=array"
  for _ in $(seq 100); do curl -sf -o /dev/null "$DS_URL" && break; sleep 0.2; done
  if curl -sf "$DS_URL" | grep -q '"count(\*)"'; then
    echo "== Datasette $("$VENV/bin/datasette" --version | awk '{ print $NF }'): the per-group tally of cells (${DURATION}s, 4 connections)"
    wrk -t2 -c4 -d"${DURATION}s" --latency "$DS_URL" >"$OUT/wrk-datasette.txt" || true
    grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" "$OUT/wrk-datasette.txt" || true
    ds_rps=$(awk '/Requests\/sec/ { print $2 }' "$OUT/wrk-datasette.txt")
  else
    ds_note="Datasette was not measured: it did not answer the tally on port $DATASETTE_PORT (see $OUT/datasette.log)."
  fi
  kill "$DATASETTE" 2>/dev/null || true; wait "$DATASETTE" 2>/dev/null || true; DATASETTE=
fi
[ -n "$ds_note" ] && echo "$ds_note"

# The uncached summary (the first request after a write), best of 10, each right after one POST,
# beside the cached answer to the same request from the same run.
post_one() {
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d "{\"state\":\"FRA\",\"obligation\":\"art8.record-keeping\",\"status\":\"partial\",\"effective_date\":\"2020-01-01\",\"title\":\"EXAMPLE uncached $RUN $1\",\"kind\":\"regulation\"}" \
    "$URL/api/measures"
}
n=0
for query in "" "?as_of=2005-06-30"; do
  uncached=""; cached=""
  for _ in $(seq 10); do
    n=$((n + 1)); post_one "$n"
    uncached+="$(ask_ms "$URL/api/reports/summary$query") "
    cached+="$(ask_ms "$URL/api/reports/summary$query") "
  done
  echo "== GET /api/reports/summary$query uncached (first after a write): best of 10 $(best <<<"$uncached") ms;" \
    "cached $(best <<<"$cached") ms; ratio $(ratio "$(best <<<"$uncached")" "$(best <<<"$cached")")x"
done

cat >"$OUT/post.lua" <<LUA
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
before=$(curl -s "$URL/api/health" | sed 's/.*"events":\([0-9]*\).*/\1/')
wrk -t2 -c4 -d"${DURATION}s" --latency -s "$OUT/post.lua" "$URL" | tee "$OUT/post.txt" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors|posted" || true
after=$(curl -s "$URL/api/health" | sed 's/.*"events":\([0-9]*\).*/\1/')
posted=$(grep -o "posted [0-9]*" "$OUT/post.txt" | cut -d' ' -f2)
non2xx=$(grep -o "Non-2xx or 3xx responses: [0-9]*" "$OUT/post.txt" | grep -o "[0-9]*$" || echo 0)
echo "events before $before, after $after: $((after - before)) new events for $posted answered requests ($non2xx not 2xx;" \
  "wrk counts answers only: the at most 4 requests in flight when it stops are written too)"
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT

target() { awk -v f="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? (f <= l) : (f >= l); print ok ? "met" : "**not met**" }'; }
echo
echo "issue 23: the server's figures beside their yardsticks, same run ($events events)"
echo "| what | cpsledger | yardstick, same run | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
echo "| server: first as-of summary for a new date ($(wc -w <<<"$DATES") dates) | best $first_best ms, median $first_median ms | the second ask: best $second_best ms, median $second_median ms | $(ratio "$first_median" "$second_median")x (medians) | ≤ 15 ms: $(target "$first_median" "<=" 15) (median) |"
if [ -n "$ds_rps" ]; then
  echo "| server: cached summary, 4 connections | $ours_rps requests/s, p99 $ours_p99 | Datasette, per-group tally of \`cells\`: $ds_rps requests/s | $(ratio "$ours_rps" "$ds_rps")x | ≥ 50x: $(target "$(ratio "$ours_rps" "$ds_rps")" ">=" 50) |"
else
  echo "| server: cached summary, 4 connections | $ours_rps requests/s, p99 $ours_p99 | not measured: $ds_note | | |"
fi
"$BIN" verify --db "$DB"
