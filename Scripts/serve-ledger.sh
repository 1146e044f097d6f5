# Sourced by the check scripts (schemathesis, browser check, restore drill, tlog-check, check-deploy):
# one way to pick a free loopback port and to start `cpsledger serve` and wait until it answers.

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_server BIN LOG [SERVE OPTIONS...]: starts `BIN serve` on 127.0.0.1:$port ($port if set, else a
# free port), its output in LOG; sets $port and $server (the caller's EXIT trap stops it) and returns
# once GET /api/health answers. A server that exits or never answers (30 s): its log, and exit 1.
start_server() {
  local bin=$1 log=$2
  shift 2
  port=${port:-$(free_port)}
  "$bin" serve --host 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/api/health', timeout=2)" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
  done
  cat "$log" >&2
  echo "cpsledger serve did not start on 127.0.0.1:$port" >&2
  exit 1
}
