#!/usr/bin/env bash
# `zicht serve` (docs/api.md): start-up time on 1M reports, and POST
# /v1/check with one identifier over 50 keep-alive connections (wrk, a Lua
# script for body and key; a mix of known and unknown IBANs) against
# `redis-benchmark -t get -c 50` on the same machine. Targets (DESIGN.md):
# requests/s ≥ Redis's (ratio ≥ 1.0), p99 ≤ 2 ms.
# Both load generators share the 2 cores with the server they measure.
set -uo pipefail
fail=0
verdict() { awk -v m="$1" -v t="$2" -v d="$3" 'BEGIN { ok = (d == "ge") ? (m >= t) : (m <= t); print ok ? "OK" : "MISS" }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The database: reuse the ingest part's 1M-report database when it left one.
db="$BENCH_TMP/bench.db"
if [ ! -s "$db" ]; then
  db="$BENCH_TMP/server-bench.db"
  if [ ! -s "$db" ]; then
    "$ZICHT" generate --reports 1000000 --seed 1 --output "$BENCH_TMP/server-1m.jsonl" >/dev/null \
      && "$ZICHT" ingest --db "$db" "$BENCH_TMP/server-1m.jsonl" >/dev/null 2>&1 \
      || { echo "server: generating/ingesting 1M reports failed   MISS"; exit 1; }
    rm -f "$BENCH_TMP/server-1m.jsonl"
  fi
fi
keys="$BENCH_TMP/server-keys.toml"
rm -f "$keys"
checker=$("$ZICHT" keys add --partner bank --role checker --keys "$keys" 2>/dev/null)
analyst=$("$ZICHT" keys add --partner politie --role analyst --keys "$keys" 2>/dev/null)

port=$(free_port)
start=$(date +%s.%N)
"$ZICHT" serve --db "$db" --keys "$keys" --listen "127.0.0.1:$port" >/dev/null 2>"$BENCH_TMP/server.log" &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "server: zicht serve exited   MISS"; cat "$BENCH_TMP/server.log"; exit 1; }
  sleep 0.05
done
end=$(date +%s.%N)
startup=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')

# Known IBANs: the money-mule candidates; unknown: valid IBANs not in the data.
known=$(curl -sf -H "Authorization: Bearer $analyst" "http://127.0.0.1:$port/v1/mules?top=20" |
        python3 -c 'import json,sys; print(" ".join(m["canonical"] for m in json.load(sys.stdin)["mules"]))')
lua="$BENCH_TMP/check.lua"
{
  echo "local ibans = {"
  for i in $known; do echo "  \"$i\","; done
  for i in NL20INGB0001234567 NL39RABO0300065264 GB82WEST12345698765432 DE89370400440532013000; do echo "  \"$i\","; done
  echo "}"
  cat <<LUA
local reqs = {}
local n = 0
init = function(args)
  for _, iban in ipairs(ibans) do
    local body = '{"identifiers":[{"kind":"iban","value":"' .. iban .. '"}]}'
    reqs[#reqs + 1] = wrk.format("POST", "/v1/check",
      {["Authorization"] = "Bearer $checker", ["Content-Type"] = "application/json", ["X-Purpose"] = "bench"}, body)
  end
end
request = function()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end
LUA
} > "$lua"
# Server CPU time (all its threads, audit writer included) over the run:
# CPU per request is far less sensitive to other load on the machine than
# requests/s, so it is the figure to compare between versions.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
cpu0=$(cpu_ticks)
wrk_out=$(wrk -t2 -c50 -d15s --latency -s "$lua" "http://127.0.0.1:$port/v1/check" 2>&1)
cpu1=$(cpu_ticks)
kill -TERM "$server"; wait "$server" 2>/dev/null
requests=$(awk '/requests in/ { print $1 }' <<<"$wrk_out")
cpu_us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="${requests:-0}" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / hz / n; else print "?" }')

rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$wrk_out")
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
  else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v } else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'; }
p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$wrk_out")")
p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$wrk_out")")
non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$wrk_out")

rport=$(free_port)
redis-server --port "$rport" --save '' --appendonly no --bind 127.0.0.1 >/dev/null 2>&1 &
redis=$!
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.05; done
redis_out=$(redis-benchmark -p "$rport" -t get -c 50 -n 1000000 -q 2>&1 | tr '\r' '\n' | grep '^GET' | tail -1)
redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || kill "$redis"
wait "$redis" 2>/dev/null
redis_rps=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "requests") { printf "%.0f", $(i-1); exit } }' <<<"$redis_out")

ratio=$(awk -v a="${rps:-0}" -v b="${redis_rps:-1}" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
ok=$(verdict "$ratio" 1.0 ge); [ "$ok" = OK ] || fail=1
printf '%-40s %10s req/s   redis GET %s req/s   ratio %s   target ≥ 1.0   %s\n' \
  "POST /v1/check, 1 id, 50 conns" "${rps:-?}" "${redis_rps:-?}" "$ratio" "$ok"
ok=$(verdict "${p99:-999}" 2 le); [ "$ok" = OK ] || fail=1
printf '%-40s %10s ms      p50 %s ms   target p99 ≤ 2 ms   %s\n' "POST /v1/check p99 latency" "${p99:-?}" "${p50:-?}" "$ok"
[ -z "$non2xx" ] || { echo "  warning: $non2xx non-2xx responses during the run"; fail=1; }
printf '%-40s %10s us      (server CPU, all threads, incl. audit writer; no target)\n' "POST /v1/check CPU per request" "$cpu_us"
printf '%-40s %10s s       (until /healthz answers; %s)\n' "zicht serve start-up, 1M reports" "$startup" "$(basename "$db")"
# The store's share of start-up: a full report scan versus the index-only
# scan (store.h ScanIndexFields); both only read.
scan_bench="$ZICHT_BUILD/bench/store_scan/store_scan_bench"
if [ -x "$scan_bench" ]; then
  scan_out=$("$scan_bench" "$db" 2>&1)
  full=$(awk '$1 == "ScanReports" { print $(NF-1) }' <<<"$scan_out")
  lite=$(awk '$1 == "ScanIndexFields" { print $(NF-1) }' <<<"$scan_out")
  printf '%-40s %10s s       (full ScanReports %s s; no target)\n' "store scan for the index, 1M reports" "${lite:-?}" "${full:-?}"
fi
exit $fail
