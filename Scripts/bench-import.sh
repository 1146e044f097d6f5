#!/usr/bin/env bash
# Import benchmark (release build): generates N synthetic measure events, imports them into a
# fresh ledger, and compares with sqlite3's own .import of the same CSV into a bare table.
# Prints events per second, peak memory (max RSS), the ratio to sqlite3, and report timings, then
# each figure of issue 14 beside its floor from the same run, as a ratio:
#   import          / sqlite3 .import of the same CSV into a bare table
#   bytes per event / bytes per row of that bare table (dbstat)
#   report summary  / sqlite3 computing a per-group tally from cells (whole process each)
#   history         / sqlite3 looking up the same cell's events by index (whole process each)
#   verify          / sqlite3 reading every payload, piped through sha256sum
# and the figures of issue 21 (the transparency log): the import's throughput with the Merkle tree
# written beside the events, the tree's bytes per event, and the median time of 1,000 inclusion and
# 1,000 consistency proofs at the ledger's size (`cpsledger proof time`, PROOFS to change the count).
#
#   Scripts/bench-import.sh            # 1,000,000 events
#   EVENTS=100000 Scripts/bench-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${EVENTS:-1000000}
SEED=${SEED:-1}
OUT=${OUT:-bench-out}
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 1; }

. Scripts/release-binary.sh
mkdir -p "$OUT"
rm -f "$OUT"/ledger.sqlite* "$OUT"/bare.sqlite* "$OUT"/measures.csv

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
echo "ratio import / bare .import: $(printf %.2f "$(echo "$import_s / $bare_s" | bc -l)")x"
echo "ledger file: $(du -h "$OUT/ledger.sqlite" | cut -f1)"

# Whole-process timings, best of 5; `report summary` beside its floors from the same run: sqlite3
# computing a per-group tally from `cells` (a process that opens the file and runs one query) and
# `cpsledger --help` (the start-up of the binary without the ledger).
# Best of 5 whole-process runs of a command, in seconds.
best5() {
  local best=999 s t0 t1
  for _ in 1 2 3 4 5; do
    t0=$(now); "$@" >/dev/null; t1=$(now)
    s=$(secs "$t0" "$t1"); best=$(echo "if ($s < $best) $s else $best" | bc -l)
  done
  echo "$best"
}
ratio() { printf %.2f "$(echo "$1 / $2" | bc -l)"; }
ms() { printf %.0f "$(echo "$1 * 1000" | bc -l)"; }
tally_s=$(best5 sqlite3 "$OUT/ledger.sqlite" "SELECT s.regional_group, c.status, count(*) FROM cells c JOIN states s ON s.iso3 = c.state GROUP BY 1, 2")
help_s=$(best5 "$BIN" --help)
for args in "report summary" "report summary --as-of 2005-06-30" "report summary --format json" "report matrix --format csv" "report matrix --as-of 2005-06-30 --format json" "report state FRA --as-of 2005-06-30" "report treaties" "report summary --format html"; do
  s=$(best5 "$BIN" $args --db "$OUT/ledger.sqlite")
  /usr/bin/time -f "%M" -o "$OUT/report.rss" "$BIN" $args --db "$OUT/ledger.sqlite" >/dev/null
  echo "$args: best of 5 $(ms "$s") ms (whole process), peak RSS $(( $(tail -1 "$OUT/report.rss") / 1024 )) MB"
  if [ "$args" = "report summary" ]; then
    summary_s=$s
    echo "  floor: sqlite3 per-group tally from cells $(ms "$tally_s") ms (ratio $(ratio "$s" "$tally_s")x); cpsledger --help $(ms "$help_s") ms (ratio $(ratio "$s" "$help_s")x)"
  fi
done
t0=$(now); "$BIN" report summary --as-of 2005-06-30 --known-at 2000-01-01 --db "$OUT/ledger.sqlite" >/dev/null; t1=$(now)
echo "report summary --as-of 2005-06-30 --known-at 2000-01-01: $(printf %.2f "$(secs "$t0" "$t1")") s"

