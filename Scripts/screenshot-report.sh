#!/usr/bin/env bash
# Renders an HTML report in headless Chromium to a PNG, to look at it as a reader would.
#   Scripts/screenshot-report.sh report.html report.png [WIDTHxHEIGHT]
# Needs chromium (apt-get install -y chromium).
set -euo pipefail
html=$(realpath "$1"); png=$2; size=${3:-1200,2400}
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"
