#!/usr/bin/env bash
# Import and read benchmark (release build): generates N synthetic measure events, imports them into
# a fresh ledger, compares with sqlite3's own .import of the same CSV into a bare table, times the
# reports, `history` and `verify`, and ends with each figure beside its yardstick from the same run,
# as a ratio. Commands are timed whole-process, interleaved with their yardsticks round by round
# (Scripts/bench-timing.sh), so a busy machine slows both alike:
#   cpsledger --help                 / a static "hello, world" Swift binary linking Foundation; sqlite3's tally
#   report summary --format json     / sqlite3 computing a per-group tally from `cells`
#   report summary --as-of D         / the same tally (issue 23's target is absolute: 25 ms at 1M)
#   history --state S --obligation O / sqlite3 looking the same cell's events up by index (a point query)
#   import                           / sqlite3 .import of the same CSV into a bare table
#   bytes per event                  / bytes per row of that bare table (dbstat)
#   verify                           / sqlite3 reading every payload, piped through sha256sum
# and the figures of issue 21 (the transparency log): the tree's bytes per event and the median time
# of 1,000 inclusion and 1,000 consistency proofs at the ledger's size (PROOFS to change the count).
# Scripts/bench-server.sh times the server on the ledger this leaves.
#
#   Scripts/bench-import.sh            # 1,000,000 events, 30 rounds of each timing
#   Scripts/bench-import.sh --quick    # 50,000 events, 10 rounds: about a minute once built
#   EVENTS=200000 Scripts/bench-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--quick" ]; then EVENTS=${EVENTS:-50000}; ROUNDS=${ROUNDS:-10}; PROOFS=${PROOFS:-100}; fi
EVENTS=${EVENTS:-1000000}
ROUNDS=${ROUNDS:-30}
SEED=${SEED:-1}
OUT=${OUT:-bench-out}
# The as-of date of the as-of reports: earlier than most generated measures' effective dates.
ASOF=${ASOF:-2005-06-30}
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 1; }

. Scripts/release-binary.sh
. Scripts/bench-timing.sh
HELLO=$(hello_binary .build/bench-hello)
mkdir -p "$OUT"
rm -f "$OUT"/ledger.sqlite* "$OUT"/bare.sqlite* "$OUT"/measures.csv "$OUT"/gen.sqlite*

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

t0=$(now)
"$BIN" generate measures --events "$EVENTS" --seed "$SEED" --output "$OUT/measures.csv" --db "$OUT/gen.sqlite"
t1=$(now)
echo "generate: $EVENTS rows, $(du -h "$OUT/measures.csv" | cut -f1) in $(printf %.2f "$(secs "$t0" "$t1")") s"

"$BIN" init --db "$OUT/ledger.sqlite" >/dev/null
t0=$(now)
/usr/bin/time -f "%M" -o "$OUT/import.rss" "$BIN" import measures "$OUT/measures.csv" --db "$OUT/ledger.sqlite" --actor bench
t1=$(now)
import_s=$(secs "$t0" "$t1")
rss_kb=$(tail -1 "$OUT/import.rss")

t0=$(now)
sqlite3 "$OUT/bare.sqlite" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
.mode csv
.import $OUT/measures.csv bare
SQL
t1=$(now)
bare_s=$(secs "$t0" "$t1")

echo
echo "cpsledger import: $(printf %.2f "$import_s") s, $(printf %.0f "$(echo "$EVENTS / $import_s" | bc -l)") events/s, peak RSS $((rss_kb / 1024)) MB"
echo "sqlite3 .import (bare table, no checks): $(printf %.2f "$bare_s") s"
echo "ratio import / bare .import: $(ratio "$import_s" "$bare_s")x"
echo "ledger file: $(du -h "$OUT/ledger.sqlite" | cut -f1)"