t0=$(now)
/usr/bin/time -f "%M" -o "$OUT/verify.rss" "$BIN" verify --db "$OUT/ledger.sqlite"
t1=$(now)
verify_s=$(secs "$t0" "$t1")
echo "verify: $(printf %.2f "$verify_s") s, peak RSS $(( $(tail -1 "$OUT/verify.rss") / 1024 )) MB"

# Issue 21: proofs at the ledger's size, as the server computes them (one read transaction each).
PROOFS=${PROOFS:-1000}
proof_times=$("$BIN" proof time --count "$PROOFS" --db "$OUT/ledger.sqlite")
echo "$proof_times"


echo
echo "bytes by table and index (dbstat):"
sqlite3 "$OUT/ledger.sqlite" "SELECT '  ' || name || ': ' || SUM(pgsize) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 8"
events_total=$(sqlite3 "$OUT/ledger.sqlite" "SELECT count(*) FROM events")
ledger_bytes=$(sqlite3 "$OUT/ledger.sqlite" "SELECT SUM(pgsize) FROM dbstat")
bare_rows=$(sqlite3 "$OUT/bare.sqlite" "SELECT count(*) FROM bare")
bare_bytes=$(sqlite3 "$OUT/bare.sqlite" "SELECT SUM(pgsize) FROM dbstat")
per_event=$(echo "$ledger_bytes / $events_total" | bc -l)
per_row=$(echo "$bare_bytes / $bare_rows" | bc -l)

cell=$(sqlite3 "$OUT/ledger.sqlite" "SELECT state || ' ' || obligation FROM cells ORDER BY state, obligation LIMIT 1")
state=${cell% *}; obligation=${cell#* }
history_s=$(best5 "$BIN" history --state "$state" --obligation "$obligation" --db "$OUT/ledger.sqlite")
lookup_s=$(best5 sqlite3 "$OUT/ledger.sqlite" "SELECT seq, payload FROM events WHERE seq IN (SELECT id FROM measures WHERE state = '$state' AND obligation = '$obligation' AND retracted_seq IS NULL)")
t0=$(now); sqlite3 "$OUT/ledger.sqlite" "SELECT payload FROM events" | sha256sum >/dev/null; t1=$(now)
hash_floor_s=$(secs "$t0" "$t1")

echo
echo "issue 14: each figure beside its floor, same run"
echo "| what | cpsledger | floor | ratio |"
echo "| --- | --- | --- | --- |"
echo "| import | $(printf %.2f "$import_s") s, peak RSS $((rss_kb / 1024)) MB | sqlite3 .import into a bare table: $(printf %.2f "$bare_s") s | $(ratio "$import_s" "$bare_s")x |"
echo "| ledger bytes per event | $(printf %.0f "$per_event") ($events_total events) | bare table bytes per row: $(printf %.0f "$per_row") | $(ratio "$per_event" "$per_row")x |"
echo "| report summary (whole process, best of 5) | $(ms "$summary_s") ms | sqlite3 per-group tally from cells: $(ms "$tally_s") ms | $(ratio "$summary_s" "$tally_s")x |"
echo "| history --state $state --obligation $obligation (best of 5) | $(ms "$history_s") ms | sqlite3 index lookup of the cell's events: $(ms "$lookup_s") ms | $(ratio "$history_s" "$lookup_s")x |"
echo "| verify | $(printf %.2f "$verify_s") s | sqlite3 reading every payload into sha256sum: $(printf %.2f "$hash_floor_s") s | $(ratio "$verify_s" "$hash_floor_s")x |"

tree_bytes=$(sqlite3 "$OUT/ledger.sqlite" "SELECT coalesce(SUM(pgsize), 0) FROM dbstat WHERE name LIKE '%log_subtrees%'")
echo
echo "issue 21: the transparency log at $events_total events"
echo "| what | figure |"
echo "| --- | --- |"
echo "| import with the Merkle tree (compare with the same run on a build before v0016) | $(printf %.0f "$(echo "$EVENTS / $import_s" | bc -l)") events/s |"
echo "| log_subtrees bytes per event | $(printf %.1f "$(echo "$tree_bytes / $events_total" | bc -l)") |"
while IFS= read -r line; do echo "| ${line%%:*} | ${line#*: } |"; done <<<"$proof_times"
