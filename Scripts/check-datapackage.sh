#!/usr/bin/env bash
# Plays a demo reporting round on a fresh ledger (EXAMPLE data, no real measure), exports its
# published record as a Frictionless Data Package and runs `frictionless validate` (PyPI
# `frictionless`) on it. The demo's licence (CC0-1.0) is chosen for this EXAMPLE data only.
# Usage: Scripts/check-datapackage.sh [CPSLEDGER] [KEEP_DIR]   (default .build/debug/cpsledger)
set -euo pipefail
bin=$(realpath "${1:-.build/debug/cpsledger}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CPSLEDGER_DB="$work/ledger.sqlite" CPSLEDGER_ACTOR="demo"

"$bin" init >/dev/null
"$bin" checkpoint key create --output "$work/signing.key" >/dev/null 2>&1
"$bin" round open demo-round --due 2030-12-31 --article 8 --states FRA,KEN
for state in FRA KEN; do
  "$bin" measure record --round demo-round --state "$state" --obligation art8.record-keeping --status implemented \
    --effective 2020-01-01 --kind legislation --title "EXAMPLE: record-keeping law of $state (placeholder)" \
    --source "EXAMPLE: official journal reference"
  "$bin" measure record --round demo-round --state "$state" --obligation art8.bank-secrecy --status partial \
    --effective 2021-06-30 --kind regulation --title "EXAMPLE: bank secrecy regulation of $state (placeholder)"
done
"$bin" round submit demo-round --state FRA
"$bin" round return demo-round --state FRA --obligation art8.bank-secrecy --comment "EXAMPLE: cite the source."
"$bin" round accept demo-round --state FRA --obligation art8.record-keeping
"$bin" round publish demo-round --key "$work/signing.key"
"$bin" round status demo-round
out="${2:-$work/package}"
"$bin" export round demo-round --format datapackage --output "$out" --license CC0-1.0 \
  --license-title "EXAMPLE data: Creative Commons Zero v1.0 Universal" --license-path "https://creativecommons.org/publicdomain/zero/1.0/"
"$bin" verify >/dev/null
frictionless validate "$out/datapackage.json"
