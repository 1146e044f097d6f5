#!/usr/bin/env bash
# The deployment of docs/operations.md on loopback, as an operator would run it: a self-signed
# certificate (openssl), Debian's nginx with deploy/nginx-cpsledger.conf in front of the command line
# of deploy/cpsledger.service (ExecStart, run directly: CI has no systemd) with deploy/cpsledger.conf,
# then curl through TLS with the certificate as the only trusted CA: /api/health, a sign-in whose
# session cookie is Secure, a cross-origin form post refused (Origin check), plain HTTP redirected,
# a scrape of /metrics, and a SIGTERM that stops the server with status 0. Exits non-zero on any failure.
# Usage: Scripts/check-deploy.sh [CPSLEDGER]   (default .build/debug/cpsledger)
# Ports: CHECK_DEPLOY_PORT_BASE=N uses N (server), N+1 (HTTPS), N+2 (HTTP); default: free ports.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/serve-ledger.sh"
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/debug/cpsledger}")
work=$(mktemp -d)
chmod 755 "$work"
server="" proxy=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$proxy" ]; then kill "$proxy" 2>/dev/null || true; wait "$proxy" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "check-deploy: FAILED: $*" >&2; echo "--- server log (tail)"; tail -20 "$work/serve.log" 2>/dev/null; echo "--- nginx error log (tail)"; tail -20 "$work/nginx/error.log" 2>/dev/null; exit 1; }
pass() { echo "check-deploy: ok: $*"; }

if [ -n "${CHECK_DEPLOY_PORT_BASE:-}" ]; then
  app_port=$CHECK_DEPLOY_PORT_BASE tls_port=$((CHECK_DEPLOY_PORT_BASE + 1)) http_port=$((CHECK_DEPLOY_PORT_BASE + 2))
else
  app_port=$(free_port) tls_port=$(free_port) http_port=$(free_port)
fi
name=ledger.example.org
origin="https://$name:$tls_port"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || fail "nginx is not installed (Debian: apt-get install nginx)"

# 1. A self-signed certificate for the example name.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" -addext "subjectAltName=DNS:$name" \
  -keyout "$work/tls.key" -out "$work/tls.pem" 2>/dev/null || fail "openssl could not make a certificate"
pass "self-signed certificate for $name"

# 2. The example configuration, with the ledger in the work folder and the server's port.
mkdir -p "$work/state" "$work/etc"
sed -e "s|^db = .*|db = $work/state/ledger.sqlite|" -e "s|^port = .*|port = $app_port|" deploy/cpsledger.conf >"$work/etc/cpsledger.conf"
grep -q "^trusted-proxy = 127.0.0.1" "$work/etc/cpsledger.conf" || fail "deploy/cpsledger.conf does not trust the proxy on 127.0.0.1"
env -u CPSLEDGER_DB "$bin" init --db "$work/state/ledger.sqlite" >/dev/null
token=$(env -u CPSLEDGER_DB "$bin" token create --db "$work/state/ledger.sqlite" --role reviewer --name "Deploy check (EXAMPLE)" 2>/dev/null)

# 3. The unit's ExecStart, run directly, with the unit's binary and configuration paths pointed here.
exec_start=$(sed -n 's/^ExecStart=//p' deploy/cpsledger.service)
[ -n "$exec_start" ] || fail "deploy/cpsledger.service has no ExecStart"
command_line=${exec_start//\/usr\/local\/bin\/cpsledger/$bin}
command_line=${command_line//\/etc\/cpsledger\/cpsledger.conf/$work\/etc\/cpsledger.conf}
echo "check-deploy: ExecStart: $command_line"
# shellcheck disable=SC2086  # the unit's command line, split on spaces as systemd splits it
(cd "$work/state" && exec env -u CPSLEDGER_DB $command_line) >"$work/serve.log" 2>&1 &
server=$!

# 4. nginx with the site file: its ports, upstream and certificate paths pointed here.
mkdir -p "$work/nginx"
sed -e "s|listen 443 ssl;|listen 127.0.0.1:$tls_port ssl;|" -e "/listen \[::\]:443 ssl;/d" \
  -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "/listen \[::\]:80;/d" \
  -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$app_port;|" \
  -e "s|/etc/ssl/certs/ledger.example.org.pem|$work/tls.pem|" -e "s|/etc/ssl/private/ledger.example.org.key|$work/tls.key|" \
  deploy/nginx-cpsledger.conf >"$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/site.conf;
}
EOF
"$nginx_bin" -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/test.log" || { cat "$work/nginx/test.log"; fail "nginx -t refused the site file"; }
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' 2>>"$work/nginx/error.log" &
proxy=$!
pass "nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||') with deploy/nginx-cpsledger.conf on 127.0.0.1:$tls_port (HTTPS) and :$http_port (HTTP)"

tls=(curl -sS --max-time 10 --cacert "$work/tls.pem" --resolve "$name:$tls_port:127.0.0.1")
for _ in $(seq 1 150); do
  "${tls[@]}" -f -o /dev/null "$origin/api/health" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || fail "cpsledger serve exited: $(cat "$work/serve.log")"
  kill -0 "$proxy" 2>/dev/null || fail "nginx exited"
  sleep 0.2
done

# 5. Through TLS, the certificate the only CA trusted.
health=$("${tls[@]}" -w '\n%{http_code}' "$origin/api/health") || fail "GET /api/health through TLS"
[ "$(tail -1 <<<"$health")" = 200 ] && grep -q '"events"' <<<"$health" || fail "GET /api/health: $health"
pass "GET /api/health through TLS: 200"

redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "$name:$http_port:127.0.0.1" "http://$name:$http_port/api/health")
[[ "$redirect" == "301 https://$name/api/health" ]] || fail "plain HTTP was not sent to HTTPS: $redirect"
pass "plain HTTP answers 301 to https://"

