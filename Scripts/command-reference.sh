#!/usr/bin/env bash
# Writes the help of every command into docs/reference/commands.md, after its line
# "## Every command's help" (what comes before it is kept), from the binary's own description of
# its command tree (`--experimental-dump-help`) and each command's `--help` at 100 columns.
# DocumentationExampleTests fails when a command has no section there; run this after adding one.
# Usage: Scripts/command-reference.sh [CPSLEDGER]   (default .build/debug/cpsledger)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/debug/cpsledger}")
reference=docs/reference/commands.md
heading="## Every command's help"
grep -qxF "$heading" "$reference" || printf '\n%s\n' "$heading" >>"$reference"
kept=$(sed "/^$heading\$/q" "$reference")
{
  printf '%s\n\n' "$kept"
  printf 'As `cpsledger COMMAND --help` prints it (at 100 columns), written by `Scripts/command-reference.sh`.\n'
  "$bin" --experimental-dump-help | python3 -c '
import json, sys
def walk(command, path):
    if path: print(" ".join(path))
    for sub in command.get("subcommands", []):
        if sub["commandName"] != "help": walk(sub, path + [sub["commandName"]])
walk(json.load(sys.stdin)["command"], [])
' | while read -r path; do
    # shellcheck disable=SC2086
    help=$(COLUMNS=100 "$bin" $path --help | sed 's/[[:space:]]*$//')
    printf '\n### `cpsledger %s`\n\n```text\n%s\n```\n' "$path" "$help"
  done
} >"$reference.new"
mv "$reference.new" "$reference"
