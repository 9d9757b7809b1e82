#!/usr/bin/env bash
# Warning-list scale (docs/linking.md, "Size"): import a generated MISP
# `hostname` list of N entries (default 1,000,000) and measure
#   - the import's wall time and peak RSS (`zicht warninglist import`);
#   - the resident memory of `zicht serve` on that database once healthy,
#     against the same service on a database without the list.
# Not a `make bench` part (it writes ~20 MB of list and ~60 MB of
# database); run by hand:  bench/warninglist_import.sh BUILD-DIR [N]
set -euo pipefail
build="$(cd "$1" && pwd)"
n="${2:-1000000}"
zicht="$build/src/cli/zicht"
tmp="$(mktemp -d /tmp/zicht-wl-bench.XXXXXX)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Distinct registrable domains under a spread of TLDs, like a top-sites list.
python3 - "$n" "$tmp/list.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
tlds = ["com", "nl", "de", "org", "net", "co.uk", "io", "be", "fr", "info"]
hosts = [f"site{i:07d}.{tlds[i % len(tlds)]}" for i in range(n)]
json.dump({"name": "bench-1m", "type": "hostname", "matching_attributes": ["hostname", "domain"], "list": hosts},
          open(out, "w"))
PY

/usr/bin/time -v "$zicht" warninglist import "$tmp/list.json" --db "$tmp/with.db" \
  >"$tmp/import.out" 2>"$tmp/import.time"
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$tmp/import.time")
peak=$(awk '/Maximum resident/ { printf "%d", $6 / 1024 }' "$tmp/import.time")
printf '%-44s %10s s\n' "import $n-entry list" "$secs"
printf '%-44s %10s MB\n' "import peak RSS" "$peak"
printf '%-44s %10s MB\n' "database size" "$(( $(stat -c %s "$tmp/with.db") / 1000000 ))"
"$zicht" warninglist list --db "$tmp/without.db" >/dev/null  # an empty database

keys="$tmp/keys.toml"
"$zicht" keys add --partner bench --role analyst --legal-basis bench --keys "$keys" >/dev/null 2>&1
serve_rss() {
  local db="$1" port start
  port=$(free_port)
  start=$(date +%s.%N)
  "$zicht" serve --db "$db" --keys "$keys" --listen "127.0.0.1:$port" --threads 1 >/dev/null 2>"$tmp/serve.log" &
  server=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.log"; exit 1; }
    sleep 0.05
  done
  local end
  end=$(date +%s.%N)
  local rss
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server/status")
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
  echo "$rss $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
}
read -r rss_without start_without < <(serve_rss "$tmp/without.db")
read -r rss_with start_with < <(serve_rss "$tmp/with.db")
printf '%-44s %10s MB   (start-up %s s)\n' "serve RSS, no imported list" "$rss_without" "$start_without"
printf '%-44s %10s MB   (start-up %s s)\n' "serve RSS, with the $n-entry list" "$rss_with" "$start_with"
