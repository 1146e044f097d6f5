#!/usr/bin/env bash
# Runs schemathesis (PyPI `schemathesis`) against a live `cpsledger serve` on loopback, over every
# operation of the OpenAPI document the server serves at /api/openapi.json, with an admin token:
# generated valid and invalid requests, checking no 5xx, responses matching the document's schemas,
# content types and status codes it declares, and that invalid requests are refused.
# Bounded: SCHEMATHESIS_EXAMPLES test cases per operation (default 100) and SCHEMATHESIS_SECONDS of
# wall clock (default 240). The seed is printed; replay a failure with SCHEMATHESIS_SEED=N.
# Usage: Scripts/schemathesis.sh [CPSLEDGER]   (default .build/debug/cpsledger)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/serve-ledger.sh"
bin=$(realpath "${1:-.build/debug/cpsledger}")
examples=${SCHEMATHESIS_EXAMPLES:-100}
seconds=${SCHEMATHESIS_SECONDS:-240}
seed=${SCHEMATHESIS_SEED:-$(( (RANDOM << 15) | RANDOM ))}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export CPSLEDGER_DB="$work/ledger.sqlite"
"$bin" init >/dev/null
token=$("$bin" token create --role admin --name "schemathesis" 2>/dev/null)
port=
start_server "$bin" "$work/serve.log"

echo "schemathesis $(schemathesis --version | awk '{print $NF}'): seed $seed, $examples examples per operation, at most $seconds s (replay: SCHEMATHESIS_SEED=$seed $0)"
status=0
timeout --signal=INT --kill-after=10 "$seconds" schemathesis run "http://127.0.0.1:$port/api/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection \
  --max-examples "$examples" --seed "$seed" --max-redirects 0 --workers 2 --no-color \
  --suppress-health-check all || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 130 ]; then echo "schemathesis ran over its $seconds s bound" >&2; fi
if [ "$status" -ne 0 ]; then
  # A crashed server's log ends with registers and images: print the crash's reason and frames first.
  if grep -q "crashed\|Fatal error" "$work/serve.log"; then
    echo "--- server crash"; grep -B2 -A60 -m1 "Fatal error\|crashed:" "$work/serve.log" | grep -v "^$" | head -80
  fi
  echo "--- server log (tail)"; tail -20 "$work/serve.log"
fi
exit "$status"
