#!/usr/bin/env bash
# Screenshots of every page of the browser check (the dashboard, error pages, sign-in, the round pages of
# a focal point, a reviewer and the secretariat) at 1280 and 390 px wide, as NAME-1280.png and
# NAME-390.png in OUTDIR (default screenshots/, not committed), with the served HTML and the axe results
# beside them. It is Scripts/browser-check/run.sh on the debug build: its exit status is the check's
# (1 when a page has an accessibility or validator problem; the screenshots are written all the same).
#   Scripts/screenshot-pages.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build >/dev/null
exec Scripts/browser-check/run.sh "$(swift build --show-bin-path)/cpsledger" "${1:-screenshots}"