DB="$OUT/ledger.sqlite"
cell=$(sqlite3 "$DB" "SELECT state || ' ' || obligation FROM cells ORDER BY state, obligation LIMIT 1")
state=${cell% *}; obligation=${cell#* }
TALLY="SELECT s.regional_group, c.status, count(*) FROM cells c JOIN states s ON s.iso3 = c.state GROUP BY 1, 2"
POINT="SELECT seq, payload FROM events WHERE seq IN (SELECT id FROM measures WHERE state = '$state' AND obligation = '$obligation' AND retracted_seq IS NULL)"

# Issue 23's read figures, each round: the yardsticks, then the commands measured against them.
echo
echo "timing $ROUNDS rounds of each command beside its yardsticks (whole process) ..."
side_by_side "$ROUNDS" \
  '"$HELLO"' \
  'sqlite3 "$DB" "$TALLY"' \
  'sqlite3 "$DB" "$POINT"' \
  '"$BIN" --help' \
  '"$BIN" report summary --format json --db "$DB"' \
  '"$BIN" report summary --as-of "$ASOF" --db "$DB"' \
  '"$BIN" history --state "$state" --obligation "$obligation" --db "$DB"'
hello_ms=${BEST[0]} tally_ms=${BEST[1]} point_ms=${BEST[2]} help_ms=${BEST[3]} json_ms=${BEST[4]} asof_ms=${BEST[5]} history_ms=${BEST[6]}
medians=("${MEDIAN[@]}")

# The other reports, for the README's table (whole process, best and median).
for args in "report summary" "report matrix --format csv" "report matrix --as-of $ASOF --format json" "report state FRA --as-of $ASOF" "report treaties" "report summary --format html"; do
  side_by_side "$((ROUNDS / 3 + 1))" "\"\$BIN\" $args --db \"\$DB\""
  /usr/bin/time -f "%M" -o "$OUT/report.rss" "$BIN" $args --db "$DB" >/dev/null
  echo "$args: best ${BEST[0]} ms, median ${MEDIAN[0]} ms (whole process), peak RSS $(( $(tail -1 "$OUT/report.rss") / 1024 )) MB"
done
t0=$(now); "$BIN" report summary --as-of "$ASOF" --known-at 2000-01-01 --db "$DB" >/dev/null; t1=$(now)
echo "report summary --as-of $ASOF --known-at 2000-01-01: $(printf %.2f "$(secs "$t0" "$t1")") s"

t0=$(now)
/usr/bin/time -f "%M" -o "$OUT/verify.rss" "$BIN" verify --db "$DB"
t1=$(now)
verify_s=$(secs "$t0" "$t1")
echo "verify: $(printf %.2f "$verify_s") s, peak RSS $(( $(tail -1 "$OUT/verify.rss") / 1024 )) MB"

# Issue 21: proofs at the ledger's size, as the server computes them (one read transaction each).
PROOFS=${PROOFS:-1000}
proof_times=$("$BIN" proof time --count "$PROOFS" --db "$DB")
echo "$proof_times"

echo
echo "bytes by table and index (dbstat):"
sqlite3 "$DB" "SELECT '  ' || name || ': ' || SUM(pgsize) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 8"
events_total=$(sqlite3 "$DB" "SELECT count(*) FROM events")
ledger_bytes=$(sqlite3 "$DB" "SELECT SUM(pgsize) FROM dbstat")
bare_rows=$(sqlite3 "$OUT/bare.sqlite" "SELECT count(*) FROM bare")
bare_bytes=$(sqlite3 "$OUT/bare.sqlite" "SELECT SUM(pgsize) FROM dbstat")
per_event=$(echo "$ledger_bytes / $events_total" | bc -l)
per_row=$(echo "$bare_bytes / $bare_rows" | bc -l)
t0=$(now); sqlite3 "$DB" "SELECT payload FROM events" | sha256sum >/dev/null; t1=$(now)
hash_floor_s=$(secs "$t0" "$t1")

# target_check FIGURE OP LIMIT: "met" or "not met".
target() { awk -v f="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? (f <= l) : (f >= l); print ok ? "met" : "**not met**" }'; }
echo
echo "issue 23: each figure beside its yardstick, same run ($events_total events; best of $ROUNDS interleaved rounds, medians in brackets)"
echo "| what | cpsledger | yardstick, same run | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
echo "| start-up: \`cpsledger --help\` | $help_ms ms (${medians[3]}) | static hello-world Swift binary $hello_ms ms (${medians[0]}); sqlite3 tally $tally_ms ms | $(ratio "$help_ms" "$hello_ms")x hello, $(ratio "$help_ms" "$tally_ms")x tally | ≤ 4 ms: $(target "$help_ms" "<=" 4) |"
echo "| \`report summary --format json\` | $json_ms ms (${medians[4]}) | sqlite3 per-group tally of \`cells\`: $tally_ms ms (${medians[1]}) | $(ratio "$json_ms" "$tally_ms")x | ≤ 2.5x: $(target "$(ratio "$json_ms" "$tally_ms")" "<=" 2.5) |"
echo "| \`report summary --as-of $ASOF\` | $asof_ms ms (${medians[5]}) | the same tally | $(ratio "$asof_ms" "$tally_ms")x | ≤ 25 ms at 1M: $(target "$asof_ms" "<=" 25) |"
echo "| \`history --state $state --obligation $obligation\` | $history_ms ms (${medians[6]}) | sqlite3 point query of the cell's events: $point_ms ms (${medians[2]}) | $(ratio "$history_ms" "$point_ms")x | ≤ 2x: $(target "$(ratio "$history_ms" "$point_ms")" "<=" 2) |"
echo "| import $EVENTS measures | $(printf %.2f "$import_s") s, peak RSS $((rss_kb / 1024)) MB | sqlite3 .import into a bare table: $(printf %.2f "$bare_s") s | $(ratio "$import_s" "$bare_s")x | ≤ 3x: $(target "$(ratio "$import_s" "$bare_s")" "<=" 3) |"
echo "| ledger bytes per event | $(printf %.0f "$per_event") | bare table bytes per row: $(printf %.0f "$per_row") | $(ratio "$per_event" "$per_row")x | ≤ 350 B: $(target "$per_event" "<=" 350) |"
echo "| verify | $(printf %.2f "$verify_s") s | sqlite3 reading every payload into sha256sum: $(printf %.2f "$hash_floor_s") s | $(ratio "$verify_s" "$hash_floor_s")x | |"
echo "The server's figures (first as-of summary, cached summary beside Datasette): Scripts/bench-server.sh."

tree_bytes=$(sqlite3 "$DB" "SELECT coalesce(SUM(pgsize), 0) FROM dbstat WHERE name LIKE '%log_subtrees%'")
echo
echo "issue 21: the transparency log at $events_total events"
echo "| what | figure |"
echo "| --- | --- |"
echo "| import with the Merkle tree (compare with the same run on a build before v0016) | $(printf %.0f "$(echo "$EVENTS / $import_s" | bc -l)") events/s |"
echo "| log_subtrees bytes per event | $(printf %.1f "$(echo "$tree_bytes / $events_total" | bc -l)") |"
while IFS= read -r line; do echo "| ${line%%:*} | ${line#*: } |"; done <<<"$proof_times"
