#!/usr/bin/env bash
# The restore drill (issue 25): a backup taken under write load restores to a sound ledger whose head
# is a head the live ledger had. Starts `cpsledger serve` on a new ledger (an editor token from
# `cpsledger token create`), keeps writing measures through the API from a second process, runs
# `cpsledger backup` during the load, stops the writer, copies the backup to a new folder (the
# restore), runs `cpsledger verify` on it, and compares its head (seq and hash, read with sqlite3)
# with the live ledger's: the backup's seq must lie between the live head just before and just after
# the backup ran, the live event at that seq must have the same hash, and `cpsledger verify
# --expect-head SEQ:HASH` on the live ledger must prove it still holds that head and all before it.
# Loopback only, bounded (DRILL_WRITES_BEFORE writes before the backup, as many after; default 40).
# Usage: Scripts/restore-drill.sh [CPSLEDGER]   (default .build/debug/cpsledger)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/serve-ledger.sh"
bin=$(realpath "${1:-.build/debug/cpsledger}")
writes=${DRILL_WRITES_BEFORE:-40}
work=$(mktemp -d)
server=""
writer=""
cleanup() {
  for pid in $writer $server; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "restore drill FAILED: $*" >&2; [ -f "$work/serve.log" ] && { echo "--- server log (tail)" >&2; tail -20 "$work/serve.log" >&2; }; exit 1; }
head_of() { sqlite3 "$1" "SELECT seq || ':' || lower(hex(hash)) FROM events ORDER BY seq DESC LIMIT 1"; }

live="$work/live/ledger.sqlite"
mkdir -p "$work/live" "$work/backups" "$work/restored"
export CPSLEDGER_DB="$live" CPSLEDGER_ACTOR="restore-drill"
"$bin" init >/dev/null
token=$("$bin" token create --role editor --name "restore drill writer" 2>/dev/null)
port=
start_server "$bin" "$work/serve.log"

# The writer: one EXAMPLE measure after another through POST /api/measures until the stop file
# appears; it counts the acknowledged writes (201) in a file and stops on any other answer.
cat >"$work/writer.py" <<'PY'
import json, os, sys, urllib.request, datetime
port, token, work = sys.argv[1], sys.argv[2], sys.argv[3]
states = ["FRA", "DEU", "KEN", "BRA", "IND", "JPN"]
n = 0
while not os.path.exists(os.path.join(work, "stop")):
    body = {"state": states[n % len(states)], "obligation": "art8.record-keeping", "status": "implemented",
            "effective_date": (datetime.date(1990, 1, 1) + datetime.timedelta(days=n)).isoformat(),
            "title": f"EXAMPLE: restore drill measure {n} (not a real law)", "kind": "legislation"}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/measures", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        if answer.status != 201:
            sys.exit(f"write {n}: status {answer.status}")
    n += 1
    with open(os.path.join(work, "acknowledged.tmp"), "w") as f: f.write(str(n))
    os.replace(os.path.join(work, "acknowledged.tmp"), os.path.join(work, "acknowledged"))
PY
acknowledged() { cat "$work/acknowledged" 2>/dev/null || echo 0; }
python3 "$work/writer.py" "$port" "$token" "$work" 2>"$work/writer.log" &
writer=$!
wait_for_writes() {
  for _ in $(seq 1 600); do
    [ "$(acknowledged)" -ge "$1" ] && return 0
    kill -0 "$writer" 2>/dev/null || fail "the writer stopped: $(cat "$work/writer.log")"
    sleep 0.1
  done
  fail "the writer did not reach $1 acknowledged writes in 60 s"
}
wait_for_writes "$writes"

# The backup, while the writer writes.
before=$(head_of "$live"); written_before=$(acknowledged)
"$bin" backup "$work/backups/ledger.sqlite" >/dev/null
after=$(head_of "$live"); written_after=$(acknowledged)
wait_for_writes $((written_after + writes))
touch "$work/stop"
wait "$writer" || fail "the writer failed: $(cat "$work/writer.log")"
writer=""
[ "${before%%:*}" -lt "${after%%:*}" ] || echo "note: no write landed while the backup ran (heads ${before%%:*} and ${after%%:*})"

# The restore: the backup file alone, copied to a new folder, as onto a new machine.
cp "$work/backups/ledger.sqlite" "$work/restored/ledger.sqlite"
restored="$work/restored/ledger.sqlite"
"$bin" verify --db "$restored" || fail "the restored ledger is not sound"
head=$(head_of "$restored"); seq=${head%%:*}; hash=${head#*:}
[ "$seq" -ge "${before%%:*}" ] && [ "$seq" -le "${after%%:*}" ] \
  || fail "the backup's head $seq is not between the live heads just before (${before%%:*}) and after (${after%%:*}) the backup"
live_hash=$(sqlite3 "$live" "SELECT lower(hex(hash)) FROM events WHERE seq = $seq")
[ "$live_hash" = "$hash" ] || fail "event $seq has hash $hash in the backup and $live_hash in the live ledger"
"$bin" verify --db "$live" --expect-head "$seq:$hash" >/dev/null || fail "the live ledger does not hold the backup's head $seq:$hash"
final=$(head_of "$live")
[ "${final%%:*}" -gt "$seq" ] || fail "the live ledger did not move on after the backup (head ${final%%:*})"
echo "restore drill: $(acknowledged) writes acknowledged ($written_before before the backup began, $written_after when it ended);" \
  "backup head $seq (live head ${before%%:*} before, ${after%%:*} after), the live ledger's event $seq has the same hash ${hash:0:12}…," \
  "live head now ${final%%:*}; the restored copy is sound"
