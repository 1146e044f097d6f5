#!/usr/bin/env bash
# Writes every `--format json` output and every tidy CSV output of a fresh ledger with synthetic
# measures into DIR, one file per output named after its schema (KIND.json, KIND-2.json after
# Contracts/json/KIND.schema.json; KIND.csv after Contracts/table/KIND.json), for
# Scripts/check-json-schemas.py and Scripts/check-table-schemas.py.
# Usage: Scripts/report-outputs.sh CPSLEDGER DIR
set -euo pipefail
bin=$1; out=$2
mkdir -p "$out/input"
export CPSLEDGER_DB="$out/input/ledger.sqlite"
rm -f "$CPSLEDGER_DB"
"$bin" init >/dev/null
"$bin" generate measures --events 400 --seed 7 --output "$out/input/measures.csv" >/dev/null
"$bin" import measures "$out/input/measures.csv" >/dev/null
"$bin" measure record --state FRA --obligation art8.record-keeping --status implemented --effective 1990-07-12 \
  --kind legislation --title "EXAMPLE law" --source "EXAMPLE source" >/dev/null
"$bin" round open demo --due 2020-01-31 --article 8 --states FRA,KEN >/dev/null
"$bin" measure record --round demo --state KEN --obligation art8.bank-secrecy --status partial --effective 2020-01-01 \
  --kind regulation --title "EXAMPLE regulation" >/dev/null
"$bin" round submit demo --state KEN >/dev/null
"$bin" round accept demo --state KEN --all >/dev/null
"$bin" round publish demo >/dev/null
"$bin" round status demo --format json >"$out/round-status.json"
"$bin" round list --format json >"$out/round-list.json"
"$bin" report summary --format json >"$out/report-summary.json"
"$bin" report summary --format json --region African --as-of 2000-12-31 >"$out/report-summary-2.json"
"$bin" report state FRA --format json >"$out/report-state.json"
"$bin" report obligation art8.record-keeping --format json >"$out/report-obligation.json"
"$bin" report matrix --format json --region "Western European and others" >"$out/report-matrix.json"
"$bin" report changes --from 2020-01-01 --to 2026-11-29 --format json >"$out/report-changes.json"
"$bin" report treaties --format json >"$out/report-treaties.json"
"$bin" report quality --format json >"$out/report-quality.json"
"$bin" measure list --format json --state FRA --include-retracted >"$out/measure-list.json"
"$bin" history --state FRA --obligation art8.record-keeping --format json >"$out/history.json"
"$bin" obligations list --format json >"$out/obligations-list.json"
"$bin" states list --format json >"$out/states-list.json"
"$bin" treaties list --format json >"$out/treaties-list.json"
"$bin" data status --format json >"$out/data-status.json"
"$bin" search EXAMPLE --format json >"$out/search.json"
"$bin" search law --state FRA --format json >"$out/search-2.json"
"$bin" version --format json >"$out/version.json"
"$bin" report summary --format csv >"$out/report-summary.csv"
"$bin" report state FRA --format csv >"$out/report-state.csv"
"$bin" report obligation art8.record-keeping --format csv >"$out/report-obligation.csv"
"$bin" report matrix --format csv >"$out/report-matrix.csv"
"$bin" report changes --from 2020-01-01 --to 2026-11-29 --format csv >"$out/report-changes.csv"
"$bin" report treaties --format csv >"$out/report-treaties.csv"
"$bin" report quality --format csv >"$out/report-quality.csv"
"$bin" export measures --output "$out/export-measures.csv" >/dev/null
# Workbooks (Scripts/check-xlsx.py opens them with openpyxl) and the Markdown of the same report beside each.
mkdir -p "$out/xlsx"
for spec in "summary" "state FRA" "obligation art8.record-keeping" "matrix" "changes --from 2020-01-01 --to 2026-11-29" "treaties" "quality"; do
  name=${spec%% *}
  # shellcheck disable=SC2086
  "$bin" report $spec --format xlsx --output "$out/xlsx/report-$name.xlsx"
  # shellcheck disable=SC2086
  "$bin" report $spec --format md >"$out/xlsx/report-$name.md"
done
