#!/usr/bin/env bash
# Several nodes on one store (docs/deploy.md): POST /v1/check throughput of
# one node, and of two nodes behind HAProxy, each against `redis-benchmark
# -t get -c 50` on the same machine (as 30-server.sh compares); the delay
# from a report accepted by node A to the report known on node B (goal p99
# ≤ 1 s: node B reads the store's change log every 50 ms, and on
# PostgreSQL at once when a commit's NOTIFY wakes it); and the memory of a
# node serving 1M reports.
# Each on both stores, one after the other: SQLite (one file, both nodes
# on it) and PostgreSQL (a throw-away cluster with fsync on, as in
# 15-ingest-postgresql.sh, loaded with the same 1M generated reports).
# NODES_STORES="sqlite postgresql" (the default) picks the stores;
# NODES_THROUGHPUT=0 measures only the delay and the memory.
# On this 2-core machine two nodes, HAProxy and wrk share the same cores as
# one node and wrk did (and on PostgreSQL the database server too), so two
# nodes cannot be faster here: the figure shows what the balancer costs,
# not what a second machine adds.
set -uo pipefail
fail=0
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
keys="$BENCH_TMP/nodes-keys.toml"
rm -f "$keys"
checker=$("$ZICHT" keys add --partner bank --role checker --legal-basis bench --keys "$keys" 2>/dev/null)
analyst=$("$ZICHT" keys add --partner politie --role analyst --legal-basis bench --keys "$keys" \
          --purpose fraud-investigation --purpose fraud-reporting 2>/dev/null)

