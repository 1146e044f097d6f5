#!/usr/bin/env bash
# The independent check of the transparency log (README, "Trust"; docs/transparency-log.md): builds
# Scripts/tlog-check, a Go program that checks a live `cpsledger serve` with Go's reference code
# (golang.org/x/mod/sumdb/tlog and sumdb/note, Debian's golang-golang-x-mod-dev, built offline), on a
# ledger of a few thousand events of SYNTHETIC measures (test data, no real State's) with three
# signed checkpoints and events after the last. It runs the checker once as is (it must pass) and
# once per tamper mode, each flipping one bit of what it fetched (it must fail with status 1, a
# disagreement): a tamper run that passes fails this script.
# Usage: Scripts/tlog-check.sh [CPSLEDGER]   (default .build/debug/cpsledger; TLOG_CHECK_PORT=N picks the port)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/serve-ledger.sh"
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/debug/cpsledger}")
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="${GOCACHE:-$PWD/.build/go-cache}" go build -o "$work/tlog-check" ./Scripts/tlog-check

export CPSLEDGER_DB="$work/ledger.sqlite" CPSLEDGER_ACTOR="tlog-check"
origin="example.org/cpsledger-tlog-check"
"$bin" init >/dev/null
"$bin" checkpoint key create --origin "$origin" --output "$work/signing.key" >/dev/null 2>"$work/key.txt"
vkey=$(grep -E "^${origin}\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$" "$work/key.txt" | head -1)
[ -n "$vkey" ] || { cat "$work/key.txt"; echo "checkpoint key create printed no verifier key" >&2; exit 1; }
older=()
for batch in 1 2 3; do
  "$bin" generate measures --events 1000 --seed "$batch" --output "$work/measures-$batch.csv" >/dev/null
  "$bin" import measures "$work/measures-$batch.csv" >/dev/null
  "$bin" checkpoint --key "$work/signing.key" --output "$work/checkpoint-$batch.json" --note-output "$work/checkpoint-$batch.note" 2>/dev/null
  if [ "$batch" -lt 3 ]; then older+=(-checkpoint "$work/checkpoint-$batch.note"); fi
done
# Events after the last checkpoint: the head is beyond it.
"$bin" generate measures --events 40 --seed 4 --output "$work/measures-4.csv" >/dev/null
"$bin" import measures "$work/measures-4.csv" >/dev/null

port=${TLOG_CHECK_PORT:-}
start_server "$bin" "$work/serve.log"

check=("$work/tlog-check" -server "http://127.0.0.1:$port" -key "$vkey" "${older[@]}")
"${check[@]}"
for mode in signature root proof consistency leaf; do
  status=0
  "${check[@]}" -tamper "$mode" 2>"$work/tamper.txt" || status=$?
  if [ "$status" -ne 1 ]; then
    cat "$work/tamper.txt" >&2
    echo "tlog-check -tamper $mode exited $status: one bit altered ($mode) must be found as a disagreement (status 1)" >&2
    exit 1
  fi
  echo "tlog-check -tamper $mode: refused, as it must: $(grep DISAGREEMENT "$work/tamper.txt" | cut -c1-220)"
done