# A sign-in as a browser does it: the form (its CSRF token and cookie), then the post from the same origin.
jar="$work/cookies"
form=$("${tls[@]}" -c "$jar" "$origin/sign-in") || fail "GET /sign-in"
csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$form" | head -1)
[ -n "$csrf" ] || fail "the sign-in form carries no CSRF token"
signed=$("${tls[@]}" -b "$jar" -c "$jar" -D - -o /dev/null -H "Origin: $origin" --data-urlencode "csrf=$csrf" --data-urlencode "token=$token" "$origin/sign-in")
grep -q "^HTTP/[0-9.]* 303" <<<"$signed" || fail "the sign-in was not accepted: $signed"
session=$(grep -i '^set-cookie: cpsledger_session=' <<<"$signed" | tr -d '\r')
[ -n "$session" ] || fail "no session cookie after sign-in: $signed"
grep -q '; Secure' <<<"$session" || fail "the session cookie is not Secure through TLS: $session"
grep -q 'HttpOnly' <<<"$session" && grep -q 'SameSite=Strict' <<<"$session" || fail "the session cookie: $session"
rounds=$("${tls[@]}" -b "$jar" -o /dev/null -w '%{http_code}' "$origin/rounds")
[ "$rounds" = 200 ] || fail "GET /rounds with the session cookie: $rounds"
pass "sign-in through TLS: 303, session cookie with Secure, HttpOnly, SameSite=Strict; the round pages open with it"

# The same form posted from another site's page: refused, nothing signed in.
cross=$("${tls[@]}" -b "$jar" -o "$work/cross.html" -w '%{http_code}' -H "Origin: https://elsewhere.example.net" \
  --data-urlencode "csrf=$csrf" --data-urlencode "token=$token" "$origin/sign-in")
[ "$cross" = 403 ] && grep -q "sent from another site" "$work/cross.html" || fail "a cross-origin post was not refused: $cross $(head -c 300 "$work/cross.html")"
pass "a cross-origin form post through TLS: 403"

metrics=$("${tls[@]}" -w '\n%{http_code}' "$origin/metrics") || fail "GET /metrics through TLS"
[ "$(tail -1 <<<"$metrics")" = 200 ] || fail "GET /metrics: $(tail -3 <<<"$metrics")"
grep -q '^cpsledger_http_requests_total{route="/sign-in",method="POST",status="303"} 1$' <<<"$metrics" || fail "/metrics does not count the sign-in: $metrics"
grep -q '^cpsledger_http_request_duration_seconds_bucket{route="/api/health"' <<<"$metrics" || fail "/metrics has no latency histogram"
grep -q '^cpsledger_ledger_events ' <<<"$metrics" || fail "/metrics has no event count"
pass "GET /metrics through TLS: $(grep -c '^cpsledger_' <<<"$metrics") samples"
grep -q 'route=/sign-in' "$work/serve.log" && grep -q 'token=Deploy check (EXAMPLE)#1' "$work/serve.log" || fail "the request log lines: $(tail -5 "$work/serve.log")"
grep -q "$token" "$work/serve.log" && fail "the token itself is in the log"
pass "one log line per request, the token's name and never the token"

# 6. Stopped as systemd stops it.
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
[ "$status" = 0 ] || fail "cpsledger serve exited $status on SIGTERM"
wal="$work/state/ledger.sqlite-wal"
[ ! -s "$wal" ] || fail "the WAL holds $(stat -c %s "$wal") bytes after the stop"
pass "SIGTERM: exit 0, the WAL empty"

if command -v systemd-analyze >/dev/null 2>&1; then
  # The unit as systemd reads it (its ExecStart pointed at this binary, which must exist). Without a
  # running systemd (CI's container) the check may not run at all: then it is only reported.
  sed "s|/usr/local/bin/cpsledger|$bin|" deploy/cpsledger.service >"$work/cpsledger.service"
  if analysis=$(systemd-analyze verify "$work/cpsledger.service" 2>&1); then
    pass "systemd-analyze verify deploy/cpsledger.service"
  else
    echo "check-deploy: note: systemd-analyze verify could not check the unit here: $(head -3 <<<"$analysis")"
  fi
fi
echo "check-deploy: every check passed"