pids=()
pg=""
stop_all() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; pids=(); }
cleanup() { stop_all; [ -n "$pg" ] && pg_stop "$pg"; }
trap cleanup EXIT
# start_node STORE PORT LOG: a node with one I/O thread, as in 30-server.sh;
# the secrets in BENCH_TMP, the same for both nodes.
start_node() {
  "$ZICHT" serve --db "$1" --keys "$keys" --listen "127.0.0.1:$2" --threads 1 --nodes shared \
    --pseudonym-key-file "$BENCH_TMP/nodes-pseudonym.key" --oprf-key-file "$BENCH_TMP/nodes-oprf.key" \
    >/dev/null 2>"$3" &
  local pid=$!
  until curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "nodes: zicht serve exited   MISS" >&2; cat "$3" >&2; return 1; }
    sleep 0.05
  done
  # The token index of blind look-ups is built in the background; measure after it.
  until grep -q "blind look-ups ready" "$3" 2>/dev/null || ! grep -q "in the background" "$3" 2>/dev/null; do sleep 0.5; done
  echo "$pid"
}
ratio() { awk -v a="${1:-0}" -v b="${2:-1}" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

rport=$(free_port)
redis-server --port "$rport" --save '' --appendonly no --bind 127.0.0.1 >/dev/null 2>&1 &
redis_pid=$!
trap 'cleanup; kill -TERM $redis_pid 2>/dev/null; wait $redis_pid 2>/dev/null' EXIT
until redis-cli -p "$rport" ping >/dev/null 2>&1; do sleep 0.05; done
redis_rps() {
  redis-benchmark -p "$rport" -t get -c 50 -n 1000000 -q 2>&1 | tr '\r' '\n' | grep '^GET' | tail -1 |
    awk '{ for (i = 1; i <= NF; i++) if ($i == "requests") { printf "%.0f\n", $(i-1); exit } }'
}

# measure LABEL STORE: two nodes on STORE behind HAProxy; prints the figures.
measure() {
  local label="$1" db="$2"
  local port_a port_b front node_a node_b rss_mb reports cfg lua
  port_a=$(free_port); port_b=$(free_port); front=$(free_port)
  node_a=$(start_node "$db" "$port_a" "$BENCH_TMP/node-a.log") || return 1
  pids+=("$node_a")
  node_b=$(start_node "$db" "$port_b" "$BENCH_TMP/node-b.log") || return 1
  pids+=("$node_b")
  rss_mb=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$node_a/status")
  reports=$("$ZICHT" stats --db "$db" --format json 2>/dev/null |
            python3 -c 'import json,sys; print(sum(r["reports"] for r in json.load(sys.stdin)["rows"]))' 2>/dev/null)

  cfg="$BENCH_TMP/haproxy.cfg"
  cat > "$cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 1s
  timeout client 20s
  timeout server 20s
frontend zicht
  bind 127.0.0.1:$front
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  server a 127.0.0.1:$port_a check inter 500ms
  server b 127.0.0.1:$port_b check inter 500ms
CFG
  haproxy -q -db -f "$cfg" &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$front/healthz" >/dev/null 2>&1; do sleep 0.05; done

known=$(curl -sf -H "Authorization: Bearer $analyst" -H "X-Purpose: fraud-investigation" "http://127.0.0.1:$port_a/v1/mules?top=20" |
        python3 -c 'import json,sys; print(" ".join(m["canonical"] for m in json.load(sys.stdin)["mules"]))')
lua="$BENCH_TMP/nodes-check.lua"
{
  echo "local ibans = {"
  for i in $known NL20INGB0001234567 NL39RABO0300065264 GB82WEST12345698765432; do echo "  \"$i\","; done
  echo "}"
  cat <<LUA
local reqs, n = {}, 0
init = function(args)
  for _, iban in ipairs(ibans) do
    reqs[#reqs + 1] = wrk.format("POST", "/v1/check", {["Authorization"] = "Bearer $checker",
      ["Content-Type"] = "application/json", ["X-Purpose"] = "payment-screening"},
      '{"identifiers":[{"kind":"iban","value":"' .. iban .. '"}]}')
  end
end
request = function() n = n + 1; return reqs[(n % #reqs) + 1] end
LUA
} > "$lua"
  rps() { wrk -t1 -c50 -d10s -s "$lua" "http://127.0.0.1:$1/v1/check" 2>&1 | awk '/^Requests\/sec:/ { printf "%.0f", $2 }'; }
  local one_list="" two_list="" redis_list="" one="" two="" redis=""
  if [ "${NODES_THROUGHPUT:-1}" != 0 ]; then
    # Alternating rounds so a burst of other load hits all three; medians compared.
    for round in 1 2 3; do
      one_list+=" $(rps "$port_a")"
      two_list+=" $(rps "$front")"
      redis_list+=" $(redis_rps)"
    done
    one=$(median <<<"$one_list"); two=$(median <<<"$two_list"); redis=$(median <<<"$redis_list")
  fi

  # Accept on A → known on B: post a report with a new IBAN to A, then ask B
  # every millisecond until it is known. 200 samples.
  local delays d50 d99 dmax ok
delays=$(python3 - "$port_a" "$port_b" "$analyst" "$checker" <<'PY'
import http.client, json, sys, time
pa, pb, analyst, checker = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
def iban(n):
    bban = "ABNA%010d" % n
    digits = "".join(str(int(c, 36)) for c in bban + "NL00")
    return "NL%02d%s" % (98 - int(digits) % 97, bban)
a = http.client.HTTPConnection("127.0.0.1", pa)
b = http.client.HTTPConnection("127.0.0.1", pb)
run = int(time.time())
out = []
for i in range(200):
    value = iban(run % 100000 * 10000 + i)
    report = {"id": "delay-%d-%d" % (run, i), "source": "politie", "reported_at": "2026-01-01T00:00:00Z",
              "fraud_type": "phishing", "identifiers": [{"kind": "iban", "value": value}]}
    a.request("POST", "/v1/reports", json.dumps(report), {"Authorization": "Bearer " + analyst,
              "X-Purpose": "fraud-reporting", "Content-Type": "application/json"})
    r = a.getresponse(); r.read()
    if r.status != 200:
        sys.exit("report post answered %d" % r.status)
    t0 = time.monotonic()
    body = json.dumps({"identifiers": [{"kind": "iban", "value": value}]})
    while True:
        b.request("POST", "/v1/check", body, {"Authorization": "Bearer " + checker,
                  "X-Purpose": "payment-screening", "Content-Type": "application/json"})
        r = b.getresponse()
        if json.loads(r.read())["results"][0]["known"]:
            break
        if time.monotonic() - t0 > 10:
            sys.exit("not known on node B after 10 s")
        time.sleep(0.001)
    out.append((time.monotonic() - t0) * 1000)
out.sort()
print("%.1f %.1f %.1f" % (out[len(out) // 2], out[int(len(out) * 0.99) - 1], out[-1]))
PY
)
  read -r d50 d99 dmax <<<"${delays:-- 99999 -}"

  if [ "${NODES_THROUGHPUT:-1}" != 0 ]; then
    printf '%-40s %10s req/s   redis GET %s req/s   ratio %s   (one node, --threads 1, wrk -t1 -c50; no target)\n' \
      "POST /v1/check, 1 node, $label" "${one:-?}" "${redis:-?}" "$(ratio "$one" "$redis")"
    printf '%-40s %10s req/s   redis GET %s req/s   ratio %s   (HAProxy round-robin, same 2 cores; no target)\n' \
      "POST /v1/check, 2 nodes, $label" "${two:-?}" "${redis:-?}" "$(ratio "$two" "$redis")"
    echo "  (medians of 3 alternating rounds; 1 node:${one_list}; 2 nodes:${two_list}; redis:${redis_list})"
  fi
  ok=$(awk -v m="${d99:-9999}" 'BEGIN { print (m <= 1000) ? "OK" : "MISS" }'); [ "$ok" = OK ] || fail=1
  printf '%-40s %10s ms      p50 %s ms   max %s ms   target p99 ≤ 1000 ms   %s\n' \
    "node A → node B p99, $label" "${d99:-?}" "${d50:-?}" "${dmax:-?}" "$ok"
  printf '%-40s %10s MB      (%s reports; RSS after start-up and the token index; no target)\n' \
    "node memory (RSS), $label" "$rss_mb" "${reports:-?}"
  stop_all
}

for store in ${NODES_STORES:-sqlite postgresql}; do
  case "$store" in
    sqlite)
      db=$(bench_db nodes) || { echo "nodes: no database   MISS"; fail=1; continue; }
      measure SQLite "$db" || fail=1
      ;;
    postgresql)
      in="$BENCH_TMP/ingest-1m.jsonl"  # 15-ingest-postgresql.sh's, when it ran
      if [ ! -s "$in" ]; then
        "$ZICHT" generate --reports 1000000 --seed 1 --output "$in" >/dev/null || { echo "nodes: generate failed   MISS"; fail=1; continue; }
      fi
      pg="$(mktemp -d /tmp/zicht-pg-nodes.XXXXXX)"
      url=$(pg_start "$pg" -c shared_buffers=256MB -c max_wal_size=4GB) || { echo "nodes: no PostgreSQL   MISS"; fail=1; continue; }
      "$ZICHT" ingest "$in" --store "$url" >/dev/null 2>&1 || { echo "nodes: ingest into PostgreSQL failed   MISS"; fail=1; continue; }
      measure PostgreSQL "$url" || fail=1
      pg_stop "$pg"; pg=""
      ;;
  esac
done
exit $fail
