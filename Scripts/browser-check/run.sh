#!/usr/bin/env bash
# The browser check (docs/reference/api.md, "The browser check"): seeds a fresh ledger as an official's day would leave
# it (EXAMPLE measures, the real FATF ratings, a published round and an open one with tokens for a focal
# point, a reviewer and a secretariat admin), starts `cpsledger serve` on loopback, and runs check.py:
# headless Chromium through the journeys of a secretariat analyst, a focal point and a reviewer, with
# axe-core (WCAG 2.2 AA) at 1280 and 390 px and the W3C validator on every page, and a screenshot of each
# page at both widths. Ends with `browser: N passed, M failed`; exits 1 if any page has a problem.
#   Scripts/browser-check/run.sh [CPSLEDGER] [OUTDIR]   (default .build/debug/cpsledger, screenshots)
# Needs chromium, chromium-driver, a Java runtime and the PyPI packages that .ci/run installs (the python3
# on PATH must have them; PYTHON=... to use another). The FATF ratings are read from ../shared/data beside
# the clone (CPSLEDGER_DATA=DIR to use another). BROWSER_CHECK_PORT=N picks the port (default: a free one).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../serve-ledger.sh"
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$repo/.build/debug/cpsledger}")
out=$(realpath -m "${2:-$repo/screenshots}")
data=${CPSLEDGER_DATA:-$(dirname "$repo")/shared/data}
fatf="$data/fatf/consolidated-ratings-2026.csv"
python=${PYTHON:-python3}
[ -x "$bin" ] || { echo "browser-check: no cpsledger binary at $bin; build it first (swift build)" >&2; exit 2; }
[ -f "$fatf" ] || { echo "browser-check: the FATF ratings are not at $fatf (CPSLEDGER_DATA=DIR names the data folder)" >&2; exit 2; }
export PYTHONDONTWRITEBYTECODE=1
# The figures check's own tests first (a fraction of a second): a check that cannot fail proves nothing.
(cd "$here" && "$python" -m unittest -q test_check 2>&1) || { echo "browser-check: the figures check's tests fail" >&2; exit 2; }
mkdir -p "$out"
# What an earlier run wrote (pages come and go); other PNGs in OUTDIR are left alone.
rm -rf "$out/html" "$out/axe" "$out/report.json" "$out"/failed-*.png "$out"/*-1280.png "$out"/*-390.png

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
started=$(date +%s)

export CPSLEDGER_DB="$work/ledger.sqlite" CPSLEDGER_ACTOR="EXAMPLE secretariat"
"$bin" init >/dev/null
"$bin" import fatf "$fatf" >/dev/null
# Measures a secretariat would have recorded: EXAMPLE placeholders, not real laws.
while IFS=, read -r state obligation status effective kind; do
  "$bin" measure record --state "$state" --obligation "$obligation" --status "$status" --effective "$effective" --kind "$kind" \
    --title "EXAMPLE $kind of $state on $obligation (placeholder)" --source "EXAMPLE source (placeholder)" >/dev/null
done <<'EOF'
FRA,art8.record-keeping,implemented,2005-03-01,legislation
FRA,art8.bank-secrecy,partial,2012-09-15,regulation
DEU,art8.record-keeping,implemented,2008-01-01,legislation
KEN,art8.record-keeping,partial,2017-06-30,legislation
BRA,art8.bank-secrecy,planned,2024-01-01,regulation
IND,art8.record-keeping,implemented,2010-11-01,legislation
JPN,art8.bank-secrecy,no_measures,2015-04-01,legislation
MEX,art8.record-keeping,no_measures,2019-02-01,legislation
EOF
# A round already published (KEN answered), and the open round of the journeys (FRA and KEN asked).
"$bin" round open 2025-example --due 2025-06-30 --article 8 --states KEN >/dev/null
"$bin" measure record --round 2025-example --state KEN --obligation art8.bank-secrecy --status partial --effective 2020-01-01 \
  --kind regulation --title "EXAMPLE regulation of KEN (placeholder)" >/dev/null
"$bin" round submit 2025-example --state KEN >/dev/null
"$bin" round accept 2025-example --state KEN --all >/dev/null
"$bin" round publish 2025-example >/dev/null
"$bin" round open 2026-example --due 2030-12-31 --article 8 --states FRA,KEN,DEU >/dev/null
focal=$("$bin" token create --role focal_point --state FRA --name "EXAMPLE focal point, France" 2>/dev/null)
reviewer=$("$bin" token create --role reviewer --name "EXAMPLE reviewer" 2>/dev/null)
admin=$("$bin" token create --role admin --name "EXAMPLE secretariat admin" 2>/dev/null)

port=${BROWSER_CHECK_PORT:-}
start_server "$bin" "$work/serve.log"
echo "browser-check: ledger seeded and served on 127.0.0.1:$port in $(( $(date +%s) - started )) s; chromium $(chromium --version 2>/dev/null | awk '{print $2}')"

status=0
"$python" "$here/check.py" --base "http://127.0.0.1:$port" --out "$out" --round 2026-example --state FRA \
  --obligations art8.record-keeping,art8.bank-secrecy --treaty VI-19 --as-of 2015-12-31 \
  --focal-token "$focal" --reviewer-token "$reviewer" --admin-token "$admin" || status=$?
if grep -q "crashed\|Fatal error" "$work/serve.log"; then
  echo "--- the server crashed:"; grep -B2 -A40 -m1 "Fatal error\|crashed:" "$work/serve.log"; status=1
fi
echo "browser-check: $(( $(date +%s) - started )) s in all"
exit "$status"
